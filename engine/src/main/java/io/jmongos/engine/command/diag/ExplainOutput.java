package io.jmongos.engine.command.diag;

import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.plan.QueryPlan;
import io.jmongos.engine.write.ShellFormat;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * Explain replies. {@code queryPlanner.winningPlan.stage} is the access stage, IXSCAN (with
 * {@code indexName}, {@code keyPattern}, {@code indexBounds}) or COLLSCAN; a blocking sort, skip, limit or
 * projection are described by fields of the same document.
 */
public final class ExplainOutput {
    private ExplainOutput() {
    }

    public static BsonDocument winningPlan(QueryPlan plan, QuerySupport.Query q) {
        BsonDocument w = new BsonDocument();
        if (plan == null || plan.isCollectionScan()) {
            w.append("stage", new BsonString("COLLSCAN"));
        } else {
            w.append("stage", new BsonString("IXSCAN")).append("keyPattern", plan.keyPattern())
                    .append("indexName", new BsonString(plan.indexName()))
                    .append("isMultiKey", BsonBoolean.valueOf(plan.index() != null && plan.index().multikey()))
                    .append("isUnique", BsonBoolean.valueOf(plan.index() == null || plan.index().unique()))
                    .append("isSparse", BsonBoolean.valueOf(plan.index() != null && plan.index().sparse()))
                    .append("isPartial", BsonBoolean.valueOf(plan.index() != null
                            && plan.index().partialFilter() != null))
                    .append("indexBounds", plan.bounds());
        }
        w.append("direction", new BsonString(plan != null && plan.reverse() ? "backward" : "forward"));
        if (q.filter() != null && !q.filter().isEmpty()) {
            w.append("filter", q.filter());
        }
        if (q.sort() != null && !q.sort().isEmpty()) {
            w.append("sortPattern", q.sort()).append("blockingSort", BsonBoolean.valueOf(plan == null
                    || !plan.providesSort()));
        }
        if (q.skip() > 0) {
            w.append("skipAmount", new BsonInt64(q.skip()));
        }
        if (q.limit() > 0) {
            w.append("limitAmount", new BsonInt64(q.limit()));
        }
        if (q.projection() != null && !q.projection().isEmpty()) {
            w.append("projection", q.projection());
        }
        return w;
    }

    /** "IXSCAN { a: 1 }" or "COLLSCAN", as in MongoDB's planSummary. */
    public static String planSummary(QueryPlan plan) {
        return plan == null || plan.isCollectionScan() ? "COLLSCAN"
                : "IXSCAN " + ShellFormat.format(plan.keyPattern());
    }

    public static BsonDocument queryPlanner(String ns, QueryPlan plan, QuerySupport.Query q) {
        return new BsonDocument("namespace", new BsonString(ns)).append("indexFilterSet", BsonBoolean.FALSE)
                .append("parsedQuery", q.filter() == null ? new BsonDocument() : q.filter())
                .append("planSummary", new BsonString(planSummary(plan)))
                .append("winningPlan", winningPlan(plan, q)).append("rejectedPlans", new BsonArray());
    }

    public static BsonDocument reply(BsonDocument queryPlanner, BsonDocument executionStats, BsonDocument command) {
        BsonDocument r = new BsonDocument("explainVersion", new BsonString("1")).append("queryPlanner", queryPlanner);
        if (executionStats != null) {
            r.append("executionStats", executionStats);
        }
        return r.append("command", command).append("ok", new BsonDouble(1));
    }

    public static BsonDocument forAggregate(String ns, QuerySupport.Planned planned, QuerySupport.Query q,
                                            BsonArray stages, BsonDocument command) {
        BsonDocument qp = queryPlanner(ns, planned == null ? null : planned.plan(), q);
        if (planned != null) {
            planned.stream().close();
        }
        BsonDocument r = reply(qp, null, command);
        r.append("stages", stages);
        return r;
    }
}
