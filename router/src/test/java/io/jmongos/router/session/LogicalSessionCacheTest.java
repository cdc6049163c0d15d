package io.jmongos.router.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;

class LogicalSessionCacheTest {
    private final AtomicLong now = new AtomicLong(10_000);

    @Test
    void vivifyRefreshesAndExpireRemovesIdleSessions() {
        LogicalSessionCache cache = new LogicalSessionCache(now::get, () -> 100);
        LogicalSessionId a = LogicalSessionId.random();
        LogicalSessionId b = LogicalSessionId.random();
        cache.vivify(a, null);
        now.addAndGet(1000);
        cache.vivify(b, null);
        now.addAndGet(1500);
        assertThat(cache.expire(2000)).extracting(SessionRecord::lsid).containsExactly(a);
        assertThat(cache.get(a)).isNull();
        assertThat(cache.get(b)).isNotNull();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void refusesSessionsBeyondMaxSessions() {
        LogicalSessionCache cache = new LogicalSessionCache(now::get, () -> 1);
        cache.vivify(LogicalSessionId.random(), null);
        assertThatThrownBy(() -> cache.vivify(LogicalSessionId.random(), null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(261);
                    assertThat(e.codeName()).isEqualTo("TooManyLogicalSessions");
                });
    }

    @Test
    void lsidParsingChecksTypes() {
        LogicalSessionId id = LogicalSessionId.random();
        assertThat(LogicalSessionId.parse("lsid", id.toBson())).isEqualTo(id);
        assertThat(LogicalSessionId.parse("lsid", id.toBsonWithUid())).isEqualTo(id);
        assertThatThrownBy(() -> LogicalSessionId.parse("lsid", new BsonString("x")))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(14));
        assertThatThrownBy(() -> LogicalSessionId.parse("lsid", new BsonDocument()))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(40414));
        assertThatThrownBy(() -> LogicalSessionId.parse("lsid", new BsonDocument("id", new BsonInt32(1))))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(14));
        assertThatThrownBy(() -> LogicalSessionId.parse("lsid", new BsonDocument("id", new BsonBinary(new byte[3]))))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(2));
        assertThat(id.toString()).isEqualTo(id.id() + " - 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= -  - ");
    }
}
