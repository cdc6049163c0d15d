package io.jmongos.wire;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A BSON document nests deeper than {@link WireLimits#MAX_BSON_DEPTH}: MongoDB's validateBSON fails it with Overflow
 * (15), "BSONObj exceeds maximum nested object depth in element with field name 'a.b...'". A request in a
 * well-framed message that fails so is answered with that error, not a closed connection. Still a
 * {@link WireProtocolException} where a message cannot be answered (a reply the client decodes).
 */
public final class BsonDepthException extends WireProtocolException {
    private static final long serialVersionUID = 1L;
    /** MongoDB's message (bson_validate.cpp), followed by the element's dotted path. */
    static final String MESSAGE = "BSONObj exceeds maximum nested object depth";

    private final transient Deque<String> path = new ArrayDeque<>();

    BsonDepthException() {
        super(MESSAGE);
    }

    /** Called while unwinding: the name of the element one level up. */
    BsonDepthException enclosedBy(String name) {
        path.addFirst(name);
        return this;
    }

    /** MongoDB's error message: the base message and the dotted path of the element that went too deep. */
    @Override
    public String getMessage() {
        return path == null || path.isEmpty() ? MESSAGE
                : MESSAGE + " in element with field name '" + String.join(".", path) + "'";
    }
}
