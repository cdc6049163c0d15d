package io.jmongos.engine.agg.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.LiteralExpression;
import io.jmongos.engine.agg.expr.Values;
import io.jmongos.engine.agg.group.Accumulators;
import io.jmongos.engine.agg.group.GroupStage;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/** {@code $sortByCount} and {@code $bucket}: a $group followed by a $sort, as MongoDB defines them. */
public final class BucketStages {
    private BucketStages() {
    }

    public static Stage sortByCount(BsonValue spec) {
        boolean path = spec.isString() && spec.asString().getValue().startsWith("$");
        boolean operator = spec.isDocument() && spec.asDocument().size() == 1
                && spec.asDocument().getFirstKey().startsWith("$");
        if (!path && !operator) {
            throw AggErrors.fail(40147, "the sortByCount field must be defined as a $-prefixed path or an expression");
        }
        List<GroupStage.Output> outputs = List.of(count("count"));
        GroupStage group = new GroupStage("$sortByCount", ExpressionCompiler.compile(spec), outputs);
        return new CompositeStage("$sortByCount", List.of(group, SortStage.of(new BsonDocument("count",
                new BsonInt32(-1)))));
    }

    private static GroupStage.Output count(String name) {
        return new GroupStage.Output(name, Accumulators.factory("$sum"), new LiteralExpression(new BsonInt32(1)));
    }

    public static Stage bucket(BsonValue spec) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(40201, "Argument to $bucket stage must be an object, but found type: "
                    + Values.typeName(spec) + ".");
        }
        BsonValue groupBy = null;
        BsonValue boundaries = null;
        BsonValue defaultValue = null;
        BsonValue output = null;
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            switch (e.getKey()) {
                case "groupBy": groupBy = e.getValue(); break;
                case "boundaries": boundaries = e.getValue(); break;
                case "default": defaultValue = e.getValue(); break;
                case "output": output = e.getValue(); break;
                default: throw AggErrors.fail(40197, "Unrecognized option to $bucket: " + e.getKey() + ".");
            }
        }
        if (groupBy == null || boundaries == null) {
            throw AggErrors.fail(40198, "$bucket requires 'groupBy' and 'boundaries' to be specified.");
        }
        boolean path = groupBy.isString() && groupBy.asString().getValue().startsWith("$");
        if (!path && !(groupBy.isDocument() && !groupBy.asDocument().isEmpty()
                && groupBy.asDocument().getFirstKey().startsWith("$"))) {
            throw AggErrors.fail(40202, "The $bucket 'groupBy' field must be defined as a $-prefixed path or an "
                    + "expression, but found: " + groupBy + ".");
        }
        List<BsonValue> bounds = checkBoundaries(boundaries);
        if (defaultValue != null && Values.compare(defaultValue, bounds.get(0)) >= 0
                && Values.compare(defaultValue, bounds.get(bounds.size() - 1)) < 0) {
            throw AggErrors.fail(40199, "The $bucket 'default' field must be less than the lowest boundary or greater "
                    + "than or equal to the highest boundary.");
        }
        List<GroupStage.Output> outputs = new ArrayList<>();
        if (output == null) {
            outputs.add(count("count"));
        } else {
            if (!output.isDocument()) {
                throw AggErrors.fail(40196, "The $bucket 'output' field must be an object, but found type: "
                        + Values.typeName(output) + ".");
            }
            for (Map.Entry<String, BsonValue> e : output.asDocument().entrySet()) {
                outputs.add(GroupStage.parseOutput(e.getKey(), e.getValue()));
            }
        }
        Expression key = bucketKey(ExpressionCompiler.compile(groupBy), bounds, defaultValue);
        GroupStage group = new GroupStage("$bucket", key, outputs);
        return new CompositeStage("$bucket", List.of(group, SortStage.of(new BsonDocument("_id", new BsonInt32(1)))));
    }

    private static List<BsonValue> checkBoundaries(BsonValue boundaries) {
        if (!boundaries.isArray()) {
            throw AggErrors.fail(40200, "The $bucket 'boundaries' field must be an array, but found type: "
                    + Values.typeName(boundaries) + ".");
        }
        List<BsonValue> bounds = boundaries.asArray().getValues();
        if (bounds.size() < 2) {
            throw AggErrors.fail(40192, "The $bucket 'boundaries' field must have at least 2 values, but found "
                    + bounds.size() + " value(s).");
        }
        for (int i = 1; i < bounds.size(); i++) {
            BsonValue a = bounds.get(i - 1);
            BsonValue b = bounds.get(i);
            boolean sameType = Values.isNumber(a) && Values.isNumber(b) || a.getBsonType() == b.getBsonType();
            if (!sameType) {
                throw AggErrors.fail(40193, "All values in the the 'boundaries' option to $bucket must have the same "
                        + "type. Found conflicting types " + Values.typeName(a) + " and " + Values.typeName(b) + ".");
            }
            if (Values.compare(a, b) >= 0) {
                throw AggErrors.fail(40194, "The 'boundaries' option to $bucket must be sorted in ascending order, "
                        + "but elements " + a + " and " + b + " are not in ascending order (" + a
                        + " is not less than " + b + ").");
            }
        }
        return bounds;
    }

    /** The bucket of a value: the lower boundary of [b(i), b(i+1)), else the default, else error 40066. */
    private static Expression bucketKey(Expression groupBy, List<BsonValue> bounds, BsonValue defaultValue) {
        return (root, vars) -> {
            BsonValue v = groupBy.evaluate(root, vars);
            if (v != null && Values.compare(v, bounds.get(0)) >= 0
                    && Values.compare(v, bounds.get(bounds.size() - 1)) < 0) {
                int lo = 0;
                int hi = bounds.size() - 1;
                while (hi - lo > 1) {
                    int mid = (lo + hi) >>> 1;
                    if (Values.compare(v, bounds.get(mid)) >= 0) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                return bounds.get(lo);
            }
            if (defaultValue == null) {
                throw AggErrors.fail(40066, "$switch could not find a matching branch for an input, and no default "
                        + "was specified.");
            }
            return defaultValue;
        };
    }
}
