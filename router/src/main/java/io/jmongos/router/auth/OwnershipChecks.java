package io.jmongos.router.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.ErrorLabels;
import io.jmongos.router.param.ServerParameters;

/**
 * Cursors, sessions and transactions belong to the users who made them (with {@code --auth}). Another user's
 * {@code getMore} is 13 "cursor id N was not created by the authenticated user", its {@code killCursors} 13 "not
 * authorized to kill cursor on db.coll"; in MongoDB a session id used by another user is another session (its uid
 * differs), so another user's {@code commitTransaction}/{@code abortTransaction} or transaction statement finds no
 * transaction: 251 NoSuchTransaction.
 */
final class OwnershipChecks {
    /** MongoDB's default logical session timeout (localLogicalSessionTimeoutMinutes): 30 minutes. */
    static final long SESSION_IDLE_MILLIS = 30L * 60 * 1000;
    /** MongoDB's default cursorTimeoutMillis (10 minutes), when the parameter is not registered. */
    static final long DEFAULT_CURSOR_IDLE_MILLIS = 600_000L;
    private static final String CURSOR_TIMEOUT = "cursorTimeoutMillis";

    private final OwnerRegistry cursors;
    private final OwnerRegistry sessions = new OwnerRegistry(() -> SESSION_IDLE_MILLIS);

    OwnershipChecks(ServerParameters parameters) {
        this.cursors = new OwnerRegistry(() -> parameters.isDefined(CURSOR_TIMEOUT)
                ? parameters.getLong(CURSOR_TIMEOUT) : DEFAULT_CURSOR_IDLE_MILLIS);
    }

    static Set<String> names(List<AuthenticatedUser> users) {
        Set<String> out = new LinkedHashSet<>();
        users.forEach(u -> out.add(u.toString()));
        return out;
    }

    /** Before the command runs. */
    void before(String name, String db, BsonDocument command, Set<String> users) {
        if (name.equals("getMore") && command.isNumber("getMore")) {
            long id = command.getNumber("getMore").longValue();
            if (!OwnerRegistry.coauthorized(cursors.owners(id), users)) {
                throw new CommandFailedException(ErrorCode.UNAUTHORIZED,
                        "cursor id " + id + " was not created by the authenticated user");
            }
        }
        if (name.equals("killCursors") && command.isArray("cursors")) {
            for (BsonValue v : command.getArray("cursors")) {
                if (v.isNumber() && !OwnerRegistry.coauthorized(cursors.owners(v.asNumber().longValue()), users)) {
                    throw new CommandFailedException(ErrorCode.UNAUTHORIZED, "not authorized to kill cursor on "
                            + db + "." + CommandPrivileges.collection(command.get("killCursors")));
                }
            }
        }
        UUID lsid = lsid(command);
        if (lsid != null && !OwnerRegistry.coauthorized(sessions.claim(lsid, users), users)
                && command.containsKey("txnNumber")) {
            throw new CommandFailedException(ErrorCode.NO_SUCH_TRANSACTION, "Given transaction number "
                    + command.get("txnNumber").asNumber().longValue() + " does not match any in-progress "
                    + "transactions. The active transaction number is -1")
                    .withLabel(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
        }
    }

    /** After it ran: remember new cursors, forget exhausted and killed ones. */
    void after(String name, BsonDocument command, BsonDocument reply, Set<String> users) {
        if (reply.isDocument("cursor") && reply.getDocument("cursor").isNumber("id")) {
            long id = reply.getDocument("cursor").getNumber("id").longValue();
            if (name.equals("getMore") && id == 0 && command.isNumber("getMore")) {
                cursors.forget(command.getNumber("getMore").longValue());
            } else if (id != 0 && !name.equals("getMore")) {
                cursors.record(id, users, !AuthService.isTrue(command.get("noCursorTimeout")));
            }
        }
        if (name.equals("killCursors") && command.isArray("cursors")) {
            command.getArray("cursors").forEach(v -> {
                if (v.isNumber()) {
                    cursors.forget(v.asNumber().longValue());
                }
            });
        }
    }

    private static UUID lsid(BsonDocument command) {
        if (!command.isDocument("lsid")) {
            return null;
        }
        BsonValue id = command.getDocument("lsid").get("id");
        if (id == null || !id.isBinary() || id.asBinary().getData().length != 16) {
            return null;
        }
        return ((BsonBinary) id).asUuid();
    }
}
