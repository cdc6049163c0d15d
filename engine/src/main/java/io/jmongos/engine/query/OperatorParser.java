package io.jmongos.engine.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Parses an operator document for one path ({@code {$gt: 1, $lt: 5}}) into nodes, one per operator, with
 * MongoDB's error codes and messages for malformed arguments.
 */
final class OperatorParser {
    /** MongoDB's code when $options comes before a $regex that carries its own flags. */
    private static final int REGEX_OPTIONS_TWICE_BEFORE = 51074;
    /** MongoDB's code when $options comes after a $regex that carries its own flags. */
    private static final int REGEX_OPTIONS_TWICE_AFTER = 51075;

    private final FilterParser filters;

    OperatorParser(FilterParser filters) {
        this.filters = filters;
    }

    List<MatchNode> parse(FieldPath path, BsonDocument ops) {
        List<MatchNode> out = new ArrayList<>();
        if (!ops.isEmpty() && isGeoNear(ops.getFirstKey())) {
            throw FilterParser.notSupported(ops.getFirstKey() + " is not supported: jmongos has no geospatial "
                    + "indexes");
        }
        boolean regexDone = false;
        for (Map.Entry<String, BsonValue> e : ops.entrySet()) {
            String op = e.getKey();
            BsonValue arg = e.getValue();
            if (op.equals("$regex") || op.equals("$options")) {
                if (!regexDone) {
                    out.add(new PathNode(path, regex(ops), true));
                    regexDone = true;
                }
                continue;
            }
            out.add(parseOne(path, op, arg));
        }
        return out;
    }

    private MatchNode parseOne(FieldPath path, String op, BsonValue arg) {
        switch (op) {
            case "$eq": return leaf(path, comparison(ComparisonPredicate.Op.EQ, path, arg));
            case "$lt": return leaf(path, comparison(ComparisonPredicate.Op.LT, path, arg));
            case "$lte": return leaf(path, comparison(ComparisonPredicate.Op.LTE, path, arg));
            case "$gt": return leaf(path, comparison(ComparisonPredicate.Op.GT, path, arg));
            case "$gte": return leaf(path, comparison(ComparisonPredicate.Op.GTE, path, arg));
            case "$ne":
                if (arg.isRegularExpression()) {
                    throw bad("Can't have regex as arg to $ne.");
                }
                return LogicalNode.not(leaf(path, comparison(ComparisonPredicate.Op.EQ, path, arg)));
            case "$in":
                return leaf(path, in(arg, "$in"));
            case "$nin":
                return LogicalNode.not(leaf(path, in(arg, "$nin")));
            case "$not":
                return not(path, arg);
            case "$exists":
                PathNode exists = leaf(path, (v, d) -> v != null);
                return truthy(arg) ? exists : LogicalNode.not(exists);
            case "$type":
                TypePredicate type = new TypePredicate(arg);
                if (arg.isArray() && arg.asArray().isEmpty()) {
                    throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                            path.dotted() + " must match at least one type");
                }
                return leaf(path, type);
            case "$size":
                return new PathNode(path, ArrayPredicates.size(size(arg)), false);
            case "$mod":
                return leaf(path, new ModPredicate(arg));
            case "$elemMatch":
                return new PathNode(path, elemMatch(path, arg), false);
            case "$all":
                return all(path, arg);
            case "$bitsAllSet": return leaf(path, new BitsPredicate(op, BitsPredicate.Mode.ALL_SET, arg));
            case "$bitsAllClear": return leaf(path, new BitsPredicate(op, BitsPredicate.Mode.ALL_CLEAR, arg));
            case "$bitsAnySet": return leaf(path, new BitsPredicate(op, BitsPredicate.Mode.ANY_SET, arg));
            case "$bitsAnyClear": return leaf(path, new BitsPredicate(op, BitsPredicate.Mode.ANY_CLEAR, arg));
            case "$geoWithin":
            case "$within":
            case "$geoIntersects":
                throw FilterParser.notSupported(op + " is not supported: jmongos has no geospatial indexes");
            case "$near":
            case "$nearSphere":
                throw bad("near must be first in: " + new BsonDocument(op, arg));
            case "$where":
                throw bad("$where cannot be applied to a field");
            default:
                throw bad("unknown operator: " + op);
        }
    }

    private static PathNode leaf(FieldPath path, ValuePredicate p) {
        return new PathNode(path, p, true);
    }

    static ComparisonPredicate comparison(ComparisonPredicate.Op op, FieldPath path, BsonValue arg) {
        if (arg.isRegularExpression() && op != ComparisonPredicate.Op.EQ) {
            throw bad("Can't have RegEx as arg to predicate over field '" + path.dotted() + "'.");
        }
        if (arg.getBsonType() == org.bson.BsonType.UNDEFINED) {
            throw bad("cannot compare to undefined");
        }
        return new ComparisonPredicate(op, arg);
    }

    private static InPredicate in(BsonValue arg, String op) {
        if (!arg.isArray()) {
            throw bad(op + " needs an array");
        }
        List<BsonValue> equalities = new ArrayList<>();
        List<RegexPredicate> regexes = new ArrayList<>();
        for (BsonValue v : arg.asArray()) {
            if (FilterParser.isExpressionDocument(v, false)) {
                throw bad("cannot nest $ under " + op);
            }
            if (v.getBsonType() == org.bson.BsonType.UNDEFINED) {
                throw bad("InMatchExpression equality cannot be undefined");
            }
            if (v.isRegularExpression()) {
                regexes.add(new RegexPredicate(v.asRegularExpression().getPattern(),
                        v.asRegularExpression().getOptions()));
            } else {
                equalities.add(v);
            }
        }
        return new InPredicate(equalities, regexes);
    }

    private MatchNode not(FieldPath path, BsonValue arg) {
        if (arg.isRegularExpression()) {
            return LogicalNode.not(leaf(path, new RegexPredicate(arg.asRegularExpression().getPattern(),
                    arg.asRegularExpression().getOptions())));
        }
        if (!arg.isDocument()) {
            throw bad("$not needs a regex or a document");
        }
        if (arg.asDocument().isEmpty()) {
            throw bad("$not cannot be empty");
        }
        return LogicalNode.not(LogicalNode.and(parse(path, arg.asDocument())));
    }

    private static RegexPredicate regex(BsonDocument ops) {
        String pattern = null;
        String options = "";
        boolean optionsSeen = false;
        if (!ops.containsKey("$regex")) {
            throw bad("$options needs a $regex");
        }
        for (Map.Entry<String, BsonValue> e : ops.entrySet()) {
            BsonValue v = e.getValue();
            if (e.getKey().equals("$regex")) {
                if (v.isString()) {
                    pattern = v.asString().getValue();
                } else if (v.isRegularExpression()) {
                    pattern = v.asRegularExpression().getPattern();
                    String flags = v.asRegularExpression().getOptions();
                    if (!flags.isEmpty()) {
                        if (optionsSeen && !options.isEmpty()) {
                            throw new CommandFailedException(REGEX_OPTIONS_TWICE_BEFORE,
                                    "Location" + REGEX_OPTIONS_TWICE_BEFORE, "options set in both $regex and $options");
                        }
                        options = flags;
                    }
                } else {
                    throw bad("$regex has to be a string");
                }
            } else if (e.getKey().equals("$options")) {
                if (!v.isString()) {
                    throw bad("$options has to be a string");
                }
                if (!options.isEmpty()) {
                    throw new CommandFailedException(REGEX_OPTIONS_TWICE_AFTER,
                            "Location" + REGEX_OPTIONS_TWICE_AFTER, "options set in both $regex and $options");
                }
                options = v.asString().getValue();
                optionsSeen = true;
            }
        }
        return new RegexPredicate(pattern, options);
    }

    private static int size(BsonValue arg) {
        if (arg.isInt32()) {
            return nonNegativeSize(arg.asInt32().getValue());
        }
        if (arg.isInt64()) {
            long l = arg.asInt64().getValue();
            if (l != (int) l) {
                throw bad("$size must be representable as a 32-bit integer");
            }
            return nonNegativeSize((int) l);
        }
        if (arg.isDouble() || arg.isDecimal128()) {
            double d = arg.isDouble() ? arg.asDouble().getValue() : arg.asDecimal128().doubleValue();
            if (d != (int) d) {
                throw bad("$size must be a whole number");
            }
            return nonNegativeSize((int) d);
        }
        throw bad("$size needs a number");
    }

    private static int nonNegativeSize(int n) {
        if (n < 0) {
            throw bad("$size may not be negative");
        }
        return n;
    }

    private ValuePredicate elemMatch(FieldPath path, BsonValue arg) {
        if (!arg.isDocument()) {
            throw bad("$elemMatch needs an Object");
        }
        BsonDocument obj = arg.asDocument();
        if (FilterParser.isExpressionDocument(arg, true) && !isPathless(obj.getFirstKey())) {
            return ArrayPredicates.elemMatchValue(parse(path, obj));
        }
        if (obj.containsKey("$where")) {
            throw bad("$elemMatch cannot contain $where expression");
        }
        return ArrayPredicates.elemMatchObject(filters.parse(obj, false));
    }

    private static boolean isPathless(String op) {
        switch (op) {
            case "$and": case "$or": case "$nor": case "$expr": case "$where": case "$text": case "$comment":
            case "$jsonSchema": case "$alwaysTrue": case "$alwaysFalse": case "$ref": case "$id": case "$db":
                return true;
            default:
                return false;
        }
    }

    private MatchNode all(FieldPath path, BsonValue arg) {
        if (!arg.isArray()) {
            throw bad("$all needs an array");
        }
        List<MatchNode> nodes = new ArrayList<>();
        List<BsonValue> items = arg.asArray();
        boolean elemMatchForm = !items.isEmpty() && isElemMatchDoc(items.get(0));
        for (BsonValue v : items) {
            if (elemMatchForm) {
                if (!isElemMatchDoc(v)) {
                    throw bad("$all/$elemMatch has to be consistent");
                }
                nodes.add(new PathNode(path, elemMatch(path, v.asDocument().get("$elemMatch")), false));
            } else if (v.isRegularExpression()) {
                nodes.add(leaf(path, new RegexPredicate(v.asRegularExpression().getPattern(),
                        v.asRegularExpression().getOptions())));
            } else if (v.isDocument() && !v.asDocument().isEmpty() && v.asDocument().getFirstKey().startsWith("$")
                    && FilterParser.isExpressionDocument(v, false)) {
                throw bad("no $ expressions in $all");
            } else {
                nodes.add(leaf(path, comparison(ComparisonPredicate.Op.EQ, path, v)));
            }
        }
        return nodes.isEmpty() ? ConstantNode.FALSE : LogicalNode.and(nodes);
    }

    private static boolean isElemMatchDoc(BsonValue v) {
        return v.isDocument() && !v.asDocument().isEmpty() && v.asDocument().getFirstKey().equals("$elemMatch");
    }

    private static boolean isGeoNear(String op) {
        return op.equals("$near") || op.equals("$nearSphere") || op.equals("$geoNear");
    }

    static boolean truthy(BsonValue v) {
        switch (v.getBsonType()) {
            case BOOLEAN: return v.asBoolean().getValue();
            case INT32: return v.asInt32().getValue() != 0;
            case INT64: return v.asInt64().getValue() != 0;
            case DOUBLE: return v.asDouble().getValue() != 0;
            case DECIMAL128: return NumberComparison.compare(v, new org.bson.BsonInt32(0)) != 0;
            case NULL: case UNDEFINED: return false;
            default: return true;
        }
    }

    static CommandFailedException bad(String msg) {
        return new CommandFailedException(ErrorCode.BAD_VALUE, msg);
    }
}
