package io.jmongos.it.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/** The entity map of one test: ids to clients, databases, collections, sessions, cursors and saved results. */
final class Entities implements AutoCloseable {
    private final Map<String, Object> byId = new LinkedHashMap<>();

    void put(String id, Object entity) {
        if (byId.putIfAbsent(id, entity) != null) {
            throw new IllegalStateException("entity id used twice: " + id);
        }
    }

    /** Replace (saveResultAsEntity may overwrite a value saved earlier in the test). */
    void save(String id, Object entity) {
        byId.put(id, entity);
    }

    boolean has(String id) {
        return byId.containsKey(id);
    }

    Object get(String id) {
        Object o = byId.get(id);
        if (o == null) {
            throw new IllegalStateException("no entity with id " + id);
        }
        return o;
    }

    <T> T get(String id, Class<T> type) {
        Object o = get(id);
        if (!type.isInstance(o)) {
            throw new IllegalStateException("entity " + id + " is a " + o.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(o);
    }

    ClientEntity client(String id) {
        return get(id, ClientEntity.class);
    }

    MongoDatabase database(String id) {
        return get(id, DatabaseEntity.class).db();
    }

    MongoCollection<BsonDocument> collection(String id) {
        return get(id, CollectionEntity.class).coll();
    }

    SessionEntity session(String id) {
        return get(id, SessionEntity.class);
    }

    /** A saved value (for $$matchesEntity). */
    BsonValue value(String id) {
        return get(id, BsonValue.class);
    }

    BsonDocument sessionLsid(String id) {
        return session(id).lsid();
    }

    List<ClientEntity> clients() {
        List<ClientEntity> out = new ArrayList<>();
        byId.values().forEach(o -> {
            if (o instanceof ClientEntity c) {
                out.add(c);
            }
        });
        return out;
    }

    /** Close cursors, then sessions, then clients; errors while closing are ignored. */
    @Override
    public void close() {
        List<Object> all = new ArrayList<>(byId.values());
        Collections.reverse(all);
        for (Class<?> kind : List.of(CursorEntity.class, SessionEntity.class, ClientEntity.class)) {
            for (Object o : all) {
                if (kind.isInstance(o)) {
                    try {
                        ((AutoCloseable) o).close();
                    } catch (Exception ignored) {
                        // best effort: the test's outcome is already decided
                    }
                }
            }
        }
        byId.clear();
    }
}
