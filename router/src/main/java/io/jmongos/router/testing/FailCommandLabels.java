package io.jmongos.router.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The error labels mongos gives an error that failCommand injected without naming {@code errorLabels}
 * (MongoDB error_labels.cpp, with isMongos true): TransientTransactionError for a transient error of a
 * transaction statement, commit or abort; never RetryableWriteError (mongos leaves that label to the
 * shards, except while it shuts down).
 */
final class FailCommandLabels {
    /** ErrorCodes' RetriableError category (error_codes.yml). */
    private static final Set<Integer> RETRIABLE = Set.of(6, 7, 89, 91, 134, 189, 262, 9001, 10107, 11600, 11602,
            13435, 13436);
    /** SnapshotError (239 SnapshotTooOld, 246 SnapshotUnavailable, 250 StaleChunkHistory) and
     * NeedRetargettingError (150 StaleEpoch, 13388 StaleConfig) categories. */
    private static final Set<Integer> SNAPSHOT_OR_RETARGET = Set.of(239, 246, 250, 150, 13388);
    /** Always transient: 112 WriteConflict, 24 LockTimeout, 267 PreparedTransactionInProgress, 249 StaleDbVersion. */
    private static final Set<Integer> TRANSIENT = Set.of(112, 24, 267, 249);
    /** 251 NoSuchTransaction. */
    private static final int NO_SUCH_TRANSACTION = 251;
    private static final Set<String> COMMIT_OR_ABORT = Set.of("commitTransaction", "abortTransaction");

    private FailCommandLabels() {
    }

    static List<String> forError(int code, String commandName, BsonDocument command) {
        List<String> labels = new ArrayList<>();
        BsonValue autocommit = command.get("autocommit");
        if (command.containsKey("txnNumber") && autocommit != null
                && isTransient(code, COMMIT_OR_ABORT.contains(commandName))) {
            labels.add("TransientTransactionError");
        }
        return labels;
    }

    /** MongoDB's isTransientTransactionError(code, hasWriteConcernError = false, isCommitOrAbort). */
    static boolean isTransient(int code, boolean commitOrAbort) {
        if (TRANSIENT.contains(code) || SNAPSHOT_OR_RETARGET.contains(code)) {
            return true;
        }
        if (commitOrAbort) {
            return code == NO_SUCH_TRANSACTION;
        }
        return RETRIABLE.contains(code) || code == NO_SUCH_TRANSACTION;
    }
}
