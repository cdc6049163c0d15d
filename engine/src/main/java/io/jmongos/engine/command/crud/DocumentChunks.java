package io.jmongos.engine.command.crud;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.ReadLease;
import io.jmongos.engine.storage.KeyEncoder;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Drives a multi-document write (update multi, delete limit 0): reads matching _ids a chunk at a time
 * (the storage iterator is released before any write), then hands each _id to a per-document action.
 * Each document is written in its own storage transaction outside a transaction; inside one, documents
 * already handled are remembered so an index scan cannot revisit a document moved forward by an update.
 */
final class DocumentChunks {
    /** Documents read before the iterator is released and they are written. */
    static final int CHUNK_SIZE = 256;

    private DocumentChunks() {
    }

    /** Calls {@code action} for each matching _id; it returns true when the document was handled. */
    static long forEachMatch(OperationContext op, CollectionMeta c, BsonDocument filter, BsonValue hint,
                             Predicate<BsonValue> action) {
        long handled = 0;
        Set<String> done = op.inTransaction() ? new HashSet<>() : null;
        try (ReadLease lease = op.openRead()) {
            QuerySupport.Planned p = QuerySupport.plan(op.services(), lease.view(), c,
                    new QuerySupport.Query(filter, null, 0, 0, null, hint), op.deadline(), op.letVariables());
            try (var stream = p.stream()) {
                while (true) {
                    List<BsonValue> ids = new ArrayList<>(CHUNK_SIZE);
                    BsonDocument doc;
                    while (ids.size() < CHUNK_SIZE && (doc = stream.next()) != null) {
                        ids.add(doc.get("_id"));
                    }
                    stream.suspend();
                    for (BsonValue id : ids) {
                        if (done != null && !done.add(java.util.HexFormat.of().formatHex(KeyEncoder.encode(id)))) {
                            continue;
                        }
                        if (action.test(id)) {
                            handled++;
                        }
                    }
                    if (ids.size() < CHUNK_SIZE) {
                        return handled;
                    }
                    op.deadline().check();
                }
            }
        }
    }
}
