package io.jmongos.engine.agg.stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.FieldPath;
import io.jmongos.engine.agg.expr.ValueKey;
import io.jmongos.engine.agg.expr.Values;
import io.jmongos.engine.query.QueryCompiler;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $graphLookup}: a breadth-first search of {@code from}, as MongoDB's DocumentSourceGraphLookUp: the
 * {@code startWith} values (each element of an array) are looked up by {@code connectToField} ({@code $in}, with
 * {@code restrictSearchWithMatch}), each document found for the first time (by {@code _id}) joins the result at
 * its depth and its {@code connectFromField} values form the next round, up to {@code maxDepth}. The found
 * documents go into {@code as} in the order found, with their depth in {@code depthField} (a long).
 */
public final class GraphLookupStage implements Stage {
    private final String from;
    private final FieldPath as;
    private final String connectFromField;
    private final String connectToField;
    private final Expression startWith;
    private final BsonDocument restrict;
    private final FieldPath depthField;
    private final Long maxDepth;

    private GraphLookupStage(String from, FieldPath as, String connectFromField, String connectToField,
                             Expression startWith, BsonDocument restrict, FieldPath depthField, Long maxDepth) {
        this.from = from;
        this.as = as;
        this.connectFromField = connectFromField;
        this.connectToField = connectToField;
        this.startWith = startWith;
        this.restrict = restrict;
        this.depthField = depthField;
        this.maxDepth = maxDepth;
    }

    public static GraphLookupStage parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(ErrorCode.FAILED_TO_PARSE, "the $graphLookup stage specification must be an "
                    + "object, but found " + Values.typeName(spec));
        }
        Map<String, String> strings = new LinkedHashMap<>();
        Expression startWith = null;
        BsonDocument restrict = null;
        Long maxDepth = null;
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            String name = e.getKey();
            BsonValue v = e.getValue();
            switch (name) {
                case "startWith" -> startWith = ExpressionCompiler.compile(v);
                case "maxDepth" -> maxDepth = maxDepth(v);
                case "restrictSearchWithMatch" -> {
                    if (!v.isDocument()) {
                        throw AggErrors.fail(40185, "restrictSearchWithMatch must be an object, found "
                                + Values.typeName(v));
                    }
                    QueryCompiler.compile(v.asDocument());
                    restrict = v.asDocument();
                }
                case "from", "as", "connectFromField", "connectToField", "depthField" -> {
                    if (!v.isString()) {
                        throw AggErrors.fail(40103, "expected string as argument for " + name + ", found: "
                                + Values.typeName(v));
                    }
                    strings.put(name, v.asString().getValue());
                }
                default -> throw AggErrors.fail(40104, "Unknown argument to $graphLookup: " + name);
            }
        }
        for (String required : new String[] {"from", "as", "connectFromField", "connectToField"}) {
            if (strings.get(required) == null || strings.get(required).isEmpty()) {
                startWith = null;
            }
        }
        if (startWith == null) {
            throw AggErrors.fail(40105, "$graphLookup requires 'from', 'as', 'startWith', 'connectFromField', and "
                    + "'connectToField' to be specified.");
        }
        String depth = strings.get("depthField");
        return new GraphLookupStage(strings.get("from"), FieldPath.parse(strings.get("as")),
                FieldPath.parse(strings.get("connectFromField")).dotted(),
                FieldPath.parse(strings.get("connectToField")).dotted(), startWith, restrict,
                depth == null ? null : FieldPath.parse(depth), maxDepth);
    }

    private static long maxDepth(BsonValue v) {
        if (!Values.isNumber(v)) {
            throw AggErrors.fail(40100, "maxDepth must be numeric, found type: " + Values.typeName(v));
        }
        double d = v.asNumber().doubleValue();
        long n = (long) d;
        if (n < 0) {
            throw AggErrors.fail(40101, "maxDepth requires a nonnegative argument, found: " + n);
        }
        if (n != d) {
            throw AggErrors.fail(40102, "maxDepth could not be represented as a long long: " + n);
        }
        return n;
    }

    @Override
    public String name() {
        return "$graphLookup";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            @Override
            protected BsonDocument compute() {
                if (!input.hasNext()) {
                    return null;
                }
                BsonDocument doc = input.next();
                return DocPaths.with(doc, as, search(doc, ctx));
            }
        };
    }

    private BsonArray search(BsonDocument doc, ExecContext ctx) {
        MemoryBudget budget = ctx.budget("$graphLookup");
        List<BsonValue> frontier = new ArrayList<>();
        addValues(startWith.evaluate(doc, ctx.vars()), frontier);
        Map<ValueKey, BsonDocument> found = new LinkedHashMap<>();
        Set<ValueKey> queried = new HashSet<>();
        for (long depth = 0; !frontier.isEmpty() && (maxDepth == null || depth <= maxDepth); depth++) {
            BsonArray in = new BsonArray();
            for (BsonValue v : frontier) {
                if (queried.add(new ValueKey(v))) {
                    in.add(v);
                }
            }
            frontier = new ArrayList<>();
            if (in.isEmpty()) {
                break;
            }
            BsonDocument filter = new BsonDocument(connectToField, new BsonDocument("$in", in));
            if (restrict != null) {
                filter = new BsonDocument("$and", new BsonArray(List.of(restrict, filter)));
            }
            Iterator<BsonDocument> it = ctx.context().scan(from, filter);
            while (it.hasNext()) {
                BsonDocument d = it.next();
                ValueKey id = new ValueKey(d.get("_id", BsonNull.VALUE));
                if (found.containsKey(id)) {
                    continue;
                }
                BsonDocument out = depthField == null ? d : DocPaths.with(d, depthField, new BsonInt64(depth));
                budget.add(MemoryBudget.sizeOf(out));
                found.put(id, out);
                addValues(FieldPath.get(d, connectFromField), frontier);
            }
        }
        return new BsonArray(new ArrayList<>(found.values()));
    }

    /** A value to look up, each element of an array; a missing value looks nothing up (as MongoDB's Value). */
    private static void addValues(BsonValue v, List<BsonValue> out) {
        if (v == null) {
            return;
        }
        if (v.isArray()) {
            out.addAll(v.asArray().getValues());
        } else {
            out.add(v);
        }
    }
}
