package io.jmongos.router.txn;

import java.util.List;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.ErrorLabels;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.shard.ShardUnavailableException;

/**
 * Commits one transaction at its participants: no participant commits at once (noShards), one participant
 * gets commitTransaction (singleShard). Several participants are committed one after another, which is not
 * atomic; a two-phase coordinator is needed once there is more than one shard.
 */
final class TransactionCommitter {
    private final TransactionRouter router;
    private final TransactionMetrics metrics;

    TransactionCommitter(TransactionRouter router, TransactionMetrics metrics) {
        this.router = router;
        this.metrics = metrics;
    }

    BsonDocument commit(RouterTransaction t, BsonDocument clientCommand) {
        List<Shard> participants = t.participants();
        String type = participants.isEmpty() ? "noShards" : participants.size() == 1 ? "singleShard"
                : "twoPhaseCommit";
        metrics.commitInitiated(type);
        BsonDocument last = new BsonDocument();
        for (Shard shard : participants) {
            ShardReply reply;
            try {
                reply = shard.run(ParticipantCommands.ADMIN,
                        ParticipantCommands.commit(t.lsid(), t.txnNumber(), clientCommand));
            } catch (ShardUnavailableException e) {
                e.withLabel(ErrorLabels.UNKNOWN_TRANSACTION_COMMIT_RESULT);
                throw e;
            }
            if (!reply.ok()) {
                CommandFailedException e = reply.error();
                if (ParticipantCommands.unknownCommitResult(e.code())) {
                    e.withLabel(ErrorLabels.UNKNOWN_TRANSACTION_COMMIT_RESULT);
                } else {
                    router.abort(t, e.codeName());
                    if (e.code() == ErrorCode.NO_SUCH_TRANSACTION.code()) {
                        e.withLabel(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
                    }
                }
                throw e;
            }
            last = reply.raw();
        }
        router.committed(t);
        metrics.commitSuccessful(type);
        return relayable(last);
    }

    /** The parts of a participant's commit reply to pass to the client (writeConcernError). */
    static BsonDocument relayable(BsonDocument reply) {
        BsonDocument out = new BsonDocument();
        if (reply.containsKey("writeConcernError")) {
            out.append("writeConcernError", reply.get("writeConcernError"));
        }
        return out;
    }
}
