package io.jmongos.wire;

/**
 * OP_MSG flagBits (MongoDB wire protocol reference, "Flag Bits"). Bits 0-15 are required: a receiver must reject
 * a message with a required bit it does not know. Bits 16-31 are optional and may be ignored.
 */
public final class OpMsgFlags {
    /** Bit 0: the message ends with a CRC-32C checksum of everything before it. */
    public static final int CHECKSUM_PRESENT = 1;
    /** Bit 1: another message follows without waiting for a reply; the receiver sends no reply to this one. */
    public static final int MORE_TO_COME = 1 << 1;
    /** Bit 16: the client accepts several replies to this request (exhaust cursors). */
    public static final int EXHAUST_ALLOWED = 1 << 16;
    /** Bits 0-15, the required ones. */
    public static final int REQUIRED_MASK = 0xFFFF;
    /** The required bits jmongos understands. */
    public static final int KNOWN_REQUIRED = CHECKSUM_PRESENT | MORE_TO_COME;

    private OpMsgFlags() {
    }

    /** Whether {@code flag} is set in {@code flagBits}. */
    public static boolean isSet(int flagBits, int flag) {
        return (flagBits & flag) != 0;
    }
}
