package io.jmongos.router.cursor;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.session.LogicalSessionId;

/** The errors mongos gives for cursor check-out and getMore validation (cluster_cursor_manager, cluster_find). */
public final class CursorErrors {
    /** ErrorCodes::CursorInUse. */
    public static final int CURSOR_IN_USE = 292;

    private CursorErrors() {
    }

    public static CommandFailedException notFound(long id) {
        return new CommandFailedException(ErrorCode.CURSOR_NOT_FOUND, "Cursor not found (id: " + id + ").");
    }

    public static CommandFailedException inUse(long id) {
        return new CommandFailedException(CURSOR_IN_USE, "CursorInUse", "Cursor already in use (id: " + id + ").");
    }

    public static CommandFailedException wrongNamespace(String requested, String actual) {
        return new CommandFailedException(ErrorCode.UNAUTHORIZED, "Requested getMore on namespace '" + requested
                + "', but cursor belongs to a different namespace " + actual);
    }

    /** mongos validateLSID (50799, 50800, 50801); null when the sessions match. */
    public static CommandFailedException sessionMismatch(long id, LogicalSessionId cursor, LogicalSessionId op) {
        if (op != null && cursor == null) {
            return located(50799, "Cannot run getMore on cursor " + id
                    + ", which was not created in a session, in session " + op);
        }
        if (op == null && cursor != null) {
            return located(50800, "Cannot run getMore on cursor " + id + ", which was created in session " + cursor
                    + ", without an lsid");
        }
        if (op != null && !op.equals(cursor)) {
            return located(50801, "Cannot run getMore on cursor " + id + ", which was created in session " + cursor
                    + ", in session " + op);
        }
        return null;
    }

    /** mongos validateTxnNumber (50802, 50803, 50804); null when the transactions match. */
    public static CommandFailedException txnMismatch(long id, Long cursor, Long op) {
        if (op != null && cursor == null) {
            return located(50802, "Cannot run getMore on cursor " + id
                    + ", which was not created in a transaction, in transaction " + op);
        }
        if (op == null && cursor != null) {
            return located(50803, "Cannot run getMore on cursor " + id + ", which was created in transaction "
                    + cursor + ", without a txnNumber");
        }
        if (op != null && !op.equals(cursor)) {
            return located(50804, "Cannot run getMore on cursor " + id + ", which was created in transaction "
                    + cursor + ", in transaction " + op);
        }
        return null;
    }

    private static CommandFailedException located(int code, String msg) {
        return new CommandFailedException(code, ErrorCode.nameOf(code), msg);
    }
}
