package io.jmongos.router.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;

import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * A logical session id ({@code lsid}): the client's UUID plus the uid (SHA-256 of the user name; of the
 * empty string when auth is off, as MongoDB fills it in for unauthenticated clients).
 */
public record LogicalSessionId(UUID id) {
    /** Length of a UUID in a BSON binary: 16 bytes (RFC 4122). */
    private static final int UUID_BYTES = 16;
    /** The uid MongoDB assigns to sessions of the unauthenticated user: SHA-256 of "". */
    private static final byte[] ANONYMOUS_UID = sha256("");
    private static final String ANONYMOUS_UID_BASE64 = Base64.getEncoder().encodeToString(ANONYMOUS_UID);

    public static LogicalSessionId random() {
        return new LogicalSessionId(UUID.randomUUID());
    }

    /**
     * Parse the {@code lsid} field of a command: {@code {id: UUID, uid?: BinData}}.
     *
     * @throws CommandFailedException with MongoDB's IDL errors for a malformed document
     */
    public static LogicalSessionId parse(String field, BsonValue value) {
        if (!value.isDocument()) {
            throw typeMismatch(field, value, "object");
        }
        BsonDocument doc = value.asDocument();
        BsonValue id = doc.get("id");
        if (id == null) {
            throw new CommandFailedException(40414, "Location40414",
                    "BSON field '" + field + ".id' is missing but a required field");
        }
        if (!id.isBinary()) {
            throw typeMismatch(field + ".id", id, "binData");
        }
        BsonBinary bin = id.asBinary();
        if (bin.getType() != BsonBinarySubType.UUID_STANDARD.getValue() || bin.getData().length != UUID_BYTES) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE,
                    "BSON field '" + field + ".id' must be a UUID (binary subtype 4, 16 bytes)");
        }
        byte[] b = bin.getData();
        return new LogicalSessionId(new UUID(bigEndianLong(b, 0), bigEndianLong(b, Long.BYTES)));
    }

    private static long bigEndianLong(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + Long.BYTES; i++) {
            v = (v << Byte.SIZE) | (b[i] & 0xFF);
        }
        return v;
    }

    private static CommandFailedException typeMismatch(String field, BsonValue v, String expected) {
        return new CommandFailedException(ErrorCode.TYPE_MISMATCH, "BSON field '" + field + "' is the wrong type '"
                + BsonTypeNames.of(v) + "', expected type '" + expected + "'");
    }

    /** {@code {id: UUID}} as the client sends it. */
    public BsonDocument toBson() {
        return new BsonDocument("id", new BsonBinary(id));
    }

    /** {@code {id: UUID, uid: BinData}} as MongoDB reports it in currentOp. */
    public BsonDocument toBsonWithUid() {
        return toBson().append("uid", new BsonBinary(ANONYMOUS_UID));
    }

    /** MongoDB's text form of an lsid, used in error messages: "id - uid - txnNumber - txnUUID". */
    @Override
    public String toString() {
        return id + " - " + ANONYMOUS_UID_BASE64 + " -  - ";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
