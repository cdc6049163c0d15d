package io.jmongos.wire;

import io.jmongos.common.Limits;

/** Bounds the decoders check, beyond the message length limits of {@link MessageHeader}. */
public final class WireLimits {
    /** Smallest BSON document: int32 length plus the 0x00 terminator (BSON spec). */
    public static final int MIN_BSON_SIZE = 5;
    /** Largest BSON document in a message: BSONObjMaxInternalSize (16 MiB + 16 KiB), as MongoDB accepts. */
    public static final int MAX_BSON_SIZE = Limits.MAX_BSON_INTERNAL_SIZE;
    /**
     * Deepest nesting of documents and arrays below a message's top-level document: MongoDB's
     * BSONDepth::kDefaultMaxAllowableDepth (200), which its BSON validation enforces on every incoming message
     * (201 levels counting the top one pass). Also keeps decoding recursion shallow.
     */
    public static final int MAX_BSON_DEPTH = Limits.MAX_BSON_DEPTH;
    /** Longest OP_QUERY fullCollectionName: MongoDB's 255-byte limit on a namespace ({@code <db>.<collection>}). */
    public static final int MAX_NAMESPACE_BYTES = 255;
    /** OP_MSG kind-1 section: int32 size plus at least the identifier's 0x00 terminator. */
    public static final int MIN_SEQUENCE_SECTION_SIZE = 5;
    /** OP_COMPRESSED fields after the header: originalOpcode (int32), uncompressedSize (int32), compressorId. */
    public static final int COMPRESSED_PREFIX_SIZE = 9;
    /** OP_MSG checksum: a CRC-32C as uint32. */
    public static final int CHECKSUM_SIZE = 4;

    private WireLimits() {
    }
}
