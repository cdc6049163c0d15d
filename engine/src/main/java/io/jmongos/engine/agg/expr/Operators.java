package io.jmongos.engine.agg.expr;

import java.util.List;
import java.util.Map;

/** The table of expression operators and helpers to register them. */
final class Operators {
    private Operators() {
    }

    static void registerAll(Map<String, OperatorParser> ops) {
        ArithmeticOperators.register(ops);
        ComparisonOperators.register(ops);
        BooleanOperators.register(ops);
        ConditionalOperators.register(ops);
        VariableOperators.register(ops);
        StringOperators.register(ops);
        ArrayOperators.register(ops);
        TypeOperators.register(ops);
        DateOperators.register(ops);
        MiscOperators.register(ops);
        AccumulatorExpressions.register(ops);
        SortArrayOperator.register(ops);
        ArrayNOperators.register(ops);
        TrigOperators.register(ops);
    }

    /** An operator with exactly {@code arity} arguments (a single non-array argument counts as one). */
    static void fixed(Map<String, OperatorParser> ops, String name, int arity, FunctionExpression.Fn fn) {
        ops.put(name, (n, a) -> new FunctionExpression(ExpressionCompiler.compileArgs(n, a, arity), fn));
    }

    /** An operator with between {@code min} and {@code max} arguments. */
    static void ranged(Map<String, OperatorParser> ops, String name, int min, int max, FunctionExpression.Fn fn) {
        ops.put(name, (n, a) -> {
            List<Expression> args = ExpressionCompiler.compileArgs(a);
            checkRange(n, args.size(), min, max);
            return new FunctionExpression(args, fn);
        });
    }

    /** An operator with any number of arguments. */
    static void variadic(Map<String, OperatorParser> ops, String name, FunctionExpression.Fn fn) {
        ops.put(name, (n, a) -> new FunctionExpression(ExpressionCompiler.compileArgs(a), fn));
    }

    static void checkRange(String name, int count, int min, int max) {
        if (count < min || count > max) {
            if (max == Integer.MAX_VALUE) {
                throw AggErrors.fail(16020, "Expression " + name + " takes at least " + min + " arguments. "
                        + count + " were passed in.");
            }
            throw AggErrors.fail(28667, "Expression " + name + " takes at least " + min
                    + " arguments, and at most " + max + ". " + count + " were passed in.");
        }
    }
}
