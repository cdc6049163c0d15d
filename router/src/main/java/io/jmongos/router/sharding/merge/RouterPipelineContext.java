package io.jmongos.router.sharding.merge;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.MergeTarget;
import io.jmongos.engine.agg.PipelineContext;

/** Where the router's part of a split aggregation runs: no collections to read, none to write. */
final class RouterPipelineContext implements PipelineContext {
    private final String db;

    RouterPipelineContext(String db) {
        this.db = db;
    }

    @Override
    public String database() {
        return db;
    }

    @Override
    public Iterator<BsonDocument> scan(String collection) {
        return Collections.emptyIterator();
    }

    @Override
    public void replaceCollection(String collection, Iterator<BsonDocument> docs) {
        throw noWrites();
    }

    @Override
    public MergeTarget mergeTarget(String collection, List<String> onFields) {
        throw noWrites();
    }

    private static CommandFailedException noWrites() {
        return new CommandFailedException(ErrorCode.NOT_IMPLEMENTED,
                "$out and $merge on a sharded collection are not supported by jmongos yet");
    }
}
