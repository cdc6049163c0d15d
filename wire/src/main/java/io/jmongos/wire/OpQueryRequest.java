package io.jmongos.wire;

import java.util.Objects;
import org.bson.BsonDocument;

/**
 * A legacy OP_QUERY request. jmongos accepts it only for the hello/isMaster handshake on {@code <db>.$cmd}; that
 * policy belongs to the router.
 *
 * @param flags                OP_QUERY flags (tailable, secondaryOk, ...), as sent
 * @param fullCollectionName   {@code <db>.<collection>}, e.g. {@code admin.$cmd}
 * @param returnFieldsSelector the optional projection document, or {@code null} when absent
 */
public record OpQueryRequest(int requestId, int flags, String fullCollectionName, int numberToSkip,
                             int numberToReturn, BsonDocument query, BsonDocument returnFieldsSelector,
                             WireCompressor compressor) implements WireRequest {
    public OpQueryRequest {
        Objects.requireNonNull(fullCollectionName, "fullCollectionName");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(compressor, "compressor");
    }

    @Override
    public OpCode opCode() {
        return OpCode.OP_QUERY;
    }
}
