package io.jmongos.engine.agg.expr;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** An array whose elements are expressions; an element that evaluates to missing becomes null. */
final class ArrayExpression implements Expression {
    private final List<Expression> elements;

    ArrayExpression(List<Expression> elements) {
        this.elements = elements;
    }

    @Override
    public BsonValue evaluate(BsonDocument root, Variables vars) {
        BsonArray out = new BsonArray();
        for (Expression e : elements) {
            BsonValue v = e.evaluate(root, vars);
            out.add(v == null ? BsonNull.VALUE : v);
        }
        return out;
    }
}
