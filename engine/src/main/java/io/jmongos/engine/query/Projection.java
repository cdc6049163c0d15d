package io.jmongos.engine.query;

import io.jmongos.engine.agg.expr.Variables;
import org.bson.BsonDocument;

/**
 * A compiled find projection (MongoDB 4.4+ semantics): inclusion or exclusion of (dotted) fields, the
 * {@code _id} rules, find-only {@code $slice}, {@code $elemMatch} and positional {@code a.$}, and aggregation
 * expressions as computed fields. {@code $meta} is refused with 238 NotImplemented.
 */
public final class Projection {
    private static final Projection IDENTITY = new Projection(null, false, Variables.empty());

    private final ProjectionNode root;
    private final boolean inclusion;
    private final Variables vars;

    Projection(ProjectionNode root, boolean inclusion, Variables vars) {
        this.root = root;
        this.inclusion = inclusion;
        this.vars = vars;
    }

    /** Compiles a projection; {@code null} or empty means "whole document". */
    public static Projection compile(BsonDocument spec) {
        return compile(spec, null, Variables.empty());
    }

    /**
     * Compiles a projection for a find with {@code filter} (checked against positional projections, 31277)
     * and the command's {@code let} variables.
     *
     * @throws io.jmongos.common.CommandFailedException with MongoDB's codes (31249-31325, 16410, ...)
     */
    public static Projection compile(BsonDocument spec, BsonDocument filter, Variables vars) {
        if (spec == null || spec.isEmpty()) {
            return IDENTITY;
        }
        return new ProjectionParser(spec, filter, vars).parse();
    }

    /** True for inclusion projections (only listed fields, plus _id unless excluded). */
    public boolean isInclusion() {
        return inclusion;
    }

    /** True when the projection returns documents unchanged. */
    public boolean isIdentity() {
        return root == null;
    }

    /**
     * Projects one document into a new one (the input is not modified).
     *
     * @param details the filter's match details, for positional {@code a.$} (may be null otherwise)
     * @throws io.jmongos.common.CommandFailedException 51246 when a positional projection finds no match
     */
    public BsonDocument apply(BsonDocument doc, MatchDetails details) {
        if (root == null) {
            return doc;
        }
        return new ProjectionExecutor(doc, details, vars).apply(root, inclusion);
    }
}
