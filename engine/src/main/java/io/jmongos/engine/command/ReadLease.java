package io.jmongos.engine.command;

import io.jmongos.engine.storage.ReadSnapshot;
import io.jmongos.engine.storage.ReadView;

/**
 * The read view of one operation: the open transaction's (not closed here), or a fresh snapshot owned by
 * the lease (closed with it, or handed to a cursor with {@link #detach()}).
 */
public final class ReadLease implements AutoCloseable {
    private final ReadView view;
    private ReadSnapshot owned;

    ReadLease(ReadView view, ReadSnapshot owned) {
        this.view = view;
        this.owned = owned;
    }

    public ReadView view() {
        return view;
    }

    /** Hands the owned snapshot (if any) to the caller, e.g. a cursor; the lease no longer closes it. */
    public AutoCloseable detach() {
        ReadSnapshot s = owned;
        owned = null;
        return s;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
            owned = null;
        }
    }
}
