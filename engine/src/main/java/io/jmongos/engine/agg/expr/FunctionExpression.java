package io.jmongos.engine.agg.expr;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** An operator that evaluates all of its arguments, then computes its value from them. */
final class FunctionExpression implements Expression {
    /** The computation over evaluated arguments (Java null entries are missing values). */
    @FunctionalInterface
    interface Fn {
        BsonValue apply(BsonValue[] args);
    }

    private final Expression[] args;
    private final Fn fn;

    FunctionExpression(List<Expression> args, Fn fn) {
        this.args = args.toArray(new Expression[0]);
        this.fn = fn;
    }

    @Override
    public BsonValue evaluate(BsonDocument root, Variables vars) {
        BsonValue[] values = new BsonValue[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i].evaluate(root, vars);
        }
        return fn.apply(values);
    }
}
