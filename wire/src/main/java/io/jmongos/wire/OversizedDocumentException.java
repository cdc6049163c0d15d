package io.jmongos.wire;

import org.bson.BsonDocument;

/**
 * A document written into a message came out larger than BSONObjMaxInternalSize ({@link WireLimits#MAX_BSON_SIZE}).
 * The server encoder answers it with a BSONObjectTooLarge error reply in place of the reply that was too large.
 */
final class OversizedDocumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int size;
    private final transient BsonDocument document;

    OversizedDocumentException(int size, BsonDocument document) {
        super("BSON document of " + size + " bytes exceeds the maximum of " + WireLimits.MAX_BSON_SIZE + " bytes",
                null, false, false);
        this.size = size;
        this.document = document;
    }

    int size() {
        return size;
    }

    BsonDocument document() {
        return document;
    }
}
