package io.jmongos.wire;

import java.util.Optional;

/**
 * Message compressors with their OP_COMPRESSED compressorId and the name used in the handshake's
 * {@code compression} array (MongoDB wire protocol reference, "OP_COMPRESSED"; compression spec).
 */
public enum WireCompressor {
    /** No compression: replies are sent as plain messages. As an OP_COMPRESSED id, the payload is stored as is. */
    NOOP(0, "noop"),
    SNAPPY(1, "snappy"),
    ZLIB(2, "zlib"),
    ZSTD(3, "zstd");

    private final int id;
    private final String handshakeName;

    WireCompressor(int id, String handshakeName) {
        this.id = id;
        this.handshakeName = handshakeName;
    }

    /** The compressorId byte of OP_COMPRESSED. */
    public int id() {
        return id;
    }

    /** The name in the hello {@code compression} array. */
    public String handshakeName() {
        return handshakeName;
    }

    /**
     * The compressor with the given OP_COMPRESSED compressorId.
     *
     * @throws WireProtocolException for an unknown id
     */
    public static WireCompressor fromId(int id) {
        for (WireCompressor c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        throw new WireProtocolException("unknown compressor id " + id);
    }

    /** The compressor a handshake names, if jmongos knows it (names are case-sensitive, as in MongoDB). */
    public static Optional<WireCompressor> fromHandshakeName(String name) {
        for (WireCompressor c : values()) {
            if (c.handshakeName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
