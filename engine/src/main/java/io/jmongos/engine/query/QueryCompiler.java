package io.jmongos.engine.query;

import io.jmongos.engine.agg.expr.Variables;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Compiles query filters into {@link QueryMatcher}s with MongoDB's semantics: comparison with type
 * bracketing across numeric types, logical, element, evaluation ({@code $regex $mod $expr}), array
 * ({@code $all $elemMatch $size}) and bitwise operators, dotted paths with implicit array traversal.
 * {@code $where}, {@code $text}, {@code $jsonSchema} and geospatial operators answer 238 NotImplemented.
 */
public final class QueryCompiler {
    private QueryCompiler() {
    }

    /**
     * Compiles a filter; {@code null} or {@code {}} matches everything.
     *
     * @throws io.jmongos.common.CommandFailedException with MongoDB's code (mostly 2 BadValue) for malformed
     *                                                  filters
     */
    public static QueryMatcher compile(BsonDocument filter) {
        return compile(filter, Variables.empty());
    }

    /** Compiles a filter whose {@code $expr} parts may use the command's {@code let} variables. */
    public static QueryMatcher compile(BsonDocument filter, Variables vars) {
        if (filter == null || filter.isEmpty()) {
            return ConstantNode.TRUE;
        }
        return new FilterParser(vars).parse(filter, true);
    }

    /**
     * Compiles a condition on single values, as {@code $pull} uses it: an operator document
     * ({@code {$gte: 6}}) tests each value, a plain document is a filter over values that are documents, any
     * other value means equality.
     */
    public static ValueMatcher compileValueCondition(BsonValue condition) {
        FilterParser parser = new FilterParser(Variables.empty());
        if (FilterParser.isExpressionDocument(condition, false)) {
            MatchNode node = parser.parseField(FieldPath.of(""), condition);
            return v -> node.matchesValue(v, null);
        }
        if (condition.isDocument()) {
            MatchNode node = parser.parse(condition.asDocument(), false);
            return v -> v != null && v.isDocument() && node.matches(v.asDocument(), null);
        }
        ValuePredicate eq = condition.isRegularExpression()
                ? new RegexPredicate(condition.asRegularExpression().getPattern(),
                        condition.asRegularExpression().getOptions())
                : new ComparisonPredicate(ComparisonPredicate.Op.EQ, condition);
        return v -> eq.test(v, null);
    }

    /** A test of one value. */
    @FunctionalInterface
    public interface ValueMatcher {
        boolean matches(BsonValue value);
    }
}
