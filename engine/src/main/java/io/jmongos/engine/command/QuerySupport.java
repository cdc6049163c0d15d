package io.jmongos.engine.command;

import java.util.List;

import io.jmongos.engine.agg.expr.Variables;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.exec.Deadline;
import io.jmongos.engine.exec.DocumentStream;
import io.jmongos.engine.exec.IndexScan;
import io.jmongos.engine.exec.ListStream;
import io.jmongos.engine.exec.QueryStream;
import io.jmongos.engine.exec.RecordScan;
import io.jmongos.engine.plan.KeyRange;
import io.jmongos.engine.plan.QueryPlan;
import io.jmongos.engine.plan.QueryPlanner;
import io.jmongos.engine.query.Projection;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;
import io.jmongos.engine.query.SortSpec;
import io.jmongos.engine.storage.ReadView;
import io.jmongos.engine.write.CappedRecords;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Plans a query and builds its document stream over a read view. */
public final class QuerySupport {
    private QuerySupport() {
    }

    /** A query's parts; null members mean "none". */
    public record Query(BsonDocument filter, BsonDocument sort, long skip, long limit, BsonDocument projection,
                        BsonValue hint) {
        public static Query filter(BsonDocument filter) {
            return new Query(filter, null, 0, 0, null, null);
        }
    }

    /** A planned query: the plan (null for a missing collection), its stream and the storage source under it. */
    public record Planned(QueryPlan plan, QueryStream stream, DocumentStream source) {
        /** Index keys read so far (0 for record-store scans). */
        public long keysExamined() {
            return source instanceof IndexScan ? ((IndexScan) source).keysExamined() : 0;
        }
    }

    public static Planned plan(EngineServices services, ReadView view, CollectionMeta c, Query q,
                               Deadline deadline) {
        return plan(services, view, c, q, deadline, Variables.empty());
    }

    /** Plans with the command's {@code let} variables (for {@code $expr} and projection expressions). */
    public static Planned plan(EngineServices services, ReadView view, CollectionMeta c, Query q,
                               Deadline deadline, Variables vars) {
        QueryMatcher matcher = q.filter() == null || q.filter().isEmpty() ? null
                : QueryCompiler.compile(q.filter(), vars);
        SortSpec sort = SortSpec.compile(q.sort());
        Projection projection = q.projection() == null || q.projection().isEmpty() ? null
                : Projection.compile(q.projection(), q.filter(), vars);
        long sortLimit = services.options().sortMemoryLimitBytes();
        if (c == null) {
            ListStream empty = new ListStream(List.of());
            return new Planned(null, new QueryStream(empty, matcher, null, 0, 0, null, sortLimit, deadline), empty);
        }
        QueryPlan plan = QueryPlanner.plan(c, q.filter(), sort, q.hint(), view.sequence());
        DocumentStream source = source(services, view, c, plan);
        QueryStream stream = new QueryStream(source, matcher, plan.providesSort() ? null : sort, q.skip(), q.limit(),
                projection, sortLimit, deadline);
        return new Planned(plan, stream, source);
    }

    /** The plan's storage source; a capped collection's collection scan reads in insertion order. */
    public static DocumentStream source(EngineServices services, ReadView view, CollectionMeta c, QueryPlan plan) {
        if (plan.isCollectionScan() && c.capped()) {
            byte[][] natural = CappedRecords.orderRange(c);
            return new IndexScan(view, services.store(), c, List.of(new KeyRange(natural[0], natural[1])),
                    plan.reverse(), false);
        }
        if (plan.index() == null) {
            if (!plan.isCollectionScan()) {
                services.catalog().usage().usedId(c);
            }
            return new RecordScan(view, services.store(), plan.ranges(), plan.reverse());
        }
        services.catalog().usage().used(plan.index());
        return new IndexScan(view, services.store(), c, plan.ranges(), plan.reverse(), plan.dedupe());
    }
}
