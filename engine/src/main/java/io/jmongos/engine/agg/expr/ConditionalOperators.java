package io.jmongos.engine.agg.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $cond} (array and object forms), {@code $ifNull} (two or more arguments), {@code $switch}. */
final class ConditionalOperators {
    private ConditionalOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        ops.put("$cond", ConditionalOperators::cond);
        ops.put("$ifNull", (n, a) -> {
            List<Expression> args = ExpressionCompiler.compileArgs(a);
            if (args.size() < 2) {
                throw AggErrors.fail(1257300, "$ifNull needs at least two arguments, had: " + args.size());
            }
            return (root, vars) -> {
                BsonValue v = null;
                for (Expression e : args) {
                    v = e.evaluate(root, vars);
                    if (!Values.isNullish(v)) {
                        return v;
                    }
                }
                return v;
            };
        });
        ops.put("$switch", (n, a) -> SwitchExpression.parse(a));
    }

    private static Expression cond(String name, BsonValue a) {
        Expression ifE;
        Expression thenE;
        Expression elseE;
        if (a.isDocument() && !(a.asDocument().size() > 0 && a.asDocument().getFirstKey().startsWith("$"))) {
            BsonDocument d = a.asDocument();
            for (String k : d.keySet()) {
                if (!k.equals("if") && !k.equals("then") && !k.equals("else")) {
                    throw AggErrors.fail(17083, "Unrecognized parameter to $cond: " + k);
                }
            }
            if (!d.containsKey("if")) {
                throw AggErrors.fail(17080, "Missing 'if' parameter to $cond");
            }
            if (!d.containsKey("then")) {
                throw AggErrors.fail(17081, "Missing 'then' parameter to $cond");
            }
            if (!d.containsKey("else")) {
                throw AggErrors.fail(17082, "Missing 'else' parameter to $cond");
            }
            ifE = ExpressionCompiler.compile(d.get("if"));
            thenE = ExpressionCompiler.compile(d.get("then"));
            elseE = ExpressionCompiler.compile(d.get("else"));
        } else {
            List<Expression> args = ExpressionCompiler.compileArgs(name, a, 3);
            ifE = args.get(0);
            thenE = args.get(1);
            elseE = args.get(2);
        }
        return (root, vars) -> Values.isTruthy(ifE.evaluate(root, vars))
                ? thenE.evaluate(root, vars) : elseE.evaluate(root, vars);
    }

    /** {@code {$switch: {branches: [{case, then}...], default}}}. */
    private static final class SwitchExpression implements Expression {
        private final List<Expression[]> branches;
        private final Expression defaultE;

        private SwitchExpression(List<Expression[]> branches, Expression defaultE) {
            this.branches = branches;
            this.defaultE = defaultE;
        }

        static SwitchExpression parse(BsonValue a) {
            if (!a.isDocument()) {
                throw AggErrors.fail(40060, "$switch requires an object as an argument, found: " + Values.typeName(a));
            }
            List<Expression[]> branches = new ArrayList<>();
            Expression defaultE = null;
            for (Map.Entry<String, BsonValue> e : a.asDocument().entrySet()) {
                if (e.getKey().equals("branches")) {
                    if (!e.getValue().isArray()) {
                        throw AggErrors.fail(40061, "$switch expected an array for 'branches', found: "
                                + Values.typeName(e.getValue()));
                    }
                    for (BsonValue b : e.getValue().asArray()) {
                        branches.add(branch(b));
                    }
                } else if (e.getKey().equals("default")) {
                    defaultE = ExpressionCompiler.compile(e.getValue());
                } else {
                    throw AggErrors.fail(40067, "$switch found an unknown argument: " + e.getKey());
                }
            }
            if (branches.isEmpty()) {
                throw AggErrors.fail(40068, "$switch requires at least one branch.");
            }
            return new SwitchExpression(branches, defaultE);
        }

        private static Expression[] branch(BsonValue b) {
            if (!b.isDocument()) {
                throw AggErrors.fail(40062, "$switch expected each branch to be an object, found: "
                        + Values.typeName(b));
            }
            Expression[] pair = new Expression[2];
            for (Map.Entry<String, BsonValue> e : b.asDocument().entrySet()) {
                if (e.getKey().equals("case")) {
                    pair[0] = ExpressionCompiler.compile(e.getValue());
                } else if (e.getKey().equals("then")) {
                    pair[1] = ExpressionCompiler.compile(e.getValue());
                } else {
                    throw AggErrors.fail(40063, "$switch found an unknown argument to a branch: " + e.getKey());
                }
            }
            if (pair[0] == null) {
                throw AggErrors.fail(40064, "$switch requires each branch have a 'case' expression");
            }
            if (pair[1] == null) {
                throw AggErrors.fail(40065, "$switch requires each branch have a 'then' expression.");
            }
            return pair;
        }

        @Override
        public BsonValue evaluate(BsonDocument root, Variables vars) {
            for (Expression[] b : branches) {
                if (Values.isTruthy(b[0].evaluate(root, vars))) {
                    return b[1].evaluate(root, vars);
                }
            }
            if (defaultE == null) {
                throw AggErrors.fail(40066, "$switch could not find a matching branch for an input, "
                        + "and no default was specified.");
            }
            return defaultE.evaluate(root, vars);
        }
    }
}
