package io.jmongos.router.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;

/** A shard's $currentOp entry as mongos shows it: shard first, opid "shard:opid", client as client_s. */
class ShardOperationsTest {
    @Test
    void aShardsEntryIsLabelledAsMongosLabelsIt() {
        BsonDocument op = BsonDocument.parse("{type: 'op', host: 'h:1', client: '10.0.0.1:5000', active: true,"
                + " opid: 42, ns: 'db.c'}");
        BsonDocument out = ShardOperations.labelled("shard0001", op);
        assertThat(out.keySet()).containsExactly("shard", "type", "host", "client_s", "active", "opid", "ns");
        assertThat(out).isEqualTo(BsonDocument.parse("{shard: 'shard0001', type: 'op', host: 'h:1',"
                + " client_s: '10.0.0.1:5000', active: true, opid: 'shard0001:42', ns: 'db.c'}"));
    }

    @Test
    void entriesWithoutAnOpidKeepTheirFields() {
        BsonDocument cursor = BsonDocument.parse("{type: 'idleCursor', ns: 'db.c', cursor: {cursorId: 7}}");
        assertThat(ShardOperations.labelled("s", cursor)).isEqualTo(BsonDocument.parse(
                "{shard: 's', type: 'idleCursor', ns: 'db.c', cursor: {cursorId: 7}}"));
    }

    @Test
    void aNonNumericOpidIsATypeMismatch() {
        assertThatThrownBy(() -> ShardOperations.labelled("s", BsonDocument.parse("{opid: 'x'}")))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(14);
                    assertThat(e.getMessage()).isEqualTo("expected numeric opid for $currentOp response from 's' but"
                            + " got: string");
                });
    }
}
