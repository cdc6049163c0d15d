package io.jmongos.engine.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.Variables;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Parses a filter document into {@link MatchNode}s (MongoDB's MatchExpressionParser): top-level logical
 * operators and {@code $expr}, then per field an equality, a regex literal or an operator document (handed
 * to {@link OperatorParser}).
 */
final class FilterParser {
    private final Variables vars;
    private final OperatorParser operators;

    FilterParser(Variables vars) {
        this.vars = vars;
        this.operators = new OperatorParser(this);
    }

    /** Parses a filter; {@code topLevel} is false inside {@code $elemMatch} (no {@code $expr} there). */
    MatchNode parse(BsonDocument filter, boolean topLevel) {
        List<MatchNode> nodes = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String name = e.getKey();
            BsonValue v = e.getValue();
            if (name.startsWith("$")) {
                MatchNode n = parseTopLevelOperator(name, v, topLevel);
                if (n != null) {
                    nodes.add(n);
                }
                continue;
            }
            nodes.add(parseField(FieldPath.of(name), v));
        }
        return LogicalNode.and(nodes);
    }

    /** {@code field: value} — an operator document, a regex, or an equality. */
    MatchNode parseField(FieldPath path, BsonValue v) {
        if (isExpressionDocument(v, false)) {
            return LogicalNode.and(operators.parse(path, v.asDocument()));
        }
        if (v.isRegularExpression()) {
            return new PathNode(path, new RegexPredicate(v.asRegularExpression().getPattern(),
                    v.asRegularExpression().getOptions()), true);
        }
        return new PathNode(path, OperatorParser.comparison(ComparisonPredicate.Op.EQ, path, v), true);
    }

    private MatchNode parseTopLevelOperator(String name, BsonValue v, boolean topLevel) {
        switch (name) {
            case "$and":
                return LogicalNode.and(parseClauses(v));
            case "$or":
                return LogicalNode.or(parseClauses(v));
            case "$nor":
                return LogicalNode.nor(parseClauses(v));
            case "$comment":
                return null;
            case "$expr":
                if (!topLevel) {
                    throw new CommandFailedException(ErrorCode.BAD_VALUE,
                            "$expr can only be applied to the top-level document");
                }
                return new ExprNode(v, vars);
            case "$alwaysTrue":
            case "$alwaysFalse":
                return alwaysBoolean(name, v);
            case "$ref":
            case "$id":
            case "$db":
                return new PathNode(FieldPath.of(name),
                        OperatorParser.comparison(ComparisonPredicate.Op.EQ, FieldPath.of(name), v), true);
            case "$where":
                throw notSupported("$where is not supported: jmongos does not run server-side JavaScript");
            case "$text":
                throw notSupported("$text is not supported: jmongos has no text indexes");
            case "$jsonSchema":
                throw notSupported("$jsonSchema is not supported");
            case "$sampleRate":
                throw notSupported("$sampleRate is not supported");
            default:
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "unknown top level operator: " + name);
        }
    }

    private List<MatchNode> parseClauses(BsonValue v) {
        if (!v.isArray() || v.asArray().isEmpty()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "$and/$or/$nor must be a nonempty array");
        }
        List<MatchNode> out = new ArrayList<>();
        for (BsonValue c : v.asArray()) {
            if (!c.isDocument()) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE,
                        "$or/$and/$nor entries need to be full objects");
            }
            out.add(parse(c.asDocument(), true));
        }
        return out;
    }

    private static MatchNode alwaysBoolean(String name, BsonValue v) {
        if (!v.isNumber() || v.asNumber().doubleValue() != 1) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, name + " must be an integer value of 1");
        }
        return name.equals("$alwaysTrue") ? ConstantNode.TRUE : ConstantNode.FALSE;
    }

    static CommandFailedException notSupported(String msg) {
        return new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, msg);
    }

    /**
     * An operator document: a non-empty document whose first field starts with '$' and that is not a DBRef
     * ({@code $ref} and {@code $id}; with {@code allowIncompleteDbRef} any of {@code $ref $id $db}).
     */
    static boolean isExpressionDocument(BsonValue v, boolean allowIncompleteDbRef) {
        if (!v.isDocument() || v.asDocument().isEmpty()) {
            return false;
        }
        BsonDocument d = v.asDocument();
        if (!d.getFirstKey().startsWith("$")) {
            return false;
        }
        boolean ref = d.containsKey("$ref");
        boolean id = d.containsKey("$id");
        boolean db = d.containsKey("$db");
        return allowIncompleteDbRef ? !(ref || id || db) : !(ref && id);
    }
}
