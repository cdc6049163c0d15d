package io.jmongos.engine.command;

import io.jmongos.engine.EngineOptions;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.changes.ChangeStreams;
import io.jmongos.engine.cursor.CursorManager;
import io.jmongos.engine.storage.RocksStore;
import io.jmongos.engine.storage.SnapshotHistory;
import io.jmongos.engine.txn.SessionCatalog;
import io.jmongos.engine.write.CollectionWriter;

/** The engine's shared services, handed to every command. */
public record EngineServices(EngineOptions options, RocksStore store, Catalog catalog, CollectionWriter writer,
                             CursorManager cursors, SessionCatalog sessions, SnapshotHistory snapshots,
                             ChangeStreams changes) {
}
