package io.jmongos.it.spec;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.ServerAddress;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;

/** Operations on the {@code testRunner} object: fail points, assertions on sessions, events, collections. */
final class TestRunnerOperations {
    /** How long assertions on asynchronous driver state (connections checked in) wait before failing. */
    private static final long SETTLE_MILLIS = 2_000;

    private final TestContext ctx;

    TestRunnerOperations(TestContext ctx) {
        this.ctx = ctx;
    }

    Object run(String name, Args a) throws InterruptedException {
        Entities entities = ctx.entities();
        switch (name) {
            case "failPoint" -> {
                MongoClient client = entities.client(a.string("client")).client();
                BsonDocument fp = a.document("failPoint");
                a.done();
                ctx.failPointSet(fp.getString("configureFailPoint").getValue());
                client.getDatabase("admin").runCommand(fp);
            }
            case "targetedFailPoint" -> {
                SessionEntity session = entities.session(a.string("session"));
                BsonDocument fp = a.document("failPoint");
                a.done();
                ServerAddress pinned = session.session().getPinnedServerAddress();
                if (pinned == null) {
                    throw new AssertionError("targetedFailPoint: session is not pinned to a mongos");
                }
                MongoClient direct = ctx.env().utilFor(pinned.getHost() + ":" + pinned.getPort());
                if (direct == null) {
                    throw new UnsupportedFeatureException("targetedFailPoint on " + pinned
                            + " (not a jmongos the runner connects to directly)");
                }
                ctx.failPointSet(fp.getString("configureFailPoint").getValue());
                direct.getDatabase("admin").runCommand(fp);
            }
            case "assertSessionTransactionState" -> {
                String want = a.string("state");
                SessionEntity s = entities.session(a.string("session"));
                a.done();
                String have = s.transactionState();
                check(want.equals(have), "session transaction state is " + have + ", expected " + want);
            }
            case "assertSessionPinned", "assertSessionUnpinned" -> {
                ClientSession s = entities.session(a.string("session")).session();
                a.done();
                boolean pinned = s.getPinnedServerAddress() != null || s.getTransactionContext() != null;
                check(pinned == "assertSessionPinned".equals(name), "session is " + (pinned ? "" : "not ") + "pinned");
            }
            case "assertSessionDirty", "assertSessionNotDirty" -> {
                ClientSession s = entities.session(a.string("session")).session();
                a.done();
                boolean dirty = s.getServerSession().isMarkedDirty();
                check(dirty == "assertSessionDirty".equals(name), "session is " + (dirty ? "" : "not ") + "dirty");
            }
            case "assertSameLsidOnLastTwoCommands", "assertDifferentLsidOnLastTwoCommands" -> {
                ClientEntity c = entities.client(a.string("client"));
                a.done();
                List<BsonDocument> started = new ArrayList<>();
                c.events().events().stream().filter(e -> e.name().equals("commandStartedEvent"))
                        .forEach(e -> started.add(e.command()));
                check(started.size() >= 2, "fewer than two commandStartedEvents observed");
                BsonValue x = started.get(started.size() - 2).get("lsid");
                BsonValue y = started.get(started.size() - 1).get("lsid");
                boolean same = x != null && x.equals(y);
                check(same == name.startsWith("assertSame"), "lsids " + SpecJson.brief(x) + " and "
                        + SpecJson.brief(y) + (same ? " are the same" : " differ"));
            }
            case "assertCollectionExists", "assertCollectionNotExists" -> {
                String db = a.string("databaseName");
                String coll = a.string("collectionName");
                a.done();
                List<String> names = new ArrayList<>();
                ctx.env().util().getDatabase(db).listCollectionNames().into(names);
                boolean exists = names.contains(coll);
                check(exists == name.equals("assertCollectionExists"), "collection " + db + "." + coll
                        + (exists ? " exists" : " does not exist"));
            }
            case "assertIndexExists", "assertIndexNotExists" -> {
                String db = a.string("databaseName");
                String coll = a.string("collectionName");
                String index = a.string("indexName");
                a.done();
                List<String> names = new ArrayList<>();
                ctx.env().util().getDatabase(db).getCollection(coll).listIndexes(BsonDocument.class)
                        .forEach(d -> names.add(d.getString("name").getValue()));
                boolean exists = names.contains(index);
                check(exists == name.equals("assertIndexExists"), "index " + index + " on " + db + "." + coll
                        + (exists ? " exists" : " does not exist"));
            }
            case "assertNumberConnectionsCheckedOut" -> {
                ClientEntity c = entities.client(a.string("client"));
                int want = a.integer("connections");
                a.done();
                long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000L;
                while (c.events().connectionsCheckedOut() != want && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                int have = c.events().connectionsCheckedOut();
                check(have == want, have + " connections checked out, expected " + want);
            }
            case "createEntities" -> {
                var list = a.get("entities").asArray();
                a.done();
                ctx.createEntities(list);
            }
            case "waitForEvent", "assertEventCount" -> {
                ClientEntity c = entities.client(a.string("client"));
                BsonDocument event = a.document("event");
                int count = a.integer("count");
                a.done();
                String eventName = event.getFirstKey();
                if (!event.getDocument(eventName).isEmpty()) {
                    throw new UnsupportedFeatureException(name + " with event fields");
                }
                if (name.equals("waitForEvent")) {
                    check(c.events().awaitCount(eventName, count, 10_000), "timed out waiting for " + count + " "
                            + eventName);
                } else {
                    long n = c.events().events().stream().filter(e -> e.name().equals(eventName)).count();
                    check(n == count, n + " " + eventName + " observed, expected " + count);
                }
            }
            default -> throw new UnsupportedFeatureException("testRunner operation " + name);
        }
        return null;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
