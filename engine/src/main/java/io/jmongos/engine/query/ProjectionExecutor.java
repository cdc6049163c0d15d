package io.jmongos.engine.query;

import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.agg.expr.Variables;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Applies a parsed projection tree to one document. */
final class ProjectionExecutor {
    private final BsonDocument rootDoc;
    private final MatchDetails details;
    private final Variables vars;
    /** The positional projection applies to the first array on its path only. */
    private boolean positionalDone;

    ProjectionExecutor(BsonDocument rootDoc, MatchDetails details, Variables vars) {
        this.rootDoc = rootDoc;
        this.details = details;
        this.vars = vars;
    }

    BsonDocument apply(ProjectionNode root, boolean inclusion) {
        return inclusion ? include(rootDoc, root) : exclude(rootDoc, root);
    }

    /** Inclusion: listed fields in document order, then computed fields in specification order. */
    private BsonDocument include(BsonDocument in, ProjectionNode node) {
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : in.entrySet()) {
            ProjectionNode child = node.children.get(e.getKey());
            if (child == null) {
                continue;
            }
            BsonValue projected = includeValue(e.getValue(), child);
            if (projected != null) {
                out.put(e.getKey(), projected);
            }
        }
        for (Map.Entry<String, ProjectionNode> c : node.children.entrySet()) {
            ProjectionNode child = c.getValue();
            if (child.kind == ProjectionNode.Kind.EXPRESSION) {
                BsonValue v = child.expression.evaluate(rootDoc, vars);
                if (v != null) {
                    out.put(c.getKey(), v);
                } else {
                    out.remove(c.getKey());
                }
            } else if (child.kind == ProjectionNode.Kind.INTERNAL && !out.containsKey(c.getKey())
                    && child.hasExpressions()) {
                out.put(c.getKey(), include(new BsonDocument(), child));
            }
        }
        return out;
    }

    private BsonValue includeValue(BsonValue v, ProjectionNode node) {
        switch (node.kind) {
            case INCLUDE:
                return v;
            case EXCLUDE:
            case EXPRESSION:
                return null;
            case SLICE:
                return slice(v, node);
            case ELEM_MATCH:
                return elemMatch(v, node);
            case POSITIONAL:
                return positional(v);
            default:
                if (v.isDocument()) {
                    return include(v.asDocument(), node);
                }
                if (v.isArray()) {
                    if (!positionalDone && node.hasPositional()) {
                        BsonArray one = positional(v).asArray();
                        return includeArray(one, node);
                    }
                    return includeArray(v.asArray(), node);
                }
                return node.hasExpressions() ? include(new BsonDocument(), node) : null;
        }
    }

    /** Sub-paths through an array: documents are projected, nested arrays recursed, scalars dropped. */
    private BsonArray includeArray(BsonArray arr, ProjectionNode node) {
        BsonArray out = new BsonArray();
        for (BsonValue el : arr) {
            if (el.isDocument()) {
                out.add(include(el.asDocument(), node));
            } else if (el.isArray()) {
                out.add(includeArray(el.asArray(), node));
            } else if (node.hasExpressions()) {
                out.add(include(new BsonDocument(), node));
            }
        }
        return out;
    }

    /** Exclusion: everything but the listed fields; find $slice leaves slice in place. */
    private BsonDocument exclude(BsonDocument in, ProjectionNode node) {
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : in.entrySet()) {
            ProjectionNode child = node.children.get(e.getKey());
            if (child == null) {
                out.put(e.getKey(), e.getValue());
                continue;
            }
            BsonValue v = excludeValue(e.getValue(), child);
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private BsonValue excludeValue(BsonValue v, ProjectionNode node) {
        switch (node.kind) {
            case EXCLUDE:
                return null;
            case SLICE:
                return slice(v, node);
            case INTERNAL:
                if (v.isDocument()) {
                    return exclude(v.asDocument(), node);
                }
                if (v.isArray()) {
                    BsonArray out = new BsonArray();
                    for (BsonValue el : v.asArray()) {
                        out.add(excludeValue(el, node));
                    }
                    return out;
                }
                return v;
            default:
                return v;
        }
    }

    /** Find {@code $slice}: n first (or -n last) elements, or [skip, limit]; non-arrays pass unchanged. */
    private static BsonValue slice(BsonValue v, ProjectionNode node) {
        if (!v.isArray()) {
            return v;
        }
        BsonArray arr = v.asArray();
        int size = arr.size();
        int from;
        int to;
        if (node.sliceSkip == null) {
            int n = node.sliceLimit;
            from = n >= 0 ? 0 : Math.max(0, size + n);
            to = n >= 0 ? Math.min(size, n) : size;
        } else {
            int skip = node.sliceSkip;
            from = skip >= 0 ? Math.min(skip, size) : Math.max(0, size + skip);
            to = (int) Math.min(size, (long) from + node.sliceLimit);
        }
        return new BsonArray(arr.subList(from, to));
    }

    private BsonValue elemMatch(BsonValue v, ProjectionNode node) {
        if (!v.isArray()) {
            return null;
        }
        MatchDetails d = new MatchDetails();
        if (!node.elemMatch.matches(rootDoc, d) || d.elemMatchKey() == null) {
            return null;
        }
        int idx = Integer.parseInt(d.elemMatchKey());
        return new BsonArray(java.util.List.of(v.asArray().get(idx)));
    }

    private BsonValue positional(BsonValue v) {
        if (!v.isArray() || positionalDone) {
            return v;
        }
        String key = details == null ? null : details.elemMatchKey();
        BsonArray arr = v.asArray();
        if (key == null || Integer.parseInt(key) >= arr.size()) {
            throw new CommandFailedException(51246, "Location51246",
                    "Executor error during find command :: caused by :: positional operator '.$' couldn't find "
                            + "a matching element in the array");
        }
        positionalDone = true;
        return new BsonArray(java.util.List.of(arr.get(Integer.parseInt(key))));
    }
}
