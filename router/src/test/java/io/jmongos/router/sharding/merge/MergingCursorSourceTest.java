package io.jmongos.router.sharding.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

import io.jmongos.engine.query.Projection;
import io.jmongos.engine.query.SortSpec;
import io.jmongos.router.cursor.CursorBatch;
import io.jmongos.router.routing.ShardRequestSender;
import io.jmongos.router.shard.DatabaseRouting;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.txn.TransactionRouter;

/** The router's merge of shard cursors: sort order while streaming, skip and limit, projection, kills. */
class MergingCursorSourceTest {
    /** A shard holding one cursor whose later batches come from a queue; records killCursors. */
    private static final class BatchShard implements Shard {
        private final String name;
        private final Deque<List<Integer>> batches = new ArrayDeque<>();
        private final List<String> commands = new ArrayList<>();

        BatchShard(String name, List<List<Integer>> later) {
            this.name = name;
            batches.addAll(later);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public BsonDocument runCommand(String db, BsonDocument command) {
            commands.add(command.getFirstKey());
            if (command.getFirstKey().equals("killCursors")) {
                return new BsonDocument("ok", new BsonInt32(1));
            }
            List<Integer> next = batches.poll();
            return new BsonDocument("cursor", new BsonDocument("nextBatch", docs(next == null ? List.of() : next))
                    .append("id", new BsonInt64(batches.isEmpty() ? 0 : 7)).append("ns", new BsonString("db.c")))
                    .append("ok", new BsonInt32(1));
        }

        @Override
        public void close() {
        }
    }

    private static BsonArray docs(List<Integer> keys) {
        BsonArray a = new BsonArray();
        keys.forEach(k -> a.add(new BsonDocument("k", new BsonInt32(k)).append("x", new BsonString("v" + k))));
        return a;
    }

    private static ShardCursor cursor(ShardRequestSender sender, BatchShard shard, List<Integer> first) {
        BsonDocument reply = new BsonDocument("firstBatch", docs(first))
                .append("id", new BsonInt64(shard.batches.isEmpty() ? 0 : 7)).append("ns", new BsonString("db.c"));
        return new ShardCursor(sender, shard, "db", "c", reply);
    }

    private static List<Integer> keys(CursorBatch b) {
        List<Integer> out = new ArrayList<>();
        for (BsonValue v : b.documents()) {
            out.add(v.asDocument().getInt32("k").getValue());
        }
        return out;
    }

    private final BatchShard a = new BatchShard("a", List.of(List.of(5, 7), List.of(9)));
    private final BatchShard b = new BatchShard("b", List.of(List.of(6, 8, 10)));
    private final ShardRequestSender sender = new ShardRequestSender(DatabaseRouting.fixed(a),
            new TransactionRouter(System::currentTimeMillis, System::nanoTime));

    @Test
    void sortedStreamsMergeInOrderFetchingWhenAShardRunsDry() {
        MergingCursorSource m = new MergingCursorSource(List.of(cursor(sender, a, List.of(1, 3)),
                cursor(sender, b, List.of(2, 4))), SortSpec.compile(BsonDocument.parse("{k: 1}")).comparator(),
                null, 0, 0);
        CursorBatch first = m.next(4, null, new BsonDocument());
        assertThat(keys(first)).containsExactly(1, 2, 3, 4);
        assertThat(first.exhausted()).isFalse();
        CursorBatch rest = m.next(0, null, new BsonDocument());
        assertThat(keys(rest)).containsExactly(5, 6, 7, 8, 9, 10);
        assertThat(rest.exhausted()).isTrue();
        assertThat(a.commands).containsExactly("getMore", "getMore");
    }

    @Test
    void descendingSortSkipLimitAndProjectionApplyAtTheRouter() {
        BatchShard c = new BatchShard("c", List.of());
        BatchShard d = new BatchShard("d", List.of());
        MergingCursorSource m = new MergingCursorSource(List.of(cursor(sender, c, List.of(9, 4, 1)),
                cursor(sender, d, List.of(8, 7, 2))), SortSpec.compile(BsonDocument.parse("{k: -1}")).comparator(),
                Projection.compile(BsonDocument.parse("{x: 1, _id: 0}")), 1, 3);
        CursorBatch batch = m.next(0, null, new BsonDocument());
        assertThat(batch.documents()).extracting(v -> v.asDocument().toJson()).containsExactly("{\"x\": \"v8\"}",
                "{\"x\": \"v7\"}", "{\"x\": \"v4\"}");
        assertThat(batch.exhausted()).isTrue();
    }

    @Test
    void withoutSortShardsFollowOneAnother() {
        MergingCursorSource m = new MergingCursorSource(List.of(cursor(sender, a, List.of(1)),
                cursor(sender, b, List.of(2))), null, null, 0, 0);
        assertThat(keys(m.next(0, null, new BsonDocument()))).containsExactly(1, 5, 7, 9, 2, 6, 8, 10);
    }

    @Test
    void aLoadBalancerDisconnectKillsEveryShardCursorOfTheRouterCursor() {
        io.jmongos.router.cursor.ClusterCursorManager cursors =
                new io.jmongos.router.cursor.ClusterCursorManager(System::currentTimeMillis);
        MergingCursorSource m = new MergingCursorSource(List.of(cursor(sender, a, List.of(1)),
                cursor(sender, b, List.of(2))), null, null, 0, 0);
        io.jmongos.router.cursor.CursorOrigin origin = new io.jmongos.router.cursor.CursorOrigin(
                new io.jmongos.router.session.ClientInfo(42, true, "127.0.0.1:5000", "127.0.0.1:6000", null),
                null, null);
        cursors.register("db.c", m, origin, new BsonDocument("find", new BsonString("c")),
                new io.jmongos.router.cursor.CursorOptions(false, false, false), 2);
        assertThat(cursors.killForLoadBalancedConnections(new long[] {42},
                io.jmongos.router.cursor.CursorKillReason.LOAD_BALANCER_DISCONNECT)).isEqualTo(1);
        assertThat(a.commands).containsExactly("killCursors");
        assertThat(b.commands).containsExactly("killCursors");
        assertThat(cursors.openTotal()).isZero();
    }

    @Test
    void aLimitReachedOrAKillClosesTheOpenShardCursors() {
        MergingCursorSource m = new MergingCursorSource(List.of(cursor(sender, a, List.of(1)),
                cursor(sender, b, List.of(2))), SortSpec.compile(BsonDocument.parse("{k: 1}")).comparator(), null,
                0, 2);
        CursorBatch batch = m.next(0, null, new BsonDocument());
        assertThat(keys(batch)).containsExactly(1, 2);
        assertThat(batch.exhausted()).isTrue();
        assertThat(a.commands).containsExactly("getMore", "killCursors");
        assertThat(b.commands).containsExactly("killCursors");
        m.kill();
        assertThat(a.commands).containsExactly("getMore", "killCursors");
    }
}
