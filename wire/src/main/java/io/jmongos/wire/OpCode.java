package io.jmongos.wire;

/**
 * The wire protocol opcodes jmongos speaks (MongoDB wire protocol reference, "Opcodes"). The legacy opcodes
 * (OP_UPDATE, OP_INSERT, OP_GET_MORE, OP_DELETE, OP_KILL_CURSORS) were removed in MongoDB 6.0 and are protocol
 * errors here, as is every unknown opcode.
 */
public enum OpCode {
    /** Reply to an OP_QUERY; only for the legacy hello/isMaster handshake. */
    OP_REPLY(1),
    /** Legacy query; only for the hello/isMaster handshake of old clients. */
    OP_QUERY(2004),
    /** Wraps another message compressed with a negotiated compressor. */
    OP_COMPRESSED(2012),
    /** Extensible message format, used for every command since MongoDB 3.6. */
    OP_MSG(2013);

    private final int code;

    OpCode(int code) {
        this.code = code;
    }

    /** The opcode's value in the message header. */
    public int code() {
        return code;
    }

    /**
     * The opcode with the given wire value.
     *
     * @throws WireProtocolException for legacy and unknown opcodes
     */
    public static OpCode fromCode(int code) {
        switch (code) {
            case 1:
                return OP_REPLY;
            case 2004:
                return OP_QUERY;
            case 2012:
                return OP_COMPRESSED;
            case 2013:
                return OP_MSG;
            default:
                String legacy = legacyName(code);
                throw new WireProtocolException(legacy == null
                        ? "unknown opcode " + code
                        : "legacy opcode " + code + " (" + legacy + ") is not supported");
        }
    }

    /** Names of removed opcodes, for clearer error messages (values from the MongoDB wire protocol reference). */
    private static String legacyName(int code) {
        switch (code) {
            case 2001:
                return "OP_UPDATE";
            case 2002:
                return "OP_INSERT";
            case 2003:
                return "OP_RESERVED";
            case 2005:
                return "OP_GET_MORE";
            case 2006:
                return "OP_DELETE";
            case 2007:
                return "OP_KILL_CURSORS";
            case 2010:
                return "OP_COMMAND";
            case 2011:
                return "OP_COMMANDREPLY";
            default:
                return null;
        }
    }
}
