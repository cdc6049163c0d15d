package io.jmongos.engine.agg;

import java.util.Iterator;
import java.util.List;
import java.util.Random;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;

import org.bson.BsonDocument;

/**
 * What a pipeline needs from the storage layer that runs it (implemented by the command layer).
 * All collections are in {@link #database()}.
 */
public interface PipelineContext {
    /** MongoDB's default per-stage memory limit for blocking stages ($sort, $group...): 100 MiB. */
    long DEFAULT_MEMORY_LIMIT_BYTES = 100L * 1024 * 1024;

    /** The database the aggregate runs in. */
    String database();

    /** Every document of {@code collection} ($lookup, $unionWith); an empty iterator when it does not exist. */
    Iterator<BsonDocument> scan(String collection);

    /**
     * The documents of {@code collection} that match {@code filter}. $lookup's equality form calls this with
     * {@code {foreignField: {$in: [...]}}} once per input document: override it to use an index.
     */
    default Iterator<BsonDocument> scan(String collection, BsonDocument filter) {
        QueryMatcher matcher = QueryCompiler.compile(filter);
        Iterator<BsonDocument> all = scan(collection);
        return new FilteringIterator(all, matcher);
    }

    /**
     * {@code $out}: atomically replace {@code collection}'s documents with {@code docs} (each has an
     * {@code _id}), keeping its indexes; create it if missing. Throw the usual CommandFailedException
     * (e.g. 11000 DuplicateKey) on failure, leaving the old contents in place.
     */
    void replaceCollection(String collection, Iterator<BsonDocument> docs);

    /**
     * {@code $merge}: the target collection's write access, keyed by the {@code on} fields. Throw 51183
     * when {@code onFields} is not {@code [_id]} and no unique index covers exactly these fields.
     */
    MergeTarget mergeTarget(String collection, List<String> onFields);

    /**
     * {@code $merge} into {@code db.collection} ({@code db} null: this database). Another database is refused
     * (238) unless the context can write there.
     */
    default MergeTarget mergeTarget(String db, String collection, List<String> onFields) {
        if (db == null || db.equals(database())) {
            return mergeTarget(collection, onFields);
        }
        throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, "$merge into another database (" + db
                + ") is not supported here");
    }

    /** The command's {@code let} document (constant expressions), or null. */
    default BsonDocument commandLet() {
        return null;
    }

    /** The aggregated collection's namespace ({@code db.collection}), or null for a database aggregate. */
    default String namespace() {
        return null;
    }

    /** The host name and port this server reports ({@code $collStats.host}). */
    default String host() {
        return "localhost";
    }

    /**
     * {@code $collStats}' storageStats: the aggregated collection's statistics as collStats reports them (with
     * {@code count}), sizes divided by {@code scale}. Throw the usual CommandFailedException (26 for a missing
     * collection, 166 for a view).
     */
    default BsonDocument storageStats(long scale) {
        throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED,
                "storage statistics are not available here");
    }

    /** Randomness for {@code $sample}. */
    /** {@code $indexStats}: one document per index of the aggregated collection; none when it is missing. */
    default List<BsonDocument> indexStats() {
        return List.of();
    }

    default Random random() {
        return new Random();
    }

    /** Bytes a blocking stage may hold before failing with 292 (allowDiskUse is not implemented: no spilling). */
    default long memoryLimitBytes() {
        return DEFAULT_MEMORY_LIMIT_BYTES;
    }
}
