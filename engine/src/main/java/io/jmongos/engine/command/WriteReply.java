package io.jmongos.engine.command;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.Limits;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;

/** Builds insert/update/delete replies: counts, writeErrors with their index, retriedStmtIds. */
public final class WriteReply {
    private final BsonArray writeErrors = new BsonArray();
    private final BsonArray retried = new BsonArray();

    /** Checks a batch's size against maxWriteBatchSize (1..100000). */
    public static void checkBatchSize(int n) {
        if (n < 1 || n > Limits.MAX_WRITE_BATCH_SIZE) {
            throw new CommandFailedException(ErrorCode.INVALID_LENGTH, "Write batch sizes must be between 1 and "
                    + Limits.MAX_WRITE_BATCH_SIZE + ". Got " + n + " operations.");
        }
    }

    public void error(int index, CommandFailedException e) {
        BsonDocument d = new BsonDocument("index", new BsonInt32(index)).append("code", new BsonInt32(e.code()));
        e.extra().forEach(d::append);
        d.append("errmsg", new BsonString(e.getMessage()));
        writeErrors.add(d);
    }

    public void retried(int stmtId) {
        retried.add(new BsonInt32(stmtId));
    }

    public boolean hasErrors() {
        return !writeErrors.isEmpty();
    }

    public BsonDocument finish(BsonDocument counts) {
        BsonDocument reply = counts;
        if (!writeErrors.isEmpty()) {
            reply.append("writeErrors", writeErrors);
        }
        if (!retried.isEmpty()) {
            reply.append("retriedStmtIds", retried);
        }
        reply.append("ok", new BsonDouble(1));
        return reply;
    }
}
