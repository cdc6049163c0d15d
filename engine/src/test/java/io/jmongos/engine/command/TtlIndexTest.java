package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.jmongos.engine.EngineOptions;
import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class TtlIndexTest extends EngineTestBase {
    /** Monitor period for the test: short, so expiry is seen quickly. */
    private static final Duration PERIOD = Duration.ofMillis(100);
    /** How long the test waits for the monitor before failing. */
    private static final long DEADLINE_MILLIS = 20_000;

    @Override
    protected EngineOptions options() {
        return EngineOptions.inMemory().withTtlMonitorPeriod(PERIOD);
    }

    @Test
    void expiredDocumentsAreDeletedByTheMonitor() throws InterruptedException {
        ok("{createIndexes: 'c', indexes: [{key: {at: 1}, name: 'at_1', expireAfterSeconds: 60}]}");
        long now = System.currentTimeMillis();
        BsonArray docs = new BsonArray(List.of(
                new BsonDocument("_id", new BsonInt32(1)).append("at", new BsonDateTime(now - 3_600_000)),
                new BsonDocument("_id", new BsonInt32(2)).append("at", new BsonDateTime(now + 3_600_000)),
                new BsonDocument("_id", new BsonInt32(3)).append("at", new BsonString("not a date")),
                new BsonDocument("_id", new BsonInt32(4)).append("at", new BsonArray(List.of(
                        new BsonDateTime(now + 3_600_000), new BsonDateTime(now - 3_600_000)))),
                new BsonDocument("_id", new BsonInt32(5))));
        ok(new BsonDocument("insert", new BsonString("c")).append("documents", docs));
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (ok("{count: 'c'}").getInt32("n").getValue() > 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(PERIOD.toMillis());
        }
        assertThat(ids(findAll("{find: 'c', sort: {_id: 1}}")))
                .containsExactly(new BsonInt32(2), new BsonInt32(3), new BsonInt32(5));
        assertThat(ok("{listIndexes: 'c'}").getDocument("cursor").getArray("firstBatch").get(1).asDocument()
                .getInt64("expireAfterSeconds").getValue()).isEqualTo(60);
    }

    @Test
    void ttlOptionsAreValidated() {
        fails("{createIndexes: 'c', indexes: [{key: {at: 1}, name: 'at_1', expireAfterSeconds: -1}]}", 67);
        fails("{createIndexes: 'c', indexes: [{key: {at: 1, b: 1}, name: 'at_b', expireAfterSeconds: 5}]}", 67);
        fails("{createIndexes: 'c', indexes: [{key: {at: 1}, name: 'at_1', expireAfterSeconds: 'x'}]}", 67);
    }
}
