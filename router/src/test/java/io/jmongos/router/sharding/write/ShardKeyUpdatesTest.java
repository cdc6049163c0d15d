package io.jmongos.router.sharding.write;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.sharding.ShardKeyPattern;

/** Which updates would change a shard key value (refused with 66) and which leave it alone. */
class ShardKeyUpdatesTest {
    private static final ShardKeyPattern KEY = ShardKeyPattern.parse(BsonDocument.parse("{a: 1, 'b.c': 1}"));

    private static void check(String filter, String update) {
        ShardKeyUpdates.check(KEY, BsonDocument.parse(filter), BsonDocument.parse("{u: " + update + "}").get("u"));
    }

    @Test
    void operatorsOnKeyFieldsTheirParentsOrChildrenAreRefused() {
        for (String u : new String[] {"{$set: {a: 1}}", "{$inc: {a: 1}}", "{$unset: {'b.c': ''}}", "{$set: {b: {}}}",
                "{$set: {'b.c.d': 1}}", "{$rename: {x: 'a'}}", "{$rename: {a: 'x'}}"}) {
            assertThatThrownBy(() -> check("{}", u)).as(u).isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("shard key");
        }
    }

    @Test
    void otherUpdatesPass() {
        for (String u : new String[] {"{$set: {x: 1}}", "{$inc: {'b.d': 1}}", "{$setOnInsert: {a: 5}}",
                "[{$set: {x: 1}}]", "{$set: {ab: 1}}"}) {
            assertThatCode(() -> check("{}", u)).as(u).doesNotThrowAnyException();
        }
    }

    @Test
    void replacementsKeepingThePinnedKeyPassOthersAreRefused() {
        assertThatCode(() -> check("{a: 1, 'b.c': 2}", "{a: 1, b: {c: 2}, x: 3}")).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("{a: 1, 'b.c': 2}", "{a: 2, b: {c: 2}}"))
                .isInstanceOf(CommandFailedException.class);
        assertThatCode(() -> check("{_id: 4}", "{a: 9}")).doesNotThrowAnyException();
    }
}
