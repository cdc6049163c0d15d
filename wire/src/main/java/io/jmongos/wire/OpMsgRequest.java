package io.jmongos.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * An OP_MSG request: flagBits, the kind-0 body and the kind-1 document sequences (identifier to documents, in
 * message order). {@link #commandDocument()} is the command the way handlers see it: the body with each sequence
 * as an array field.
 */
public final class OpMsgRequest implements WireRequest {
    private final int requestId;
    private final int flagBits;
    private final BsonDocument body;
    private final Map<String, List<BsonDocument>> documentSequences;
    private final WireCompressor compressor;
    private final BsonDocument commandDocument;

    /**
     * @throws IllegalArgumentException when a sequence identifier is also a field of the body
     */
    public OpMsgRequest(int requestId, int flagBits, BsonDocument body,
                        Map<String, List<BsonDocument>> documentSequences, WireCompressor compressor) {
        this.requestId = requestId;
        this.flagBits = flagBits;
        this.body = Objects.requireNonNull(body, "body");
        this.compressor = Objects.requireNonNull(compressor, "compressor");
        if (documentSequences.isEmpty()) {
            this.documentSequences = Map.of();
            this.commandDocument = body;
        } else {
            Map<String, List<BsonDocument>> copy = new LinkedHashMap<>();
            BsonDocument command = new BsonDocument();
            command.putAll(body);
            documentSequences.forEach((identifier, documents) -> {
                if (body.containsKey(identifier)) {
                    throw new IllegalArgumentException(duplicateFieldReason(identifier));
                }
                List<BsonDocument> docs = List.copyOf(documents);
                copy.put(identifier, docs);
                command.put(identifier, new BsonArray(new ArrayList<>(docs)));
            });
            this.documentSequences = Collections.unmodifiableMap(copy);
            this.commandDocument = command;
        }
    }

    /** A plain request: no flags, no document sequences, not compressed. */
    public static OpMsgRequest of(int requestId, BsonDocument body) {
        return new OpMsgRequest(requestId, 0, body, Map.of(), WireCompressor.NOOP);
    }

    static String duplicateFieldReason(String identifier) {
        return "field '" + identifier + "' appears both in the OP_MSG body and as a document sequence";
    }

    @Override
    public int requestId() {
        return requestId;
    }

    public int flagBits() {
        return flagBits;
    }

    /** The kind-0 body section as sent. */
    public BsonDocument body() {
        return body;
    }

    /** Kind-1 sections: identifier to documents, in message order; empty when there are none. */
    public Map<String, List<BsonDocument>> documentSequences() {
        return documentSequences;
    }

    @Override
    public WireCompressor compressor() {
        return compressor;
    }

    @Override
    public OpCode opCode() {
        return OpCode.OP_MSG;
    }

    /** The body with every document sequence merged in as an array under its identifier. Do not modify it. */
    public BsonDocument commandDocument() {
        return commandDocument;
    }

    /** Whether the message carried a CRC-32C checksum (verified by the decoder). */
    public boolean checksumPresent() {
        return OpMsgFlags.isSet(flagBits, OpMsgFlags.CHECKSUM_PRESENT);
    }

    /** moreToCome: the client expects no reply to this request. */
    public boolean moreToCome() {
        return OpMsgFlags.isSet(flagBits, OpMsgFlags.MORE_TO_COME);
    }

    /** exhaustAllowed: the client would accept several replies (jmongos may ignore it). */
    public boolean exhaustAllowed() {
        return OpMsgFlags.isSet(flagBits, OpMsgFlags.EXHAUST_ALLOWED);
    }

    @Override
    public String toString() {
        return "OpMsgRequest{requestId=" + requestId + ", flagBits=" + flagBits + ", compressor=" + compressor
                + ", sequences=" + documentSequences.keySet() + "}";
    }
}
