package io.jmongos.router.txn;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.router.shard.Shard;

/** The {@code transaction} sub-document of a currentOp entry (mongos's TransactionRouter report). */
public final class TransactionReport {
    /** MongoDB's ISO-8601 form with milliseconds and a numeric offset, e.g. 2024-05-01T10:00:00.000+00:00. */
    public static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private TransactionReport() {
    }

    public static BsonDocument of(RouterTransaction t, long nowNanos) {
        BsonDocument params = new BsonDocument("txnNumber", new BsonInt64(t.txnNumber()))
                .append("autocommit", BsonBoolean.FALSE);
        if (!t.readConcern().isEmpty()) {
            params.append("readConcern", t.readConcern());
        }
        BsonArray participants = new BsonArray();
        boolean first = true;
        for (Shard s : t.participants()) {
            participants.add(new BsonDocument("name", new BsonString(s.name()))
                    .append("coordinator", BsonBoolean.valueOf(first)));
            first = false;
        }
        long open = t.openMicros(nowNanos);
        long active = Math.min(open, t.activeMicros(nowNanos));
        return new BsonDocument("parameters", params)
                .append("startWallClockTime", new BsonString(ISO.format(Instant.ofEpochMilli(t.startWallMillis()))))
                .append("timeOpenMicros", new BsonInt64(open))
                .append("timeActiveMicros", new BsonInt64(active))
                .append("timeInactiveMicros", new BsonInt64(open - active))
                .append("numParticipants", new BsonInt32(participants.size()))
                .append("participants", participants)
                .append("state", new BsonString(t.state().name().toLowerCase(java.util.Locale.ROOT)));
    }
}
