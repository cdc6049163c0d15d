package io.jmongos.router.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.RouterServices;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.shard.DatabaseRouting;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;
import io.jmongos.router.shard.ShardUnavailableException;

/** The shards' half of the session kills: every shard is sent the patterns; unreachable ones are failedHosts. */
class SessionKillBroadcastTest {
    /** A shard that records what it is sent, or is down. */
    private static final class TestShard implements Shard {
        private final String name;
        private final boolean down;
        private final List<BsonDocument> sent = new CopyOnWriteArrayList<>();

        TestShard(String name, boolean down) {
            this.name = name;
            this.down = down;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String host() {
            return name + ".example:27018";
        }

        @Override
        public BsonDocument runCommand(String db, BsonDocument command) {
            if (down) {
                throw new ShardUnavailableException(name, "connection refused");
            }
            sent.add(command.clone().append("$db", new BsonString(db)));
            return new BsonDocument("ok", new BsonDouble(1));
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyShardIsSentThePatternsOnAdmin() {
        TestShard a = new TestShard("a", false);
        TestShard b = new TestShard("b", false);
        try (RouterServices services = new RouterServices(ShardRegistry.of(a, b), DatabaseRouting.fixed(a),
                new ServerParameters())) {
            SessionKillBroadcast.send(services, SessionKillBroadcast.all());
        }
        BsonDocument expected = BsonDocument.parse("{killAllSessionsByPattern: [{}], $db: 'admin'}");
        assertThat(a.sent).containsExactly(expected);
        assertThat(b.sent).containsExactly(expected);
    }

    @Test
    void shardsThatCannotBeReachedAreFailedHostsAfterTheOthersWereSent() {
        TestShard down = new TestShard("a", true);
        TestShard up = new TestShard("b", false);
        try (RouterServices services = new RouterServices(ShardRegistry.of(down, up), DatabaseRouting.fixed(up),
                new ServerParameters())) {
            assertThatThrownBy(() -> SessionKillBroadcast.send(services, SessionKillBroadcast.all()))
                    .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                        assertThat(e.code()).isEqualTo(6);
                        assertThat(e.getMessage()).isEqualTo("Failed to kill on some hosts");
                        assertThat(e.extra().getArray("failedHosts"))
                                .isEqualTo(new BsonArray(List.of(new BsonString("a.example:27018"))));
                    });
        }
        assertThat(up.sent).hasSize(1);
    }
}
