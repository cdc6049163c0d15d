package io.jmongos.engine.agg.stage;

import java.util.Map;

import io.jmongos.engine.agg.expr.Variables;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Applies a {@link ProjectionTree}: inclusion keeps the listed fields (input order, {@code _id} by default)
 * then adds computed fields; exclusion drops fields; computed fields replace in place or append. Arrays on
 * the way are traversed element by element (aggregation semantics).
 */
final class ProjectionApplier {
    private ProjectionApplier() {
    }

    /** Inclusion: the included fields of {@code doc}; at the top level {@code _id} unless excluded. */
    static BsonDocument include(BsonDocument doc, ProjectionTree tree, boolean top) {
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            ProjectionTree.Node n = tree.fields.get(e.getKey());
            if (n == null) {
                if (top && e.getKey().equals("_id")) {
                    out.put("_id", e.getValue());
                }
                continue;
            }
            if (n.kind() == ProjectionTree.Kind.INCLUDE) {
                out.put(e.getKey(), e.getValue());
            } else if (n.kind() == ProjectionTree.Kind.SUB) {
                BsonValue v = includeValue(e.getValue(), n.sub());
                if (v != null) {
                    out.put(e.getKey(), v);
                }
            }
        }
        return out;
    }

    private static BsonValue includeValue(BsonValue v, ProjectionTree sub) {
        if (v.isDocument()) {
            return include(v.asDocument(), sub, false);
        }
        if (v.isArray()) {
            BsonArray out = new BsonArray();
            for (BsonValue e : v.asArray()) {
                BsonValue r = includeValue(e, sub);
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        }
        return null;
    }

    /** Exclusion: {@code doc} without the excluded fields. */
    static BsonDocument exclude(BsonDocument doc, ProjectionTree tree) {
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            ProjectionTree.Node n = tree.fields.get(e.getKey());
            if (n == null) {
                out.put(e.getKey(), e.getValue());
            } else if (n.kind() == ProjectionTree.Kind.SUB) {
                out.put(e.getKey(), excludeValue(e.getValue(), n.sub()));
            }
        }
        return out;
    }

    private static BsonValue excludeValue(BsonValue v, ProjectionTree sub) {
        if (v.isDocument()) {
            return exclude(v.asDocument(), sub);
        }
        if (v.isArray()) {
            BsonArray out = new BsonArray();
            for (BsonValue e : v.asArray()) {
                out.add(excludeValue(e, sub));
            }
            return out;
        }
        return v;
    }

    /** Sets the computed fields of {@code tree} in (a copy of) {@code doc}; missing results remove the field. */
    static BsonDocument compute(BsonDocument root, BsonDocument doc, ProjectionTree tree, Variables vars,
                                boolean copy) {
        BsonDocument out = copy ? DocPaths.copy(doc) : doc;
        for (Map.Entry<String, ProjectionTree.Node> e : tree.fields.entrySet()) {
            ProjectionTree.Node n = e.getValue();
            String name = e.getKey();
            if (n.kind() == ProjectionTree.Kind.COMPUTED) {
                BsonValue v = n.expr().evaluate(root, vars);
                if (v == null) {
                    out.remove(name);
                } else {
                    out.put(name, v);
                }
            } else if (n.kind() == ProjectionTree.Kind.SUB && n.sub().has(ProjectionTree.Kind.COMPUTED, false)) {
                out.put(name, computeValue(root, out.get(name), n.sub(), vars));
            }
        }
        return out;
    }

    private static BsonValue computeValue(BsonDocument root, BsonValue v, ProjectionTree sub, Variables vars) {
        if (v != null && v.isDocument()) {
            return compute(root, v.asDocument(), sub, vars, true);
        }
        if (v != null && v.isArray()) {
            BsonArray out = new BsonArray();
            for (BsonValue e : v.asArray()) {
                out.add(computeValue(root, e, sub, vars));
            }
            return out;
        }
        return compute(root, new BsonDocument(), sub, vars, false);
    }
}
