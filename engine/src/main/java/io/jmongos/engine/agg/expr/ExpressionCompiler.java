package io.jmongos.engine.agg.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Compiles aggregation expressions: field paths ({@code "$a.b"}), variables ({@code "$$x.y"}), literals,
 * operator documents ({@code {$add: [...]}}), object and array literals whose members are expressions.
 * Unknown operators fail with 168 InvalidPipelineOperator.
 */
public final class ExpressionCompiler {
    private static final Map<String, OperatorParser> OPERATORS = new HashMap<>();

    static {
        Operators.registerAll(OPERATORS);
    }

    private ExpressionCompiler() {
    }

    /**
     * @throws io.jmongos.common.CommandFailedException with MongoDB's code for a malformed expression
     */
    public static Expression compile(BsonValue spec) {
        if (spec.isString()) {
            String s = spec.asString().getValue();
            if (s.startsWith("$")) {
                return FieldPathExpression.parse(s);
            }
            return new LiteralExpression(spec);
        }
        if (spec.isDocument()) {
            BsonDocument doc = spec.asDocument();
            if (!doc.isEmpty() && doc.getFirstKey().startsWith("$")) {
                if (doc.size() != 1) {
                    throw AggErrors.fail(15983, "an expression specification must contain exactly one field, "
                            + "the name of the expression. Found " + doc.size() + " fields in " + doc.toJson());
                }
                return compileOperator(doc.getFirstKey(), doc.get(doc.getFirstKey()));
            }
            return ObjectExpression.parse(doc);
        }
        if (spec.isArray()) {
            List<Expression> elements = new ArrayList<>();
            boolean constant = true;
            for (BsonValue v : spec.asArray()) {
                Expression e = compile(v);
                constant &= e.isConstant();
                elements.add(e);
            }
            ArrayExpression arr = new ArrayExpression(elements);
            return constant ? new LiteralExpression(arr.evaluate(null, null)) : arr;
        }
        return new LiteralExpression(spec);
    }

    /** Compiles {@code {name: args}}; {@code name} starts with '$'. */
    public static Expression compileOperator(String name, BsonValue args) {
        OperatorParser parser = OPERATORS.get(name);
        if (parser == null) {
            throw AggErrors.fail(168, "Unrecognized expression '" + name + "'");
        }
        return parser.parse(name, args);
    }

    /** True when {@code name} is a known expression operator. */
    public static boolean isOperator(String name) {
        return OPERATORS.containsKey(name);
    }

    /** The arguments of an operator: the elements of an array argument, else the single argument. */
    public static List<Expression> compileArgs(BsonValue args) {
        List<Expression> out = new ArrayList<>();
        if (args.isArray()) {
            for (BsonValue v : args.asArray()) {
                out.add(compile(v));
            }
        } else {
            out.add(compile(args));
        }
        return out;
    }

    /** Like {@link #compileArgs} but checks the count: 16020 "Expression $x takes exactly N arguments...". */
    public static List<Expression> compileArgs(String name, BsonValue args, int count) {
        List<Expression> out = compileArgs(args);
        if (out.size() != count) {
            throw AggErrors.arity(name, count, out.size());
        }
        return out;
    }

    /** Wraps an array of specs as given (used by operators that take an array of arguments verbatim). */
    static BsonArray asArray(BsonValue args) {
        if (args.isArray()) {
            return args.asArray();
        }
        BsonArray a = new BsonArray();
        a.add(args);
        return a;
    }
}
