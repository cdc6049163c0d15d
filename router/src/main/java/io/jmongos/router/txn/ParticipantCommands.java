package io.jmongos.router.txn;

import java.util.Set;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.ErrorCode;
import io.jmongos.router.session.LogicalSessionId;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;

/** The commitTransaction/abortTransaction commands the router sends to a transaction's participants. */
final class ParticipantCommands {
    private static final Logger LOG = LoggerFactory.getLogger(ParticipantCommands.class);
    static final String ADMIN = "admin";
    /**
     * Commit errors after which the outcome is unknown (the transaction stays open for a retried commit):
     * MongoDB's retryable errors plus MaxTimeMSExpired, ExceededTimeLimit and WriteConcernFailed.
     */
    private static final Set<Integer> UNKNOWN_COMMIT_RESULT_CODES = Set.of(6, 7, 89, 91, 189, 262, 50, 64, 9001,
            10107, 11600, 11602, 13435, 13436);

    private ParticipantCommands() {
    }

    static BsonDocument commit(LogicalSessionId lsid, long txnNumber, BsonDocument clientCommand) {
        BsonDocument cmd = withSession(new BsonDocument("commitTransaction", new BsonInt32(1)), lsid, txnNumber);
        for (String field : new String[] {"writeConcern", "maxTimeMS"}) {
            BsonValue v = clientCommand == null ? null : clientCommand.get(field);
            if (v != null) {
                cmd.append(field, v);
            }
        }
        return cmd;
    }

    static BsonDocument abortCommand(LogicalSessionId lsid, long txnNumber) {
        return withSession(new BsonDocument("abortTransaction", new BsonInt32(1)), lsid, txnNumber);
    }

    /** Send abortTransaction; NoSuchTransaction and transport errors are expected and only logged. */
    static void abort(Shard shard, LogicalSessionId lsid, long txnNumber) {
        BsonDocument cmd = abortCommand(lsid, txnNumber);
        try {
            ShardReply reply = shard.run(ADMIN, cmd);
            if (!reply.ok() && !reply.isError(ErrorCode.NO_SUCH_TRANSACTION.code())) {
                LOG.debug("abortTransaction at participant failed shard={} lsid={} txnNumber={} reply={}",
                        shard.name(), lsid.id(), txnNumber, reply.raw().toJson());
            }
        } catch (RuntimeException e) {
            LOG.debug("abortTransaction at participant failed shard={} lsid={} txnNumber={} error={}", shard.name(),
                    lsid.id(), txnNumber, e.toString());
        }
    }

    static boolean unknownCommitResult(int code) {
        return UNKNOWN_COMMIT_RESULT_CODES.contains(code);
    }

    private static BsonDocument withSession(BsonDocument cmd, LogicalSessionId lsid, long txnNumber) {
        return cmd.append("lsid", lsid.toBson()).append("txnNumber", new BsonInt64(txnNumber))
                .append("autocommit", BsonBoolean.FALSE);
    }

}
