package io.jmongos.engine.agg.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.jmongos.engine.query.SortSpec;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** {@code $sortArray: {input, sortBy}}: sortBy 1/-1 sorts values; a sort document sorts documents by fields. */
final class SortArrayOperator {
    private SortArrayOperator() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$sortArray", (n, a) -> parse(a));
    }

    private static Expression parse(BsonValue a) {
        if (!a.isDocument()) {
            throw AggErrors.fail(2942500, "$sortArray requires an object as an argument, found: "
                    + Values.typeName(a));
        }
        Expression input = null;
        BsonValue sortBy = null;
        for (Map.Entry<String, BsonValue> e : a.asDocument().entrySet()) {
            if (e.getKey().equals("input")) {
                input = ExpressionCompiler.compile(e.getValue());
            } else if (e.getKey().equals("sortBy")) {
                sortBy = e.getValue();
            } else {
                throw AggErrors.fail(2942501, "$sortArray found an unknown argument: " + e.getKey());
            }
        }
        if (input == null) {
            throw AggErrors.fail(2942502, "$sortArray requires 'input' to be specified");
        }
        if (sortBy == null) {
            throw AggErrors.fail(2942503, "$sortArray requires 'sortBy' to be specified");
        }
        Comparator<BsonValue> order = comparator(sortBy);
        Expression in = input;
        return (root, vars) -> {
            BsonValue v = in.evaluate(root, vars);
            if (Values.isNullish(v)) {
                return BsonNull.VALUE;
            }
            if (!v.isArray()) {
                throw AggErrors.fail(2942504, "The input argument to $sortArray must be an array, but was of type: "
                        + Values.typeName(v));
            }
            List<BsonValue> list = new ArrayList<>(v.asArray().getValues());
            list.sort(order);
            return new BsonArray(list);
        };
    }

    private static Comparator<BsonValue> comparator(BsonValue sortBy) {
        if (Values.isNumber(sortBy) && Math.abs(Numbers.toDouble(sortBy)) == 1) {
            boolean asc = Numbers.toDouble(sortBy) > 0;
            return (x, y) -> asc ? Values.compare(x, y) : Values.compare(y, x);
        }
        if (!sortBy.isDocument()) {
            throw AggErrors.fail(2942505, "$sortArray sortBy must be 1, -1 or a sort specification document");
        }
        SortSpec spec = SortSpec.compile(sortBy.asDocument());
        Comparator<BsonDocument> docs = spec.comparator();
        return (x, y) -> {
            BsonDocument dx = x.isDocument() ? x.asDocument() : new BsonDocument();
            BsonDocument dy = y.isDocument() ? y.asDocument() : new BsonDocument();
            return docs.compare(dx, dy);
        };
    }
}
