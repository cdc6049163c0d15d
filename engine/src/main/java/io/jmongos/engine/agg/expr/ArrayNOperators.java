package io.jmongos.engine.agg.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** The array expressions {@code $firstN $lastN $minN $maxN}: {@code {input: <array>, n: <positive int>}}. */
final class ArrayNOperators {
    private ArrayNOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        for (String op : new String[] {"$firstN", "$lastN", "$minN", "$maxN"}) {
            ops.put(op, (n, a) -> parse(n, a));
        }
    }

    private static Expression parse(String op, BsonValue a) {
        if (!a.isDocument()) {
            throw AggErrors.fail(5787801, "specification must be an object; found " + Values.typeName(a));
        }
        BsonDocument d = a.asDocument();
        for (String k : d.keySet()) {
            if (!k.equals("input") && !k.equals("n")) {
                throw AggErrors.fail(5787901, "Unknown argument for '" + op + "': " + k);
            }
        }
        if (!d.containsKey("input") || !d.containsKey("n")) {
            throw AggErrors.fail(5787906, "Missing value for '" + (d.containsKey("n") ? "input" : "n") + "'");
        }
        Expression input = ExpressionCompiler.compile(d.get("input"));
        Expression count = ExpressionCompiler.compile(d.get("n"));
        return (root, vars) -> {
            BsonValue nv = count.evaluate(root, vars);
            if (!Values.isNumber(nv) || Numbers.toDouble(nv) != Math.rint(Numbers.toDouble(nv))) {
                throw AggErrors.fail(5787902, "Value for 'n' must be of integral type, but found " + nv);
            }
            long n = Numbers.toLong(nv);
            if (n <= 0) {
                throw AggErrors.fail(5787908, "'n' must be greater than 0, found " + n);
            }
            BsonValue arr = input.evaluate(root, vars);
            if (Values.isNullish(arr)) {
                return BsonNull.VALUE;
            }
            if (!arr.isArray()) {
                throw AggErrors.fail(5788200, "Input to " + op + " must be an array; found " + Values.typeName(arr));
            }
            List<BsonValue> list = new ArrayList<>(arr.asArray().getValues());
            if (op.equals("$minN") || op.equals("$maxN")) {
                list.removeIf(Values::isNullish);
                list.sort(op.equals("$minN") ? Values::compare : (x, y) -> Values.compare(y, x));
            }
            int size = list.size();
            int k = (int) Math.min(n, size);
            List<BsonValue> out = op.equals("$lastN") ? list.subList(size - k, size) : list.subList(0, k);
            return new BsonArray(new ArrayList<>(out));
        };
    }
}
