package io.jmongos.it.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import com.mongodb.client.ClientSession;

/**
 * An operation's {@code arguments}, remembering which were read: {@link #done} refuses (as unsupported,
 * so the test is skipped) any argument the runner did not apply, instead of silently ignoring it.
 */
final class Args {
    private final String operation;
    private final BsonDocument doc;
    private final Entities entities;
    private final Set<String> used = new HashSet<>();

    Args(String operation, BsonDocument doc, Entities entities) {
        this.operation = operation;
        this.doc = doc == null ? new BsonDocument() : doc;
        this.entities = entities;
    }

    String operation() {
        return operation;
    }

    boolean has(String key) {
        return doc.containsKey(key);
    }

    /** Applies the {@code hint} argument when present: a string names the index, a document is its keys. */
    void hint(Consumer<String> byName, Consumer<Bson> byKeys) {
        if (!has("hint")) {
            return;
        }
        BsonValue h = get("hint");
        if (h.isString()) {
            byName.accept(h.asString().getValue());
        } else {
            byKeys.accept(h.asDocument());
        }
    }

    BsonValue get(String key) {
        used.add(key);
        return doc.get(key);
    }

    BsonValue require(String key) {
        BsonValue v = get(key);
        if (v == null) {
            throw new IllegalArgumentException(operation + " needs the argument " + key);
        }
        return v;
    }

    BsonDocument document(String key) {
        BsonValue v = get(key);
        return v == null ? null : v.asDocument();
    }

    String string(String key) {
        BsonValue v = get(key);
        return v == null ? null : v.asString().getValue();
    }

    Integer integer(String key) {
        BsonValue v = get(key);
        return v == null ? null : v.asNumber().intValue();
    }

    Long longValue(String key) {
        BsonValue v = get(key);
        return v == null ? null : v.asNumber().longValue();
    }

    Boolean bool(String key) {
        BsonValue v = get(key);
        return v == null ? null : v.asBoolean().getValue();
    }

    List<BsonDocument> documents(String key) {
        List<BsonDocument> out = new ArrayList<>();
        BsonValue v = get(key);
        if (v != null) {
            v.asArray().forEach(d -> out.add(d.asDocument()));
        }
        return out;
    }

    /** The {@code session} argument resolved to the driver session, or null. */
    ClientSession session() {
        String id = string("session");
        return id == null ? null : entities.session(id).session();
    }

    /** Mark keys as read without applying them (arguments with no effect for this runner). */
    void ignore(String... keys) {
        used.addAll(List.of(keys));
    }

    /** Throw UnsupportedFeatureException naming every argument that was never read. */
    void done() {
        List<String> left = new ArrayList<>();
        for (String key : doc.keySet()) {
            if (!used.contains(key)) {
                left.add(key);
            }
        }
        if (!left.isEmpty()) {
            throw new UnsupportedFeatureException(operation + " argument(s) " + left);
        }
    }
}
