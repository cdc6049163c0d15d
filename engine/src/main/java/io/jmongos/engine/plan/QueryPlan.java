package io.jmongos.engine.plan;

import java.util.List;
import java.util.function.Supplier;

import io.jmongos.engine.catalog.IndexMeta;
import org.bson.BsonDocument;

/**
 * How a query reads a collection: the whole record store (COLLSCAN), ranges of the record store by _id,
 * or ranges of a secondary index; forward or reverse; and whether the read order already is the sort.
 *
 * @param index        the secondary index, or null for record-store access
 * @param idRanges     true when {@code ranges} are _id ranges of the record store (explain: IXSCAN _id_)
 * @param ranges       absolute key ranges in ascending key order
 * @param reverse      scan direction
 * @param providesSort true when no blocking sort is needed
 * @param dedupe       true when one document may appear under several keys (multikey index)
 * @param boundsSource explain's indexBounds, built only when explain asks (not for every query)
 */
public record QueryPlan(IndexMeta index, boolean idRanges, List<KeyRange> ranges, boolean reverse,
                        boolean providesSort, boolean dedupe, Supplier<BsonDocument> boundsSource) {
    /** Explain's indexBounds. */
    public BsonDocument bounds() {
        return boundsSource.get();
    }

    public boolean isCollectionScan() {
        return index == null && !idRanges;
    }

    /** COLLSCAN or IXSCAN. */
    public String stage() {
        return isCollectionScan() ? "COLLSCAN" : "IXSCAN";
    }

    /** The index name for explain, or null for a collection scan. */
    public String indexName() {
        return index != null ? index.name() : idRanges ? "_id_" : null;
    }

    /** The scanned index's key pattern, or null. */
    public BsonDocument keyPattern() {
        return index != null ? index.keyPattern() : idRanges ? new BsonDocument("_id", new org.bson.BsonInt32(1))
                : null;
    }
}
