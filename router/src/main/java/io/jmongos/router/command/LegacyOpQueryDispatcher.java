package io.jmongos.router.command;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.conn.ClientConnectionState;

/**
 * OP_QUERY as MongoDB 5.1+ accepts it: only the handshake ({@code hello}/{@code isMaster}/{@code ismaster})
 * against {@code <db>.$cmd}; any other OP_QUERY is answered with 352 UnsupportedOpQueryCommand.
 */
public final class LegacyOpQueryDispatcher {
    /** MongoDB's ErrorCodes::UnsupportedOpQueryCommand. */
    public static final int UNSUPPORTED_OP_QUERY_COMMAND = 352;
    static final String UNSUPPORTED_NAME = "UnsupportedOpQueryCommand";
    private static final String CMD_COLLECTION = ".$cmd";

    private final CommandDispatcher dispatcher;

    public LegacyOpQueryDispatcher(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * @param fullCollectionName the OP_QUERY namespace, e.g. {@code admin.$cmd}
     * @param query              the query document; a {@code $query}-wrapped form is unwrapped
     */
    public CommandOutcome dispatch(ClientConnectionState conn, String fullCollectionName, BsonDocument query) {
        BsonDocument command = unwrap(query);
        String name = command.isEmpty() ? "" : command.getFirstKey();
        boolean isCmd = fullCollectionName.endsWith(CMD_COLLECTION)
                && fullCollectionName.length() > CMD_COLLECTION.length();
        if (!isCmd || !LoadBalancerHandshake.HELLO_NAMES.contains(name)) {
            String what = isCmd ? name : "find";
            BsonDocument reply = new CommandFailedException(UNSUPPORTED_OP_QUERY_COMMAND, UNSUPPORTED_NAME,
                    "Unsupported OP_QUERY command: " + what + ". The client driver may require an upgrade. "
                            + "For more details see https://dochub.mongodb.org/core/legacy-opcode-removal")
                    .toReply();
            return new CommandOutcome(name, reply, LoadBalancerHandshake.mustClose(conn), 0, true);
        }
        String db = fullCollectionName.substring(0, fullCollectionName.length() - CMD_COLLECTION.length());
        return dispatcher.dispatch(conn, command, db);
    }

    private static BsonDocument unwrap(BsonDocument query) {
        if (query.isDocument("$query")) {
            return query.getDocument("$query");
        }
        if (query.isDocument("query") && !query.isEmpty() && "query".equals(query.getFirstKey())) {
            return query.getDocument("query");
        }
        return query;
    }
}
