package io.jmongos.engine.command;

import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;

/** A collection opened for writing: its catalog entry, with the catalog's shared lock held until close. */
public final class WriteTarget implements AutoCloseable {
    private final CollectionMeta meta;
    private final Catalog.Held held;

    WriteTarget(CollectionMeta meta, Catalog.Held held) {
        this.meta = meta;
        this.held = held;
    }

    public CollectionMeta meta() {
        return meta;
    }

    @Override
    public void close() {
        held.close();
    }
}
