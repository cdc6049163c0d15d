package io.jmongos.router.command;

import org.bson.BsonDocument;

/**
 * What the dispatcher hands back to the frontend for one request.
 *
 * @param commandName      the command name (first field), "" when the body was empty
 * @param reply            the reply body, always with {@code ok}
 * @param closeConnection  close the connection once the reply is written (LB handshake failures)
 * @param replyDelayMillis write the reply after this many milliseconds (awaitable hello), 0 = now
 * @param compressible     whether the reply may be compressed (MongoDB never compresses handshake and
 *                         authentication replies)
 */
public record CommandOutcome(String commandName, BsonDocument reply, boolean closeConnection,
                             long replyDelayMillis, boolean compressible) {
}
