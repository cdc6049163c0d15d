package io.jmongos.engine.update;

import java.util.Map;

import org.bson.BsonValue;

/** Renders values the way MongoDB's error messages print BSON elements ({@code a: { b: 1 }}, {@code "x"}). */
final class BsonRender {
    private BsonRender() {
    }

    /** {@code name: value}, as MongoDB's BSONElement::toString. */
    static String element(String name, BsonValue v) {
        return name + ": " + value(v);
    }

    static String value(BsonValue v) {
        if (v == null) {
            return "MISSING";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, v);
        return sb.toString();
    }

    private static void append(StringBuilder sb, BsonValue v) {
        switch (v.getBsonType()) {
            case STRING:
                sb.append('"').append(v.asString().getValue()).append('"');
                break;
            case INT32:
                sb.append(v.asInt32().getValue());
                break;
            case INT64:
                sb.append(v.asInt64().getValue());
                break;
            case DOUBLE:
                double d = v.asDouble().getValue();
                sb.append(d == Math.rint(d) && !Double.isInfinite(d) ? String.format("%.1f", d) : Double.toString(d));
                break;
            case DECIMAL128:
                sb.append("NumberDecimal(\"").append(v.asDecimal128().getValue()).append("\")");
                break;
            case BOOLEAN:
                sb.append(v.asBoolean().getValue());
                break;
            case NULL:
                sb.append("null");
                break;
            case OBJECT_ID:
                sb.append("ObjectId('").append(v.asObjectId().getValue().toHexString()).append("')");
                break;
            case DOCUMENT: {
                if (v.asDocument().isEmpty()) {
                    sb.append("{}");
                    break;
                }
                sb.append("{ ");
                boolean first = true;
                for (Map.Entry<String, BsonValue> e : v.asDocument().entrySet()) {
                    sb.append(first ? "" : ", ").append(e.getKey()).append(": ");
                    append(sb, e.getValue());
                    first = false;
                }
                sb.append(" }");
                break;
            }
            case ARRAY: {
                if (v.asArray().isEmpty()) {
                    sb.append("[]");
                    break;
                }
                sb.append("[ ");
                boolean first = true;
                for (BsonValue el : v.asArray()) {
                    sb.append(first ? "" : ", ");
                    append(sb, el);
                    first = false;
                }
                sb.append(" ]");
                break;
            }
            default:
                sb.append(v.toString());
        }
    }
}
