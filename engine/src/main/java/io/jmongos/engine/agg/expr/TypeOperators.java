package io.jmongos.engine.agg.expr;

import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;

/** {@code $type $isNumber $convert $toInt $toLong $toDouble $toDecimal $toString $toBool $toObjectId $toDate}. */
final class TypeOperators {
    private TypeOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        Operators.fixed(ops, "$type", 1, a -> new BsonString(Values.typeName(a[0])));
        Operators.fixed(ops, "$isNumber", 1, a -> BsonBoolean.valueOf(Values.isNumber(a[0])));
        ops.put("$convert", (n, a) -> convert(a));
        shorthand(ops, "$toInt", BsonType.INT32);
        shorthand(ops, "$toLong", BsonType.INT64);
        shorthand(ops, "$toDouble", BsonType.DOUBLE);
        shorthand(ops, "$toDecimal", BsonType.DECIMAL128);
        shorthand(ops, "$toString", BsonType.STRING);
        shorthand(ops, "$toBool", BsonType.BOOLEAN);
        shorthand(ops, "$toObjectId", BsonType.OBJECT_ID);
        shorthand(ops, "$toDate", BsonType.DATE_TIME);
    }

    private static void shorthand(Map<String, OperatorParser> ops, String name, BsonType target) {
        Operators.fixed(ops, name, 1, a -> Values.isNullish(a[0]) ? BsonNull.VALUE
                : TypeConversion.convert(a[0], target));
    }

    private static Expression convert(BsonValue a) {
        if (!a.isDocument()) {
            throw AggErrors.fail(9, "$convert expects an object of named arguments but found: "
                    + Values.typeName(a));
        }
        BsonDocument d = a.asDocument();
        Expression input = null;
        Expression to = null;
        Expression onError = null;
        Expression onNull = null;
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            Expression x = ExpressionCompiler.compile(e.getValue());
            switch (e.getKey()) {
                case "input": input = x; break;
                case "to": to = x; break;
                case "onError": onError = x; break;
                case "onNull": onNull = x; break;
                case "format":
                case "base":
                case "byteOrder":
                    throw AggErrors.fail(9, "$convert option '" + e.getKey() + "' is not supported by jmongos");
                default: throw AggErrors.fail(9, "$convert found an unknown argument: " + e.getKey());
            }
        }
        if (input == null) {
            throw AggErrors.fail(9, "Missing 'input' parameter to $convert");
        }
        if (to == null) {
            throw AggErrors.fail(9, "Missing 'to' parameter to $convert");
        }
        Expression in = input;
        Expression target = to;
        Expression err = onError;
        Expression nul = onNull;
        return (root, vars) -> {
            BsonValue toValue = target.evaluate(root, vars);
            BsonValue v = in.evaluate(root, vars);
            if (Values.isNullish(toValue)) {
                return BsonNull.VALUE;
            }
            BsonType type = targetType(toValue);
            if (Values.isNullish(v)) {
                return nul != null ? nul.evaluate(root, vars) : BsonNull.VALUE;
            }
            if (err == null) {
                return TypeConversion.convert(v, type);
            }
            try {
                return TypeConversion.convert(v, type);
            } catch (CommandFailedException e) {
                if (e.code() != ErrorCode.CONVERSION_FAILURE.code()) {
                    throw e;
                }
                return err.evaluate(root, vars);
            }
        };
    }

    /** The target type of {@code to}: a type name or a numeric BSON type code. */
    static BsonType targetType(BsonValue to) {
        if (to.isString()) {
            String name = to.asString().getValue();
            for (BsonType t : BsonType.values()) {
                if (t != BsonType.END_OF_DOCUMENT && Values.typeName(t).equals(name)) {
                    return t;
                }
            }
            throw AggErrors.fail(2, "Unknown type name: " + name);
        }
        if (Values.isNumber(to)) {
            double d = Numbers.toDouble(to);
            if (d != Math.rint(d)) {
                throw AggErrors.fail(9, "In $convert, numeric 'to' argument is not an integer");
            }
            int code = (int) d;
            for (BsonType t : BsonType.values()) {
                if (t.getValue() == code && t != BsonType.END_OF_DOCUMENT) {
                    return t;
                }
            }
            throw AggErrors.fail(2, "In $convert, numeric value for 'to' does not correspond to a BSON type: "
                    + new BsonInt32(code).getValue());
        }
        throw AggErrors.fail(9, "$convert's 'to' argument must be a string or number, but is "
                + Values.typeName(to));
    }
}
