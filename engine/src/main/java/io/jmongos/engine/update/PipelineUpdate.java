package io.jmongos.engine.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.Variables;
import io.jmongos.engine.query.BsonTypeAliases;
import io.jmongos.engine.query.Projection;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * An update pipeline: {@code $addFields}/{@code $set}, {@code $unset}, {@code $project},
 * {@code $replaceRoot}/{@code $replaceWith} stages over the document, with aggregation expressions.
 */
final class PipelineUpdate {
    /** One compiled stage: document in, document out. */
    @FunctionalInterface
    private interface Stage {
        BsonDocument apply(BsonDocument doc, Variables vars);
    }

    private final List<Stage> stages = new ArrayList<>();

    PipelineUpdate(BsonArray pipeline) {
        for (BsonValue s : pipeline) {
            if (!s.isDocument() || s.asDocument().size() != 1) {
                throw new CommandFailedException(40323, "Location40323",
                        "A pipeline stage specification object must contain exactly one field.");
            }
            String name = s.asDocument().getFirstKey();
            stages.add(compile(name, s.asDocument().get(name)));
        }
    }

    BsonDocument apply(BsonDocument doc, Variables vars) {
        BsonDocument cur = doc;
        for (Stage s : stages) {
            cur = s.apply(cur, vars);
        }
        return cur;
    }

    private static Stage compile(String name, BsonValue spec) {
        switch (name) {
            case "$addFields":
            case "$set":
                if (!spec.isDocument()) {
                    throw new CommandFailedException(40272, "Location40272",
                            name + " specification stage must be an object, got " + typeOf(spec));
                }
                AddFields add = new AddFields(spec.asDocument());
                return add::apply;
            case "$unset":
                return unset(spec);
            case "$project":
                if (!spec.isDocument()) {
                    throw new CommandFailedException(15969, "Location15969",
                            "$project specification must be an object");
                }
                Projection p = Projection.compile(spec.asDocument());
                return (doc, vars) -> p.apply(doc, null);
            case "$replaceRoot":
                if (!spec.isDocument() || !spec.asDocument().containsKey("newRoot")) {
                    throw new CommandFailedException(40231, "Location40231",
                            "no newRoot specified for the $replaceRoot stage");
                }
                return replace(spec.asDocument().get("newRoot"));
            case "$replaceWith":
                return replace(spec);
            default:
                if (!name.startsWith("$")) {
                    throw new CommandFailedException(16435, "Location16435",
                            "A pipeline stage specification object must contain exactly one field.");
                }
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                        name + " is not allowed to be used within an update");
        }
    }

    private static Stage unset(BsonValue spec) {
        List<String> fields = new ArrayList<>();
        if (spec.isString()) {
            fields.add(spec.asString().getValue());
        } else if (spec.isArray() && !spec.asArray().isEmpty()) {
            for (BsonValue v : spec.asArray()) {
                if (!v.isString()) {
                    throw new CommandFailedException(31120, "Location31120",
                            "$unset specification must be a string or an array containing only string values");
                }
                fields.add(v.asString().getValue());
            }
        } else {
            throw new CommandFailedException(31002, "Location31002",
                    "$unset specification must be a string or an array with at least one field");
        }
        BsonDocument exclusion = new BsonDocument();
        for (String f : fields) {
            exclusion.put(f, new org.bson.BsonInt32(0));
        }
        Projection p = Projection.compile(exclusion);
        return (doc, vars) -> p.apply(doc, null);
    }

    private static Stage replace(BsonValue spec) {
        Expression e = ExpressionCompiler.compile(spec);
        return (doc, vars) -> {
            BsonValue v = e.evaluate(doc, vars);
            if (v == null || !v.isDocument()) {
                throw new CommandFailedException(40228, "Location40228",
                        "'replacement document' must evaluate to an object, but resulting value was: "
                                + (v == null ? "MISSING" : BsonRender.value(v)) + ". Type of resulting value: '"
                                + typeOf(v) + "'. Input document: " + BsonRender.value(doc));
            }
            return v.asDocument();
        };
    }

    private static String typeOf(BsonValue v) {
        return v == null ? "missing" : BsonTypeAliases.nameOf(v.getBsonType());
    }

    /** {@code $addFields}: sets (dotted or nested) fields to expression values, merging into documents. */
    private static final class AddFields {
        private final Map<String, Object> fields = new java.util.LinkedHashMap<>();

        AddFields(BsonDocument spec) {
            for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
                add(fields, e.getKey().split("\\.", -1), 0, e.getValue());
            }
        }

        @SuppressWarnings("unchecked")
        private static void add(Map<String, Object> into, String[] parts, int i, BsonValue v) {
            if (i == parts.length - 1) {
                if (v.isDocument() && !v.asDocument().isEmpty() && !v.asDocument().getFirstKey().startsWith("$")) {
                    Map<String, Object> sub = (Map<String, Object>) into.computeIfAbsent(parts[i],
                            k -> new java.util.LinkedHashMap<String, Object>());
                    for (Map.Entry<String, BsonValue> e : v.asDocument().entrySet()) {
                        add(sub, e.getKey().split("\\.", -1), 0, e.getValue());
                    }
                } else {
                    into.put(parts[i], ExpressionCompiler.compile(v));
                }
                return;
            }
            Object sub = into.computeIfAbsent(parts[i], k -> new java.util.LinkedHashMap<String, Object>());
            if (!(sub instanceof Map)) {
                throw new CommandFailedException(40176, "Location40176",
                        "specification contains two conflicting paths. Cannot specify both '" + parts[i]
                                + "' and a sub-path of it");
            }
            add((Map<String, Object>) sub, parts, i + 1, v);
        }

        BsonDocument apply(BsonDocument doc, Variables vars) {
            BsonDocument out = BsonCopies.document(doc);
            setAll(out, fields, doc, vars);
            return out;
        }

        @SuppressWarnings("unchecked")
        private static void setAll(BsonDocument target, Map<String, Object> spec, BsonDocument root, Variables vars) {
            for (Map.Entry<String, Object> e : spec.entrySet()) {
                if (e.getValue() instanceof Expression) {
                    BsonValue v = ((Expression) e.getValue()).evaluate(root, vars);
                    if (v == null) {
                        target.remove(e.getKey());
                    } else {
                        target.put(e.getKey(), v);
                    }
                    continue;
                }
                Map<String, Object> sub = (Map<String, Object>) e.getValue();
                BsonValue cur = target.get(e.getKey());
                if (cur != null && cur.isArray()) {
                    BsonArray arr = new BsonArray();
                    for (BsonValue el : cur.asArray()) {
                        BsonDocument d = el.isDocument() ? el.asDocument() : new BsonDocument();
                        setAll(d, sub, root, vars);
                        arr.add(d);
                    }
                    target.put(e.getKey(), arr);
                } else {
                    BsonDocument d = cur != null && cur.isDocument() ? cur.asDocument() : new BsonDocument();
                    setAll(d, sub, root, vars);
                    target.put(e.getKey(), d);
                }
            }
        }
    }
}
