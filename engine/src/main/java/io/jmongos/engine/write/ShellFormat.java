package io.jmongos.engine.write;

import java.util.Map;

import org.bson.BsonValue;

/** Values printed the way MongoDB prints them in error messages ({@code { _id: 1, a: "x" }}). */
public final class ShellFormat {
    /** BSON binary subtype 4, UUID (bsonspec.org). */
    private static final byte UUID_SUBTYPE = 4;
    /** A UUID's length in bytes. */
    private static final int UUID_BYTES = 16;

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
            case BINARY: binary(v.asBinary(), sb); return;
            case TIMESTAMP: sb.append("Timestamp(").append(v.asTimestamp().getTime()).append(", ")
                    .append(v.asTimestamp().getInc()).append(')'); return;
            case REGULAR_EXPRESSION: sb.append('/').append(v.asRegularExpression().getPattern()).append('/')
                    .append(v.asRegularExpression().getOptions()); return;
            default: sb.append(v); return;
        }
    }

    /** MongoDB's BSONElement::toString: a 16-byte subtype 4 value is UUID("..."), others BinData(type, HEX). */
    private static void binary(org.bson.BsonBinary b, StringBuilder sb) {
        byte[] data = b.getData();
        if (b.getType() == UUID_SUBTYPE && data.length == UUID_BYTES) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(data);
            sb.append("UUID(\"").append(new java.util.UUID(buf.getLong(), buf.getLong())).append("\")");
            return;
        }
        sb.append("BinData(").append(b.getType() & 0xff).append(", ");
        for (byte x : data) {
            sb.append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(x & 0xf, 16)));
        }
        sb.append(')');
    }
}
