package io.jmongos.engine.command;

import io.jmongos.engine.storage.ReadView;

/**
 * The read view of one operation: the open transaction's (not closed here), or a snapshot owned by the
 * lease (closed with it, or handed to a cursor with {@link #detach()}).
 */
public final class ReadLease implements AutoCloseable {
    private final ReadView view;
    private AutoCloseable owned;

    ReadLease(ReadView view, AutoCloseable owned) {
        this.view = view;
        this.owned = owned;
    }

    public ReadView view() {
        return view;
    }

    /** Hands the owned snapshot (if any) to the caller, e.g. a cursor; the lease no longer closes it. */
    public AutoCloseable detach() {
        AutoCloseable s = owned;
        owned = null;
        return s;
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing a read snapshot", e);
            } finally {
                owned = null;
            }
        }
    }
}
