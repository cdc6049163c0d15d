package io.jmongos.engine.agg.expr;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code "$a.b"} (a path from $$CURRENT) or {@code "$$var.a.b"} (a path from a variable). */
final class FieldPathExpression implements Expression {
    private final String variable;
    private final FieldPath path;

    private FieldPathExpression(String variable, FieldPath path) {
        this.variable = variable;
        this.path = path;
    }

    /** @param text the string with its leading '$' (or "$$") */
    static FieldPathExpression parse(String text) {
        if (text.startsWith("$$")) {
            String rest = text.substring(2);
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            if (name.isEmpty()) {
                throw AggErrors.fail(16869, "empty variable names are not allowed");
            }
            if (!Variables.isSystem(name)) {
                Variables.validateName(name);
            }
            VariableScope.check(name);
            return new FieldPathExpression(name, dot < 0 ? null : FieldPath.parse(rest.substring(dot + 1)));
        }
        if (text.length() == 1) {
            throw AggErrors.fail(16872, "'$' by itself is not a valid FieldPath");
        }
        return new FieldPathExpression(null, FieldPath.parse(text.substring(1)));
    }

    @Override
    public BsonValue evaluate(BsonDocument root, Variables vars) {
        BsonValue base = variable == null ? vars.current(root) : vars.get(variable, root);
        return path == null ? base : path.resolve(base);
    }

    /** The variable name, or null for a path from $$CURRENT. */
    String variable() {
        return variable;
    }

    /** The path after the variable, or null for a bare variable. */
    FieldPath path() {
        return path;
    }
}
