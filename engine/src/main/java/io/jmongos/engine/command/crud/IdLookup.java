package io.jmongos.engine.command.crud;

import java.util.List;

import io.jmongos.engine.agg.expr.Variables;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.command.EngineServices;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.exec.Deadline;
import io.jmongos.engine.exec.ListStream;
import io.jmongos.engine.exec.QueryStream;
import io.jmongos.engine.query.Projection;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.ReadView;
import io.jmongos.engine.write.CollectionWriter;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * MongoDB's IDHACK: a find whose filter is exactly {@code {_id: <scalar>}} (no hint; no sort, or a sort on _id
 * alone; any projection) reads its one document by record key, without the planner or an iterator. The key
 * encoding makes equal values (1, 1L, 1.0) the same key, so the point read finds what the matcher would.
 */
final class IdLookup {
    private IdLookup() {
    }

    /** The query's _id value when the fast path applies, else null. */
    static BsonValue idOf(QuerySupport.Query q) {
        BsonDocument filter = q.filter();
        if (filter == null || filter.size() != 1 || q.hint() != null && !emptyHint(q.hint())
                || !sortOnIdOnly(q.sort())) {
            return null;
        }
        BsonValue id = filter.get("_id");
        return id != null && pointType(id) ? id : null;
    }

    /** The stream of the (zero or one) matching document, read now from {@code view}; nothing to close. */
    static QueryStream read(EngineServices services, ReadView view, CollectionMeta c, QuerySupport.Query q,
                            BsonValue id, Deadline deadline, Variables vars) {
        Projection projection = q.projection() == null || q.projection().isEmpty() ? null
                : Projection.compile(q.projection(), q.filter(), vars);
        services.catalog().usage().usedId(c);
        byte[] bson = view.get(services.store().records(), CollectionWriter.recordKey(c, id));
        List<BsonDocument> docs = bson == null ? List.of() : List.of(BsonBytes.toRaw(bson));
        return new QueryStream(new ListStream(docs), null, null, q.skip(), q.limit(), projection,
                services.options().sortMemoryLimitBytes(), deadline);
    }

    /** Values whose equality is exactly key equality (no documents, arrays, regexes, null or min/max keys). */
    static boolean pointType(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32: case INT64: case DOUBLE: case DECIMAL128: case STRING: case OBJECT_ID: case BINARY:
            case BOOLEAN: case DATE_TIME: case TIMESTAMP:
                return true;
            default:
                return false;
        }
    }

    private static boolean sortOnIdOnly(BsonDocument sort) {
        if (sort == null || sort.isEmpty()) {
            return true;
        }
        if (sort.size() != 1 || !sort.containsKey("_id") || !sort.get("_id").isNumber()) {
            return false;
        }
        double d = sort.get("_id").asNumber().doubleValue();
        return d == 1 || d == -1;
    }

    private static boolean emptyHint(BsonValue hint) {
        return hint.isDocument() && hint.asDocument().isEmpty() || hint.isString() && hint.asString().getValue()
                .isEmpty();
    }
}
