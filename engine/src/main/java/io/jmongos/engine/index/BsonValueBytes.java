package io.jmongos.engine.index;

import org.bson.BsonValue;

/**
 * The BSON value bytes of a scalar (everything but documents, arrays, code with scope and numbers, which the hasher
 * handles itself), as MongoDB's {@code BSONElement::value()} lays them out after the field name.
 */
final class BsonValueBytes {
    private BsonValueBytes() {
    }

    static void write(BsonElementHasher.Bytes out, BsonValue v) {
        switch (v.getBsonType()) {
            case STRING -> out.string(v.asString().getValue());
            case SYMBOL -> out.string(v.asSymbol().getSymbol());
            case JAVASCRIPT -> out.string(v.asJavaScript().getCode());
            case BINARY -> {
                byte[] data = v.asBinary().getData();
                out.int32(data.length);
                out.write(v.asBinary().getType());
                out.writeBytes(data);
            }
            case OBJECT_ID -> out.writeBytes(v.asObjectId().getValue().toByteArray());
            case BOOLEAN -> out.write(v.asBoolean().getValue() ? 1 : 0);
            case DATE_TIME -> out.int64(v.asDateTime().getValue());
            case TIMESTAMP -> out.int64(v.asTimestamp().getValue());
            case REGULAR_EXPRESSION -> {
                out.cstring(v.asRegularExpression().getPattern());
                out.cstring(v.asRegularExpression().getOptions());
            }
            case DB_POINTER -> {
                out.string(v.asDBPointer().getNamespace());
                out.writeBytes(v.asDBPointer().getId().toByteArray());
            }
            case NULL, UNDEFINED, MIN_KEY, MAX_KEY -> {
                // no value bytes
            }
            default -> throw new IllegalArgumentException("not a scalar BSON value: " + v.getBsonType());
        }
    }
}
