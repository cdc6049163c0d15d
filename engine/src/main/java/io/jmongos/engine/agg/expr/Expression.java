package io.jmongos.engine.agg.expr;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A compiled aggregation expression. Compile with {@link ExpressionCompiler#compile(BsonValue)}.
 *
 * <p><b>Missing values:</b> a field that does not exist (or {@code $$REMOVE}) evaluates to a Java
 * {@code null} reference, which is distinct from BSON {@code null} ({@link org.bson.BsonNull}). Callers
 * that build documents omit fields whose value is a Java {@code null}; use {@link Values#isNullish} to
 * treat both alike where MongoDB does (arithmetic, most string operators).
 */
@FunctionalInterface
public interface Expression {
    /**
     * @param root the document being processed ({@code $$ROOT}; {@code $$CURRENT} unless rebound)
     * @param vars variables in scope (never null; use {@link Variables#empty()} when there are none)
     * @return the value, or {@code null} when the result is missing
     * @throws io.jmongos.common.CommandFailedException with MongoDB's code when evaluation fails
     */
    BsonValue evaluate(BsonDocument root, Variables vars);

    /** True when this expression always yields the same value (a literal); lets callers fold constants. */
    default boolean isConstant() {
        return false;
    }
}
