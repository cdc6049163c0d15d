package io.jmongos.router.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.ShardUnavailableException;

/** mongos's dbStats merge: raw per shard host, sums, avgObjSize weighted by objects, mongos's types. */
class DbStatsMergeTest {
    private static final String A = "{db: 'd', collections: 2, views: 1, objects: {$numberLong: '10'}, avgObjSize: 30.0,"
            + " dataSize: 300.0, storageSize: 400.0, indexes: 3, indexSize: 50.0, totalSize: 450.0, scaleFactor: 1,"
            + " ok: 1.0}";
    private static final String B = "{db: 'd', collections: 1, views: 0, objects: {$numberLong: '30'}, avgObjSize: 10.0,"
            + " dataSize: 300.0, storageSize: 100.0, indexes: 1, indexSize: 20.0, totalSize: 120.0, scaleFactor: 1,"
            + " ok: 1.0}";

    @Test
    void sumsTheShardsAndKeepsEachUnderItsHost() {
        BsonDocument out = new DbStatsMerge().ok("a:1", BsonDocument.parse(A)).ok("b:2", BsonDocument.parse(B))
                .reply("d", 1, false);
        assertThat(out.keySet()).containsExactly("raw", "db", "collections", "views", "objects", "avgObjSize",
                "dataSize", "storageSize", "indexes", "indexSize", "totalSize", "scaleFactor", "fsUsedSize",
                "fsTotalSize");
        assertThat(out.getDocument("raw").keySet()).containsExactly("a:1", "b:2");
        assertThat(out.getDocument("raw").getDocument("a:1")).isEqualTo(BsonDocument.parse(A));
        assertThat(out.getString("db").getValue()).isEqualTo("d");
        assertThat(out.getInt32("collections").getValue()).isEqualTo(3);
        assertThat(out.getInt32("views").getValue()).isEqualTo(1);
        assertThat(out.getInt32("objects").getValue()).isEqualTo(40);
        assertThat(out.getDouble("avgObjSize").getValue()).as("(30*10 + 10*30) / 40").isEqualTo(15.0);
        assertThat(out.getDouble("dataSize").getValue()).isEqualTo(600.0);
        assertThat(out.getDouble("storageSize").getValue()).isEqualTo(500.0);
        assertThat(out.getInt32("indexes").getValue()).isEqualTo(4);
        assertThat(out.getDouble("indexSize").getValue()).isEqualTo(70.0);
        assertThat(out.getDouble("totalSize").getValue()).isEqualTo(570.0);
        assertThat(out.getInt32("scaleFactor").getValue()).isEqualTo(1);
    }

    @Test
    void freeStorageAddsItsThreeSums() {
        BsonDocument out = new DbStatsMerge().ok("a:1", BsonDocument.parse(A)).reply("d", 1024, true);
        assertThat(out.keySet()).contains("freeStorageSize", "indexFreeStorageSize", "totalFreeStorageSize");
        assertThat(out.getInt32("scaleFactor").getValue()).isEqualTo(1024);
    }

    @Test
    void noObjectsMeansAnAverageOfZero() {
        BsonDocument empty = BsonDocument.parse("{objects: 0, avgObjSize: 0, dataSize: 0, storageSize: 0, indexSize: 0,"
                + " totalSize: 0}");
        assertThat(new DbStatsMerge().ok("a:1", empty).reply("d", 1, false).getDouble("avgObjSize").getValue())
                .isZero();
    }

    @Test
    void aFailedShardFailsTheCommandNamingItsHost() {
        DbStatsMerge merge = new DbStatsMerge().ok("a:1", BsonDocument.parse(A))
                .failed("b:2", new ShardUnavailableException("shard0001", "connection refused"));
        assertThatThrownBy(() -> merge.reply("d", 1, false)).isInstanceOfSatisfying(CommandFailedException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED.code());
                    assertThat(e.getMessage()).isEqualTo("{ b:2: \"shard shard0001 unavailable: connection refused\" }");
                });
    }

    @Test
    void shardNotFoundIsIgnoredWhenAnotherShardAnswered() {
        BsonDocument out = new DbStatsMerge().ok("a:1", BsonDocument.parse(A))
                .failed("b:2", new CommandFailedException(ErrorCode.SHARD_NOT_FOUND, "Shard shard0001 not found"))
                .reply("d", 1, false);
        assertThat(out.getInt32("objects").getValue()).isEqualTo(10);
        assertThat(out.getDocument("raw").getDocument("b:2").getInt32("code").getValue()).isEqualTo(70);
    }

    @Test
    void aReplyWithoutSizesIsAnInternalError() {
        assertThatThrownBy(() -> new DbStatsMerge().ok("a:1", BsonDocument.parse("{objects: 1}")))
                .isInstanceOfSatisfying(CommandFailedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR.code()));
    }

    @Test
    void scaleMustBeGreaterThanZero() {
        assertThat(ClusterDbStatsCommand.scale(null)).isEqualTo(1);
        assertThat(ClusterDbStatsCommand.scale(new org.bson.BsonDouble(1023.999))).isEqualTo(1023);
        assertThatThrownBy(() -> ClusterDbStatsCommand.scale(new org.bson.BsonInt32(0)))
                .hasMessage("Scale must be greater than zero");
        assertThatThrownBy(() -> ClusterDbStatsCommand.scale(new org.bson.BsonString("x")))
                .isInstanceOfSatisfying(CommandFailedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH.code()));
    }
}
