package io.jmongos.router.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.router.shard.Shard;

/**
 * A shard for router unit tests: in-memory collections, shard cursors with getMore/killCursors, and a record
 * of every command received. {@link #override} injects replies (errors) per command.
 */
public final class FakeShard implements Shard {
    /** A command the shard received. */
    public record Received(String db, BsonDocument command) {
        public String name() {
            return command.getFirstKey();
        }
    }

    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<BsonDocument>> collections = new ConcurrentHashMap<>();
    private final Map<Long, FakeCursor> cursors = new ConcurrentHashMap<>();
    private final AtomicLong nextCursorId = new AtomicLong(1000);
    /** Returns a reply to use instead of the default, or null. */
    public volatile Function<BsonDocument, BsonDocument> override = c -> null;

    private record FakeCursor(String ns, List<BsonDocument> remaining) {
    }

    @Override
    public String name() {
        return "fake";
    }

    public void seed(String ns, int n) {
        List<BsonDocument> docs = collections.computeIfAbsent(ns, k -> Collections.synchronizedList(new ArrayList<>()));
        for (int i = 0; i < n; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)));
        }
    }

    @Override
    public BsonDocument runCommand(String db, BsonDocument command) {
        received.add(new Received(db, command));
        BsonDocument forced = override.apply(command);
        if (forced != null) {
            return forced;
        }
        String name = command.getFirstKey();
        return switch (name) {
            case "find" -> open(db + "." + command.getString("find").getValue(), command.get("batchSize"));
            case "aggregate" -> open(db + "." + command.getString("aggregate").getValue(),
                    command.getDocument("cursor", new BsonDocument()).get("batchSize"));
            case "listCollections" -> open(db + ".$cmd.listCollections", command.get("batchSize"));
            case "getMore" -> getMore(db, command);
            case "killCursors" -> killCursors(command);
            case "insert" -> {
                List<BsonDocument> docs = collections.computeIfAbsent(db + "." + command.getString("insert").getValue(),
                        k -> Collections.synchronizedList(new ArrayList<>()));
                command.getArray("documents").forEach(d -> docs.add(d.asDocument()));
                yield ok().append("n", new BsonInt32(command.getArray("documents").size()));
            }
            default -> ok();
        };
    }

    private BsonDocument open(String ns, BsonValue batchSizeValue) {
        List<BsonDocument> all = new ArrayList<>(collections.getOrDefault(ns, List.of()));
        int batchSize = batchSizeValue == null ? 101 : batchSizeValue.asNumber().intValue();
        int n = Math.min(batchSize, all.size());
        BsonArray first = new BsonArray(new ArrayList<>(all.subList(0, n)));
        long id = 0;
        if (n < all.size()) {
            id = nextCursorId.getAndIncrement();
            cursors.put(id, new FakeCursor(ns, new ArrayList<>(all.subList(n, all.size()))));
        }
        return ok().append("cursor", new BsonDocument("firstBatch", first).append("id", new BsonInt64(id))
                .append("ns", new BsonString(ns)));
    }

    private BsonDocument getMore(String db, BsonDocument command) {
        long id = command.getNumber("getMore").longValue();
        FakeCursor c = cursors.get(id);
        if (c == null || !c.ns().equals(db + "." + command.getString("collection").getValue())) {
            return error(43, "CursorNotFound", "cursor id " + id + " not found");
        }
        int batchSize = command.containsKey("batchSize") ? command.getNumber("batchSize").intValue() : 0;
        int n = batchSize == 0 ? c.remaining().size() : Math.min(batchSize, c.remaining().size());
        BsonArray batch = new BsonArray(new ArrayList<>(c.remaining().subList(0, n)));
        c.remaining().subList(0, n).clear();
        long next = id;
        if (c.remaining().isEmpty()) {
            cursors.remove(id);
            next = 0;
        }
        return ok().append("cursor", new BsonDocument("nextBatch", batch).append("id", new BsonInt64(next))
                .append("ns", new BsonString(c.ns())));
    }

    private BsonDocument killCursors(BsonDocument command) {
        BsonArray killed = new BsonArray();
        BsonArray notFound = new BsonArray();
        for (BsonValue v : command.getArray("cursors")) {
            (cursors.remove(v.asNumber().longValue()) != null ? killed : notFound).add(v);
        }
        return ok().append("cursorsKilled", killed).append("cursorsNotFound", notFound);
    }

    public static BsonDocument ok() {
        return new BsonDocument("ok", new BsonDouble(1));
    }

    public static BsonDocument error(int code, String codeName, String msg) {
        return new BsonDocument("ok", new BsonDouble(0)).append("errmsg", new BsonString(msg))
                .append("code", new BsonInt32(code)).append("codeName", new BsonString(codeName));
    }

    public int openCursors() {
        return cursors.size();
    }

    public List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    public long count(String commandName) {
        return received().stream().filter(r -> r.name().equals(commandName)).count();
    }

    public void clearReceived() {
        received.clear();
    }

    @Override
    public void close() {
    }
}
