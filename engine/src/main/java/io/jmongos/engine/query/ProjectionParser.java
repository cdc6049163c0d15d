package io.jmongos.engine.query;

import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.Variables;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Parses a find projection into a {@link ProjectionNode} tree and decides inclusion vs exclusion. */
final class ProjectionParser {
    private final BsonDocument spec;
    private final BsonDocument filter;
    private final Variables vars;
    private final ProjectionNode root = new ProjectionNode(ProjectionNode.Kind.INTERNAL);

    private Boolean inclusion;
    private boolean idSpecified;
    private boolean idIncluded;
    private boolean idExcluded;
    private boolean hasPositional;
    private boolean hasElemMatch;
    private boolean hasFindSlice;

    ProjectionParser(BsonDocument spec, BsonDocument filter, Variables vars) {
        this.spec = spec;
        this.filter = filter;
        this.vars = vars;
    }

    Projection parse() {
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            String name = e.getKey();
            idSpecified |= name.equals("_id") || name.startsWith("_id.");
            parseElement(root, name, null, e.getValue());
        }
        boolean inc = inclusion != null ? inclusion
                : hasFindSlice ? idIncluded : hasElemMatch || idIncluded;
        if (!idSpecified && inc) {
            root.addAt(FieldPath.of("_id"), new ProjectionNode(ProjectionNode.Kind.INCLUDE));
        }
        if (!inc && idIncluded) {
            root.children.remove("_id");
        }
        return new Projection(root, inc, vars);
    }

    private void parseElement(ProjectionNode parent, String name, String parentPath, BsonValue v) {
        int positional = positionalIndex(name);
        String fullName = parentPath == null ? name : parentPath + "." + name;
        if (v.isDocument()) {
            if (positional >= 0) {
                throw fail(31271, "positional projection cannot be used with an expression or sub object");
            }
            parseSubObject(parent, name, fullName, v.asDocument());
        } else if (v.isBoolean() || v.isNumber() || v.isDecimal128()) {
            if (OperatorParser.truthy(v)) {
                parseInclusion(parent, name, parentPath, positional);
            } else {
                parseExclusion(parent, name);
            }
        } else {
            if (positional >= 0) {
                throw fail(31308, "positional projection cannot be used with a literal");
            }
            ProjectionNode leaf = new ProjectionNode(ProjectionNode.Kind.EXPRESSION);
            leaf.expression = ExpressionCompiler.compile(v);
            parent.addAt(path(name), leaf);
            if (Boolean.FALSE.equals(inclusion)) {
                throw fail(31310, "Cannot use an expression " + name + ": " + v + " in an exclusion projection");
            }
            inclusion = true;
        }
    }

    private void parseSubObject(ProjectionNode parent, String name, String fullName, BsonDocument obj) {
        if (obj.size() == 1 && obj.getFirstKey().startsWith("$")) {
            String op = obj.getFirstKey();
            BsonValue arg = obj.get(op);
            if (op.equals("$slice")) {
                parseSlice(parent, name, obj, arg);
                return;
            }
            if (op.equals("$elemMatch")) {
                parseElemMatch(parent, name, obj, arg);
                return;
            }
            if (op.equals("$meta")) {
                throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED,
                        "$meta projection is not supported: " + name + ": " + obj.toJson());
            }
            if (!ExpressionCompiler.isOperator(op)) {
                throw fail(31325, "Unknown expression " + op);
            }
            if (Boolean.FALSE.equals(inclusion)) {
                throw fail(31252, "Cannot use expression other than $meta in exclusion projection");
            }
            ProjectionNode leaf = new ProjectionNode(ProjectionNode.Kind.EXPRESSION);
            leaf.expression = ExpressionCompiler.compile(obj);
            parent.addAt(path(name), leaf);
            inclusion = true;
            return;
        }
        FieldPath p = path(name);
        ProjectionNode node = parent;
        for (int i = 0; i < p.length(); i++) {
            node = node.internalChild(p.part(i), fullName);
        }
        for (Map.Entry<String, BsonValue> e : obj.entrySet()) {
            parseElement(node, e.getKey(), fullName, e.getValue());
        }
    }

    private void parseSlice(ProjectionNode parent, String name, BsonDocument obj, BsonValue arg) {
        ProjectionNode leaf = new ProjectionNode(ProjectionNode.Kind.SLICE);
        if (arg.isNumber() || arg.isDecimal128()) {
            leaf.sliceLimit = intOf(arg);
        } else if (arg.isArray() && arg.asArray().size() == 2 && isNumeric(arg.asArray().get(0))
                && isNumeric(arg.asArray().get(1)) && intOf(arg.asArray().get(1)) > 0) {
            leaf.sliceSkip = intOf(arg.asArray().get(0));
            leaf.sliceLimit = intOf(arg.asArray().get(1));
        } else if (arg.isArray()) {
            CommandFailedException findError = sliceError(arg);
            try {
                leaf = new ProjectionNode(ProjectionNode.Kind.EXPRESSION);
                leaf.expression = ExpressionCompiler.compile(obj);
            } catch (CommandFailedException e) {
                throw new CommandFailedException(e.code(), e.codeName(), "Invalid $slice syntax. The given syntax "
                        + obj.toJson() + " did not match the find() syntax because :: " + findError.getMessage()
                        + " :: The given syntax did not match the expression $slice syntax. :: caused by :: "
                        + e.getMessage());
            }
            if (Boolean.FALSE.equals(inclusion)) {
                throw fail(31252, "Cannot use expression other than $meta in exclusion projection");
            }
            inclusion = true;
            parent.addAt(path(name), leaf);
            return;
        } else {
            throw fail(31273, "$slice only supports numbers and [skip, limit] arrays");
        }
        parent.addAt(path(name), leaf);
        hasFindSlice = true;
    }

    private static CommandFailedException sliceError(BsonValue arg) {
        if (arg.asArray().size() != 2) {
            return fail(31272, "$slice array argument should be of form [skip, limit]");
        }
        BsonValue skip = arg.asArray().get(0);
        BsonValue limit = arg.asArray().get(1);
        if (!isNumeric(skip)) {
            return fail(31257, "$slice expects the skip argument to be a number, got " + skip.getBsonType());
        }
        if (!isNumeric(limit)) {
            return fail(31258, "$slice expects the limit argument to be a number, got " + limit.getBsonType());
        }
        return fail(31259, "$slice limit must be positive, got " + intOf(limit));
    }

    private void parseElemMatch(ProjectionNode parent, String name, BsonDocument obj, BsonValue arg) {
        if (!arg.isDocument()) {
            throw fail(31274, "elemMatch: Invalid argument, object required, but got " + arg.getBsonType());
        }
        if (hasPositional) {
            throw fail(31255, "Cannot specify positional operator and $elemMatch.");
        }
        if (name.contains(".") || parent != root) {
            throw fail(31275, "Cannot use $elemMatch projection on a nested field.");
        }
        ProjectionNode leaf = new ProjectionNode(ProjectionNode.Kind.ELEM_MATCH);
        leaf.elemMatch = QueryCompiler.compile(new BsonDocument(name, obj), vars);
        parent.addAt(path(name), leaf);
        hasElemMatch = true;
    }

    private void parseInclusion(ProjectionNode parent, String name, String parentPath, int positional) {
        boolean topLevelId = name.equals("_id") && parent == root;
        if (positional < 0) {
            parent.addAt(path(name), new ProjectionNode(ProjectionNode.Kind.INCLUDE));
            idIncluded |= topLevelId;
        } else {
            if (hasPositional) {
                throw fail(31276, "Cannot specify more than one positional projection per query.");
            }
            if (hasElemMatch) {
                throw fail(31256, "Cannot specify positional operator and $elemMatch.");
            }
            String matchField = parentPath != null ? parentPath.split("\\.", -1)[0] : name.split("\\.", -1)[0];
            if (filter != null && !filterUsesField(filter, matchField)) {
                throw fail(31277, "Positional projection '" + name + "' does not match the query document.");
            }
            if (name.endsWith(".$.")) {
                throw fail(31270, "Path cannot end with '.$.'");
            }
            String rest = name.substring(positional + 2);
            if (rest.startsWith(".")) {
                rest = rest.substring(1);
            }
            if (positionalIndex(rest) >= 0 || rest.equals("$")) {
                throw fail(31287, "Cannot use positional operator twice: " + name);
            }
            parent.addAt(path(name.substring(0, positional)), new ProjectionNode(ProjectionNode.Kind.POSITIONAL));
            hasPositional = true;
        }
        if (!topLevelId) {
            if (Boolean.FALSE.equals(inclusion)) {
                throw fail(31253, "Cannot do inclusion on field " + name + " in exclusion projection");
            }
            inclusion = true;
        }
    }

    private void parseExclusion(ProjectionNode parent, String name) {
        parent.addAt(path(name), new ProjectionNode(ProjectionNode.Kind.EXCLUDE));
        if (name.equals("_id") && parent == root) {
            idExcluded = true;
            return;
        }
        if (Boolean.TRUE.equals(inclusion)) {
            throw fail(31254, "Cannot do exclusion on field " + name + " in inclusion projection");
        }
        inclusion = false;
    }

    /** Index of the first positional operator (".$." inside or ".$" at the end), or -1. */
    private static int positionalIndex(String name) {
        int i = name.indexOf(".$.");
        if (i >= 0) {
            return i;
        }
        if (name.endsWith(".$")) {
            return name.length() - 2;
        }
        return name.equals("$") ? 0 : -1;
    }

    private static boolean filterUsesField(BsonDocument f, String field) {
        for (Map.Entry<String, BsonValue> e : f.entrySet()) {
            String k = e.getKey();
            if (k.equals("$and") || k.equals("$or") || k.equals("$nor")) {
                if (e.getValue().isArray()) {
                    for (BsonValue c : e.getValue().asArray()) {
                        if (c.isDocument() && filterUsesField(c.asDocument(), field)) {
                            return true;
                        }
                    }
                }
            } else if (!k.startsWith("$") && k.split("\\.", -1)[0].equals(field)) {
                return true;
            }
        }
        return false;
    }

    private static FieldPath path(String name) {
        FieldPathRules.validateSortPath(name);
        return FieldPath.of(name);
    }

    private static boolean isNumeric(BsonValue v) {
        return v.isNumber() || v.isDecimal128();
    }

    private static int intOf(BsonValue v) {
        if (v.isInt32()) {
            return v.asInt32().getValue();
        }
        double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
        return d >= Integer.MAX_VALUE ? Integer.MAX_VALUE : d <= Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) d;
    }

    private static CommandFailedException fail(int code, String msg) {
        return new CommandFailedException(code, "Location" + code, msg);
    }
}
