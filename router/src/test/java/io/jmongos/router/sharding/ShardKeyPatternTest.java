package io.jmongos.router.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;

/** Key patterns as MongoDB's ShardKeyPattern accepts and refuses them, and shard keys extracted from documents. */
class ShardKeyPatternTest {
    private static ShardKeyPattern key(String json) {
        return ShardKeyPattern.parse(BsonDocument.parse(json));
    }

    private static String refusal(String json) {
        try {
            key(json);
            return "accepted";
        } catch (CommandFailedException e) {
            return e.code() + " " + e.getMessage();
        }
    }

    @Test
    void acceptsRangedHashedAndCompoundKeys() {
        assertThat(key("{a: 1}").isHashed()).isFalse();
        assertThat(key("{a: 'hashed'}").hasHashedPrefix()).isTrue();
        ShardKeyPattern compound = key("{a: 1, 'b.c': 'hashed', d: 1.0}");
        assertThat(compound.fields()).containsExactly("a", "b.c", "d");
        assertThat(compound.hashedField()).isEqualTo("b.c");
        assertThat(compound.hasHashedPrefix()).isFalse();
        assertThat(key("{'a.$id': 1}").fields()).containsExactly("a.$id");
    }

    @Test
    void refusesInvalidPatternsWithMongoDbsMessages() {
        assertThat(refusal("{}")).isEqualTo("2 Shard key is empty");
        assertThat(refusal("{a: -1}")).isEqualTo("2 Shard key { a: -1 }numerical fields must be set to a value of 1 "
                + "(ascending). Failed to parse field a");
        assertThat(refusal("{a: 'text'}")).startsWith("2 Shard key { a: \"text\" }numerical fields");
        assertThat(refusal("{a: 'hashed', b: 'hashed'}")).isEqualTo("2 Shard key { a: \"hashed\", b: \"hashed\" } "
                + "can contain at most one 'hashed' field. Failed to parse field b");
        assertThat(refusal("{'a..b': 1}")).isEqualTo("2 Field a..b contains empty parts");
        assertThat(refusal("{'': 1}")).isEqualTo("2 Field  is empty");
        assertThat(refusal("{'$a': 1}")).isEqualTo("2 Field $a contains parts that start with '$'");
        assertThat(refusal("{'a.$b': 1}")).isEqualTo("2 Field a.$b contains parts that start with '$'");
    }

    @Test
    void extractsKeysMissingAsNullHashedAsLong() {
        ShardKeyPattern k = key("{a: 1, 'b.c': 'hashed'}");
        BsonDocument doc = BsonDocument.parse("{_id: 1, a: 'x', b: {c: 42}}");
        assertThat(k.extractFromDocument(doc)).isEqualTo(new BsonDocument("a", new org.bson.BsonString("x"))
                .append("b.c", new BsonInt64(-944302157085130861L)));
        assertThat(key("{z: 1}").extractFromDocument(doc)).isEqualTo(new BsonDocument("z", BsonNull.VALUE));
        assertThatThrownBy(() -> key("{'a.b': 1}").extractFromDocument(BsonDocument.parse("{a: [{b: 1}]}")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("Shard key cannot contain array values or array descendants.");
    }

    @Test
    void uniqueIndexesAndPrefixes() {
        ShardKeyPattern k = key("{a: 1, b: 1}");
        assertThat(k.isUniquenessCompatible(BsonDocument.parse("{a: 1, b: 1, c: 1}"))).isTrue();
        assertThat(k.isUniquenessCompatible(BsonDocument.parse("{_id: 1, z: 1}"))).isTrue();
        assertThat(k.isUniquenessCompatible(BsonDocument.parse("{a: 1}"))).isFalse();
        assertThat(k.isUniquenessCompatible(BsonDocument.parse("{b: 1, a: 1}"))).isFalse();
        assertThat(k.isPrefixOf(BsonDocument.parse("{a: 1.0, b: 1, c: -1}"))).isTrue();
        assertThat(k.isPrefixOf(BsonDocument.parse("{a: 1, b: -1}"))).isFalse();
        assertThat(key("{a: 'hashed'}").isPrefixOf(BsonDocument.parse("{a: 1}"))).isFalse();
        assertThat(key("{a: 1, b: 'hashed'}").indexName()).isEqualTo("a_1_b_hashed");
    }

    @Test
    void globalBounds() {
        ShardKeyPattern k = key("{a: 1, b: 1}");
        assertThat(k.globalMin().toJson()).isEqualTo("{\"a\": {\"$minKey\": 1}, \"b\": {\"$minKey\": 1}}");
        assertThat(k.globalMax().toJson()).isEqualTo("{\"a\": {\"$maxKey\": 1}, \"b\": {\"$maxKey\": 1}}");
    }
}
