package io.jmongos.engine.agg.group;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.LiteralExpression;
import io.jmongos.engine.agg.expr.ValueKey;
import io.jmongos.engine.agg.stage.ExecContext;
import io.jmongos.engine.agg.stage.LazyIterator;
import io.jmongos.engine.agg.stage.MemoryBudget;
import io.jmongos.engine.agg.stage.Stage;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** {@code $group: {_id: expr, field: {$accumulator: expr}...}}: blocking, groups in first-seen order. */
public final class GroupStage implements Stage {
    /** Rough bytes one group costs besides its key and accumulated values. */
    private static final long GROUP_OVERHEAD = 96;

    /** One output field: its name, accumulator factory and argument. */
    public record Output(String name, Supplier<Accumulator> factory, Expression arg) {
    }

    private final String stageName;
    private final Expression id;
    private final List<Output> outputs;

    public GroupStage(String stageName, Expression id, List<Output> outputs) {
        this.stageName = stageName;
        this.id = id;
        this.outputs = outputs;
    }

    public static GroupStage parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(15947, "a group's fields must be specified in an object");
        }
        Expression id = null;
        List<Output> outputs = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            if (e.getKey().equals("_id")) {
                id = compileId(e.getValue());
            } else {
                outputs.add(parseOutput(e.getKey(), e.getValue()));
            }
        }
        if (id == null) {
            throw AggErrors.fail(15955, "a group specification must include an _id");
        }
        return new GroupStage("$group", id, outputs);
    }

    private static Expression compileId(BsonValue spec) {
        if (spec.isDocument() && spec.asDocument().isEmpty()) {
            return new LiteralExpression(new BsonDocument());
        }
        return ExpressionCompiler.compile(spec);
    }

    /** Parses {@code name: {$acc: arg}}. */
    public static Output parseOutput(String name, BsonValue spec) {
        if (name.startsWith("$")) {
            throw AggErrors.fail(40236, "The field name '" + name + "' cannot be an operator name");
        }
        if (name.indexOf('.') >= 0) {
            throw AggErrors.fail(40235, "The field name '" + name + "' cannot contain '.'");
        }
        if (!spec.isDocument()) {
            throw AggErrors.fail(40234, "The field '" + name + "' must be an accumulator object");
        }
        BsonDocument d = spec.asDocument();
        if (d.size() != 1) {
            throw AggErrors.fail(40238, "The field '" + name + "' must specify one accumulator");
        }
        String op = d.getFirstKey();
        BsonValue arg = d.get(op);
        if (op.equals("$count")) {
            if (!arg.isDocument() || !arg.asDocument().isEmpty()) {
                throw AggErrors.fail(40237, "$count takes no arguments, i.e. $count:{}");
            }
            return new Output(name, Accumulators.factory("$sum"), new LiteralExpression(new BsonInt32(1)));
        }
        if (NAccumulators.NAMES.contains(op)) {
            return NAccumulators.parse(name, op, arg);
        }
        Supplier<Accumulator> factory = Accumulators.factory(op);
        if (factory == null) {
            throw AggErrors.fail(15952, "unknown group operator '" + op + "'");
        }
        if (arg.isArray()) {
            throw AggErrors.fail(40237, "The " + op + " accumulator is a unary operator");
        }
        return new Output(name, factory, ExpressionCompiler.compile(arg));
    }

    @Override
    public String name() {
        return stageName;
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            private Iterator<Map.Entry<ValueKey, Accumulator[]>> groups;

            @Override
            protected BsonDocument compute() {
                if (groups == null) {
                    groups = group(input, ctx).entrySet().iterator();
                }
                if (!groups.hasNext()) {
                    return null;
                }
                Map.Entry<ValueKey, Accumulator[]> g = groups.next();
                groups.remove();
                BsonDocument out = new BsonDocument("_id", g.getKey().value());
                for (int i = 0; i < outputs.size(); i++) {
                    BsonValue r = g.getValue()[i].result();
                    if (r != null) {
                        out.put(outputs.get(i).name(), r);
                    }
                }
                return out;
            }
        };
    }

    private Map<ValueKey, Accumulator[]> group(Iterator<BsonDocument> input, ExecContext ctx) {
        MemoryBudget budget = ctx.budget(stageName);
        Map<ValueKey, Accumulator[]> groups = new LinkedHashMap<>();
        while (input.hasNext()) {
            BsonDocument doc = input.next();
            BsonValue key = id.evaluate(doc, ctx.vars());
            ValueKey k = new ValueKey(key == null ? BsonNull.VALUE : key);
            Accumulator[] accs = groups.get(k);
            if (accs == null) {
                accs = new Accumulator[outputs.size()];
                for (int i = 0; i < accs.length; i++) {
                    accs[i] = outputs.get(i).factory().get();
                }
                groups.put(k, accs);
                budget.add(GROUP_OVERHEAD + MemoryBudget.sizeOf(k.value()));
            }
            for (int i = 0; i < accs.length; i++) {
                budget.add(accs[i].accumulate(outputs.get(i).arg().evaluate(doc, ctx.vars())));
            }
        }
        return groups;
    }
}
