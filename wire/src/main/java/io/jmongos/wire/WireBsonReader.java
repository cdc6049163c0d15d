package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import java.nio.BufferUnderflowException;
import org.bson.BSONException;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonType;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.ByteBufNIO;
import org.bson.io.ByteBufferBsonInput;

/**
 * Decodes one BSON document from a Netty buffer into a {@link BsonDocument}, without copying the bytes:
 * org.bson's {@link BsonBinaryReader} reads straight from the buffer's memory. The length, bounds and terminator
 * are checked first; org.bson then checks every element (types, string lengths and terminators, nested sizes)
 * and this class bounds the nesting depth as MongoDB does ({@link BsonDepthException}), so hostile input cannot
 * overflow the stack.
 */
final class WireBsonReader {
    private WireBsonReader() {
    }

    /**
     * Reads the document at the reader index, which must end at or before {@code end}, and moves the reader index
     * past it.
     *
     * @param what names the document in error messages ("OP_MSG body")
     */
    static BsonDocument read(ByteBuf buf, int end, String what) {
        int start = buf.readerIndex();
        int remaining = end - start;
        if (remaining < Integer.BYTES) {
            throw new WireProtocolException(
                    what + ": " + remaining + " bytes remain, too few for a BSON document length");
        }
        int length = buf.getIntLE(start);
        if (length < WireLimits.MIN_BSON_SIZE) {
            throw new WireProtocolException(
                    what + ": BSON document length " + length + " is below the " + WireLimits.MIN_BSON_SIZE
                            + "-byte minimum");
        }
        if (length > WireLimits.MAX_BSON_SIZE) {
            throw new WireProtocolException(what + ": BSON document length " + length + " exceeds the maximum of "
                    + WireLimits.MAX_BSON_SIZE + " bytes");
        }
        if (length > remaining) {
            throw new WireProtocolException(what + ": BSON document overruns its bounds (length " + length
                    + ", " + remaining + " bytes remain)");
        }
        if (buf.getByte(start + length - 1) != 0) {
            throw new WireProtocolException(what + ": BSON document is not terminated by 0x00");
        }
        BsonDocument document;
        try (BsonBinaryReader reader =
                     new BsonBinaryReader(new ByteBufferBsonInput(new ByteBufNIO(buf.nioBuffer(start, length))))) {
            document = readDocument(reader, 0, what);
        } catch (WireProtocolException e) {
            throw e;
        } catch (BSONException | IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException
                 | BufferUnderflowException e) {
            // org.bson's reports of malformed input (BsonSerializationException, BsonInvalidOperationException).
            throw new WireProtocolException(what + ": invalid BSON: " + e.getMessage(), e);
        }
        buf.readerIndex(start + length);
        return document;
    }

    private static BsonDocument readDocument(BsonBinaryReader reader, int depth, String what) {
        checkDepth(depth, what);
        reader.readStartDocument();
        BsonDocument document = new BsonDocument();
        BsonType type;
        while ((type = reader.readBsonType()) != BsonType.END_OF_DOCUMENT) {
            String name = reader.readName();
            try {
                document.put(name, readValue(reader, type, depth, what));
            } catch (BsonDepthException e) {
                throw e.enclosedBy(name);
            }
        }
        reader.readEndDocument();
        return document;
    }

    private static BsonArray readArray(BsonBinaryReader reader, int depth, String what) {
        checkDepth(depth, what);
        reader.readStartArray();
        BsonArray array = new BsonArray();
        BsonType type;
        while ((type = reader.readBsonType()) != BsonType.END_OF_DOCUMENT) {
            try {
                array.add(readValue(reader, type, depth, what));
            } catch (BsonDepthException e) {
                throw e.enclosedBy(Integer.toString(array.size()));
            }
        }
        reader.readEndArray();
        return array;
    }

    /** {@code depth} counts levels below the top-level document (0), as MongoDB's validator counts frames. */
    private static void checkDepth(int depth, String what) {
        if (depth > WireLimits.MAX_BSON_DEPTH) {
            throw new BsonDepthException();
        }
    }

    private static BsonValue readValue(BsonBinaryReader reader, BsonType type, int depth, String what) {
        switch (type) {
            case DOUBLE:
                return new BsonDouble(reader.readDouble());
            case STRING:
                return new BsonString(reader.readString());
            case DOCUMENT:
                return readDocument(reader, depth + 1, what);
            case ARRAY:
                return readArray(reader, depth + 1, what);
            case BINARY:
                return reader.readBinaryData();
            case UNDEFINED:
                reader.readUndefined();
                return new BsonUndefined();
            case OBJECT_ID:
                return new BsonObjectId(reader.readObjectId());
            case BOOLEAN:
                return BsonBoolean.valueOf(reader.readBoolean());
            case DATE_TIME:
                return new BsonDateTime(reader.readDateTime());
            case NULL:
                reader.readNull();
                return BsonNull.VALUE;
            case REGULAR_EXPRESSION:
                return reader.readRegularExpression();
            case DB_POINTER:
                return reader.readDBPointer();
            case JAVASCRIPT:
                return new BsonJavaScript(reader.readJavaScript());
            case SYMBOL:
                return new BsonSymbol(reader.readSymbol());
            case JAVASCRIPT_WITH_SCOPE:
                String code = reader.readJavaScriptWithScope();
                // MongoDB's validator spends two frames on code with scope: one for the whole value, one for the scope.
                return new BsonJavaScriptWithScope(code, readDocument(reader, depth + 2, what));
            case INT32:
                return new BsonInt32(reader.readInt32());
            case TIMESTAMP:
                return reader.readTimestamp();
            case INT64:
                return new BsonInt64(reader.readInt64());
            case DECIMAL128:
                return new BsonDecimal128(reader.readDecimal128());
            case MIN_KEY:
                reader.readMinKey();
                return new BsonMinKey();
            case MAX_KEY:
                reader.readMaxKey();
                return new BsonMaxKey();
            default:
                throw new WireProtocolException(what + ": unexpected BSON type " + type);
        }
    }
}
