package io.jmongos.engine.agg.expr;

import java.util.Locale;
import java.util.Map;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * Variables in scope while evaluating an expression: the system variables ({@code $$ROOT},
 * {@code $$CURRENT}, {@code $$REMOVE}, {@code $$NOW}, {@code $$CLUSTER_TIME}), the command's {@code let}
 * variables and user variables bound by {@code $let}, {@code $map}, {@code $filter}, {@code $reduce} and
 * {@code $lookup}'s {@code let}. Immutable: {@link #with} returns a child scope, so a scope can be shared
 * by concurrent evaluations. {@code $$NOW} is fixed when the root scope is created, as in MongoDB where it
 * stays the same for the whole command.
 */
public final class Variables {
    /** Names MongoDB reserves; user variables may not use them (they start with an upper-case letter). */
    public static final String ROOT = "ROOT";
    public static final String CURRENT = "CURRENT";
    public static final String REMOVE = "REMOVE";
    public static final String NOW = "NOW";
    public static final String CLUSTER_TIME = "CLUSTER_TIME";
    /** $redact's verdicts: the values of $$DESCEND, $$PRUNE and $$KEEP. */
    public static final String DESCEND = "DESCEND";
    public static final String PRUNE = "PRUNE";
    public static final String KEEP = "KEEP";

    private final Variables parent;
    private final String name;
    private final BsonValue value;
    private final BsonDateTime now;
    private final boolean currentRebound;

    private Variables(Variables parent, String name, BsonValue value, BsonDateTime now, boolean currentRebound) {
        this.parent = parent;
        this.name = name;
        this.value = value;
        this.now = now;
        this.currentRebound = currentRebound;
    }

    /** A root scope with no user variables; {@code $$NOW} is the current time. */
    public static Variables empty() {
        return new Variables(null, null, null, new BsonDateTime(System.currentTimeMillis()), false);
    }

    /** A root scope with {@code $$NOW} fixed to {@code nowMillis} (tests, or one value across shards). */
    public static Variables at(long nowMillis) {
        return new Variables(null, null, null, new BsonDateTime(nowMillis), false);
    }

    /**
     * A root scope holding the command's {@code let} variables. Each value is a constant expression
     * (it may use {@code $$NOW} and other earlier let variables, not fields), evaluated once here.
     *
     * @throws io.jmongos.common.CommandFailedException for invalid names or values
     */
    public static Variables fromCommandLet(BsonDocument let) {
        Variables vars = empty();
        if (let == null) {
            return vars;
        }
        for (Map.Entry<String, BsonValue> e : let.entrySet()) {
            validateName(e.getKey());
            Expression expr = ExpressionCompiler.compile(e.getValue());
            BsonValue v = expr.evaluate(new BsonDocument(), vars);
            vars = vars.with(e.getKey(), v);
        }
        return vars;
    }

    /** A child scope in which {@code varName} is bound to {@code v} (Java null binds a missing value). */
    public Variables with(String varName, BsonValue v) {
        return new Variables(this, varName, v, now, currentRebound || CURRENT.equals(varName));
    }

    /** True when some user variable is bound (command let, $let, $lookup let...). */
    public boolean hasUserVariables() {
        return name != null;
    }

    /** The value of {@code $$NOW}. */
    public BsonDateTime now() {
        return now;
    }

    /**
     * The value of variable {@code varName} for document {@code root}.
     *
     * @return the value; Java null for {@code $$REMOVE} or a variable bound to a missing value
     * @throws io.jmongos.common.CommandFailedException 17276 for an undefined variable
     */
    public BsonValue get(String varName, BsonDocument root) {
        for (Variables v = this; v != null && v.name != null; v = v.parent) {
            if (v.name.equals(varName)) {
                return v.value;
            }
        }
        switch (varName) {
            case ROOT:
            case CURRENT:
                return root;
            case REMOVE:
                return null;
            case NOW:
                return now;
            case CLUSTER_TIME:
                return new BsonTimestamp((int) (now.getValue() / 1000), 1);
            case DESCEND:
            case PRUNE:
            case KEEP:
                return new BsonString(varName.toLowerCase(Locale.ROOT));
            default:
                throw AggErrors.fail(17276, "Use of undefined variable: " + varName);
        }
    }

    /** The document field paths ({@code "$a.b"}) start from: {@code $$CURRENT}, which is ROOT unless rebound. */
    public BsonValue current(BsonDocument root) {
        return currentRebound ? get(CURRENT, root) : root;
    }

    /** True when {@code varName} is bound in this scope (system variables are always bound). */
    public boolean isDefined(String varName) {
        for (Variables v = this; v != null && v.name != null; v = v.parent) {
            if (v.name.equals(varName)) {
                return true;
            }
        }
        return isSystem(varName);
    }

    static boolean isSystem(String varName) {
        return ROOT.equals(varName) || CURRENT.equals(varName) || REMOVE.equals(varName) || NOW.equals(varName)
                || CLUSTER_TIME.equals(varName) || DESCEND.equals(varName) || PRUNE.equals(varName)
                || KEEP.equals(varName);
    }

    /**
     * Checks a user variable name as MongoDB does: it must start with a lower-case ASCII letter or a
     * non-ASCII character, and contain only letters, digits, '_' and non-ASCII characters.
     *
     * @throws io.jmongos.common.CommandFailedException 16866/16867/16868 for a bad name
     */
    public static void validateName(String varName) {
        if (varName.isEmpty()) {
            throw AggErrors.fail(16866, "empty variable names are not allowed");
        }
        char first = varName.charAt(0);
        if (!((first >= 'a' && first <= 'z') || first > 127)) {
            throw AggErrors.fail(16867, "'" + varName
                    + "' starts with an invalid character for a user variable name");
        }
        for (int i = 1; i < varName.length(); i++) {
            char c = varName.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c > 127;
            if (!ok) {
                throw AggErrors.fail(16868, "'" + varName + "' contains an invalid character for a variable name: '"
                        + c + "'");
            }
        }
    }
}
