package io.jmongos.engine.write;

import java.util.Map;

import org.bson.BsonValue;

/** Values printed the way MongoDB prints them in error messages ({@code { _id: 1, a: "x" }}). */
public final class ShellFormat {
    private ShellFormat() {
    }

    public static String format(BsonValue v) {
        StringBuilder sb = new StringBuilder();
        append(v, sb);
        return sb.toString();
    }

    private static void append(BsonValue v, StringBuilder sb) {
        switch (v.getBsonType()) {
            case DOCUMENT: {
                if (v.asDocument().isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append("{ ");
                boolean first = true;
                for (Map.Entry<String, BsonValue> e : v.asDocument().entrySet()) {
                    sb.append(first ? "" : ", ").append(e.getKey()).append(": ");
                    append(e.getValue(), sb);
                    first = false;
                }
                sb.append(" }");
                return;
            }
            case ARRAY: {
                if (v.asArray().isEmpty()) {
                    sb.append("[]");
                    return;
                }
                sb.append("[ ");
                boolean first = true;
                for (BsonValue e : v.asArray()) {
                    sb.append(first ? "" : ", ");
                    append(e, sb);
                    first = false;
                }
                sb.append(" ]");
                return;
            }
            case STRING: sb.append('"').append(v.asString().getValue()).append('"'); return;
            case INT32: sb.append(v.asInt32().getValue()); return;
            case INT64: sb.append(v.asInt64().getValue()); return;
            case DOUBLE: sb.append(v.asDouble().getValue()); return;
            case DECIMAL128: sb.append(v.asDecimal128().getValue()); return;
            case OBJECT_ID: sb.append("ObjectId('").append(v.asObjectId().getValue().toHexString()).append("')");
                return;
            case BOOLEAN: sb.append(v.asBoolean().getValue()); return;
            case NULL: sb.append("null"); return;
            case UNDEFINED: sb.append("undefined"); return;
            case DATE_TIME: sb.append("new Date(").append(v.asDateTime().getValue()).append(')'); return;
            case MIN_KEY: sb.append("MinKey"); return;
            case MAX_KEY: sb.append("MaxKey"); return;
            default: sb.append(v); return;
        }
    }
}
