package io.jmongos.engine.query;

import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.Values;
import io.jmongos.engine.agg.expr.Variables;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $expr}: an aggregation expression evaluated against the document; matches when truthy. */
final class ExprNode implements MatchNode {
    private final Expression expression;
    private final Variables vars;

    ExprNode(BsonValue spec, Variables vars) {
        this.expression = ExpressionCompiler.compile(spec);
        this.vars = vars;
    }

    @Override
    public boolean matches(BsonDocument document, MatchDetails details) {
        return Values.isTruthy(expression.evaluate(document, vars));
    }
}
