package io.jmongos.common;

/** Protocol limits jmongos advertises in its hello reply and enforces; values are MongoDB's. */
public final class Limits {
    /** maxBsonObjectSize in MongoDB's hello reply: 16 MiB (BSONObjMaxUserSize). */
    public static final int MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
    /** BSONObjMaxInternalSize: user size plus 16 KiB for command envelopes around a max-size document. */
    public static final int MAX_BSON_INTERNAL_SIZE = MAX_BSON_OBJECT_SIZE + 16 * 1024;
    /** maxMessageSizeBytes in MongoDB's hello reply (MaxMessageSizeBytes = 48,000,000). */
    public static final int MAX_MESSAGE_SIZE_BYTES = 48_000_000;
    /** maxWriteBatchSize in MongoDB's hello reply (write_ops::kMaxWriteBatchSize). */
    public static final int MAX_WRITE_BATCH_SIZE = 100_000;
    /** Every wire message starts with a 16-byte header (MsgHeader: length, requestID, responseTo, opCode). */
    public static final int MESSAGE_HEADER_SIZE = 16;
    /** Wire versions: 21 = MongoDB 7.0 (driver 5.x supports 7..25). Raise only with the features behind it. */
    public static final int MIN_WIRE_VERSION = 0;
    public static final int MAX_WIRE_VERSION = 21;
    /** logicalSessionTimeoutMinutes default in MongoDB. */
    public static final int LOGICAL_SESSION_TIMEOUT_MINUTES = 30;
    /** Size of a getMore/find first batch when no batchSize is given: 101 documents (MongoDB's default). */
    public static final int DEFAULT_FIRST_BATCH_SIZE = 101;
    /** A reply batch stops growing once it reaches 16 MiB (MongoDB's cursor batch byte limit). */
    public static final int MAX_BATCH_BYTES = MAX_BSON_OBJECT_SIZE;

    /**
     * Deepest nesting a BSON object may have below its top level: BSONDepth::kDefaultMaxAllowableDepth (200) of
     * MongoDB's bson_depth.h. BSON validation keeps one frame per level plus the top level's, so 201 levels counting
     * the top one pass and a message nested deeper fails with Overflow (15).
     */
    public static final int MAX_BSON_DEPTH = 200;
    /** BSONDepth::kExtraSystemDepthLevels: levels the server keeps for its own wrapping (oplog, replies). */
    public static final int EXTRA_SYSTEM_DEPTH_LEVELS = 20;
    /**
     * Deepest document that may be stored, counting the top level as 1: BSONDepth::getMaxDepthForUserStorage()
     * (200 - 20 = 180). Empty sub-documents and arrays do not count. Deeper writes fail with Overflow (15).
     */
    public static final int MAX_STORAGE_DEPTH = MAX_BSON_DEPTH - EXTRA_SYSTEM_DEPTH_LEVELS;

    private Limits() {
    }
}
