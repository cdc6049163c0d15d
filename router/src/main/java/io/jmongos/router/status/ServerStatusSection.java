package io.jmongos.router.status;

import org.bson.BsonValue;

/**
 * One section of the {@code serverStatus} reply (e.g. {@code connections}, {@code transactions},
 * {@code metrics}). Services register sections in {@link ServerStatusSections}; two sections with the
 * same name whose reports are documents are merged (so several services can add to {@code metrics}).
 */
public interface ServerStatusSection {
    /** The top-level field name in the reply. */
    String name();

    /**
     * Whether the section appears without being asked for. Like MongoDB, {@code {serverStatus: 1, x: 0}}
     * leaves a default section out and {@code {x: 1}} brings a non-default one in.
     */
    default boolean includedByDefault() {
        return true;
    }

    /** The section's current value; called on a command worker thread, must not block for long. */
    BsonValue report();
}
