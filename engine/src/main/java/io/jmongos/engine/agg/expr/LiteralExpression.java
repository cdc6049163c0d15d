package io.jmongos.engine.agg.expr;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A constant value (a plain literal, {@code $literal}, or a folded constant sub-expression). */
public final class LiteralExpression implements Expression {
    private final BsonValue value;

    public LiteralExpression(BsonValue value) {
        this.value = value;
    }

    @Override
    public BsonValue evaluate(BsonDocument root, Variables vars) {
        return value;
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    public BsonValue value() {
        return value;
    }
}
