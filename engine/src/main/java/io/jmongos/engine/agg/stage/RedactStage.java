package io.jmongos.engine.agg.stage;

import java.util.Iterator;
import java.util.Map;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.Variables;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $redact: <expr>}: the expression, evaluated with {@code $$CURRENT} at each (sub)document, answers
 * {@code $$KEEP}, {@code $$PRUNE} or {@code $$DESCEND} (keep this level's plain fields, decide again for each
 * embedded document, also inside arrays).
 */
public final class RedactStage implements Stage {
    private final Expression expr;

    private RedactStage(Expression expr) {
        this.expr = expr;
    }

    public static RedactStage parse(BsonValue spec) {
        return new RedactStage(ExpressionCompiler.compile(spec));
    }

    @Override
    public String name() {
        return "$redact";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            @Override
            protected BsonDocument compute() {
                while (input.hasNext()) {
                    BsonDocument root = input.next();
                    BsonDocument out = redact(root, root, ctx.vars());
                    if (out != null) {
                        return out;
                    }
                }
                return null;
            }
        };
    }

    private BsonDocument redact(BsonDocument doc, BsonDocument root, Variables vars) {
        BsonValue verdict = expr.evaluate(root, vars.with(Variables.CURRENT, doc));
        String v = verdict != null && verdict.isString() ? verdict.asString().getValue() : "";
        switch (v) {
            case "keep":
                return doc;
            case "prune":
                return null;
            case "descend": {
                BsonDocument out = new BsonDocument();
                for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
                    BsonValue r = descend(e.getValue(), root, vars);
                    if (r != null) {
                        out.put(e.getKey(), r);
                    }
                }
                return out;
            }
            default:
                throw AggErrors.fail(17053, "$redact's expression should not return anything aside from the "
                        + "variables $$KEEP, $$DESCEND, and $$PRUNE, but returned " + verdict);
        }
    }

    private BsonValue descend(BsonValue v, BsonDocument root, Variables vars) {
        if (v.isDocument()) {
            return redact(v.asDocument(), root, vars);
        }
        if (v.isArray()) {
            BsonArray out = new BsonArray();
            for (BsonValue e : v.asArray()) {
                BsonValue r = descend(e, root, vars);
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        }
        return v;
    }
}
