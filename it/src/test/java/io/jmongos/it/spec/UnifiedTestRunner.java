package io.jmongos.it.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;

/**
 * Runs one Unified Test Format test against a {@link SpecEnvironment}: requirements, initial data,
 * entities, operations, expected events and outcome, then cleans up (fail points off, entities closed).
 */
final class UnifiedTestRunner {
    /** The newest schema version this runner reads (unified-test-format/schema-1.28.json). */
    private static final int[] MAX_SCHEMA = {1, 28};

    /**
     * Tests whose {@code skipReason} says servers lack something jmongos has: run them anyway.
     * lb-connection-establishment is skipped by drivers because "servers have not implemented LB support
     * yet so they will not fail the connection handshake"; jmongos refuses that handshake (error 354).
     */
    private static final Map<String, String> RUN_DESPITE_SKIP_REASON = Map.of(
            "lb-connection-establishment:operations against load balancers fail if URI contains loadBalanced=false",
            "jmongos fails a handshake without loadBalanced:true on its load-balancer port");

    /** Operations this runner does not implement: tests using them are skipped before they start. */
    private static final Set<String> UNSUPPORTED_OPERATIONS = Set.of("loop", "runOnThread", "waitForThread",
            "assertTopologyType", "waitForPrimaryChange", "recordTopologyDescription", "createDataKey",
            "rewrapManyDataKey", "encrypt", "decrypt", "rename",
            "downloadByName", "uploadWithId");

    private final SpecEnvironment env;

    UnifiedTestRunner(SpecEnvironment env) {
        this.env = env;
    }

    TestResult run(SpecCase test) {
        String skip = skipReason(test);
        if (skip != null) {
            return TestResult.skipped(test, skip);
        }
        long start = System.nanoTime();
        TestContext ctx = new TestContext(env);
        try {
            killAllSessions();
            initialData(test.file().doc());
            ctx.createEntities(SpecJson.array(test.file().doc(), "createEntities"));
            OperationExecutor executor = new OperationExecutor(ctx);
            List<BsonValue> ops = SpecJson.array(test.test(), "operations").getValues();
            for (int i = 0; i < ops.size(); i++) {
                BsonDocument op = ops.get(i).asDocument();
                try {
                    executor.execute(op);
                } catch (RuntimeException e) {
                    if (e instanceof UnsupportedFeatureException) {
                        throw e;
                    }
                    throw new AssertionError("operation " + i + " (" + op.getString("name").getValue() + " on "
                            + op.getString("object").getValue() + ") failed: " + ErrorMatcher.describe(e), e);
                } catch (AssertionError e) {
                    throw new AssertionError("operation " + i + " (" + op.getString("name").getValue() + "): "
                            + e.getMessage(), e);
                }
            }
            EventMatcher events = new EventMatcher(executor.values(), ctx.entities());
            for (BsonValue expectation : SpecJson.array(test.test(), "expectEvents")) {
                events.match(expectation.asDocument());
            }
            for (BsonValue outcome : SpecJson.array(test.test(), "outcome")) {
                checkOutcome(outcome.asDocument(), executor.values());
            }
            return TestResult.passed(test, millisSince(start));
        } catch (UnsupportedFeatureException e) {
            return TestResult.skipped(test, "runner: " + e.getMessage());
        } catch (AssertionError e) {
            return TestResult.failed(test, e.getMessage(), millisSince(start));
        } catch (RuntimeException e) {
            return TestResult.failed(test, ErrorMatcher.describe(e), millisSince(start));
        } finally {
            failPointsOff(ctx);
            ctx.close();
        }
    }

    /** Why the test cannot run here (requirements, skipReason, unsupported features), or null. */
    String skipReason(SpecCase test) {
        BsonDocument file = test.file().doc();
        String version = file.getString("schemaVersion").getValue();
        if (!schemaSupported(version)) {
            return "schemaVersion " + version + " is newer than 1.28";
        }
        String unmet = RunOnRequirements.unmet(file.getArray("runOnRequirements", null), env);
        if (unmet == null) {
            unmet = RunOnRequirements.unmet(test.test().getArray("runOnRequirements", null), env);
        }
        if (unmet != null) {
            return unmet;
        }
        if (test.test().containsKey("skipReason") && !RUN_DESPITE_SKIP_REASON.containsKey(test.key())) {
            return "skipReason: " + test.test().getString("skipReason").getValue();
        }
        String driver = DriverLimitations.reason(test);
        if (driver != null) {
            return driver;
        }
        String op = firstUnsupported(SpecJson.array(test.test(), "operations"));
        if (op != null) {
            return "runner: operation " + op + " is not supported";
        }
        for (BsonValue e : SpecJson.array(file, "createEntities")) {
            String kind = e.asDocument().getFirstKey();
            if (Set.of("thread", "clientEncryption").contains(kind)) {
                return "runner: " + kind + " entities are not supported";
            }
        }
        return null;
    }

    private static String firstUnsupported(BsonArray ops) {
        for (BsonValue v : ops) {
            BsonDocument op = v.asDocument();
            String name = op.getString("name").getValue();
            if (UNSUPPORTED_OPERATIONS.contains(name)) {
                return name;
            }
            BsonDocument args = op.getDocument("arguments", new BsonDocument());
            if (args.containsKey("callback")) {
                String nested = firstUnsupported(args.getArray("callback"));
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    static boolean schemaSupported(String version) {
        String[] p = version.split("\\.");
        int major = Integer.parseInt(p[0]);
        int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        return major == MAX_SCHEMA[0] && minor <= MAX_SCHEMA[1];
    }

    /** End every session (and so every open transaction) on every jmongos, ignoring errors. */
    private void killAllSessions() {
        for (MongoClient c : env.utilAll()) {
            try {
                c.getDatabase("admin").runCommand(new BsonDocument("killAllSessions", new BsonArray()));
            } catch (MongoException ignored) {
                // older servers and servers without sessions: nothing to kill
            }
        }
    }

    private void initialData(BsonDocument file) {
        for (BsonValue v : SpecJson.array(file, "initialData")) {
            BsonDocument data = v.asDocument();
            MongoDatabase db = env.util().getDatabase(data.getString("databaseName").getValue())
                    .withWriteConcern(WriteConcern.MAJORITY);
            String name = data.getString("collectionName").getValue();
            MongoCollection<BsonDocument> coll = db.getCollection(name, BsonDocument.class);
            coll.drop();
            List<BsonDocument> docs = data.getArray("documents").stream().map(BsonValue::asDocument).toList();
            if (data.containsKey("createOptions") || docs.isEmpty()) {
                BsonDocument create = new BsonDocument("create", new BsonString(name));
                data.getDocument("createOptions", new BsonDocument()).forEach(create::put);
                create.put("writeConcern", new BsonDocument("w", new BsonString("majority")));
                db.runCommand(create);
            }
            if (!docs.isEmpty()) {
                coll.insertMany(docs);
            }
        }
    }

    private void checkOutcome(BsonDocument outcome, ValueMatcher values) {
        String db = outcome.getString("databaseName").getValue();
        String name = outcome.getString("collectionName").getValue();
        MongoCollection<BsonDocument> coll = env.util().getDatabase(db).getCollection(name, BsonDocument.class)
                .withReadPreference(ReadPreference.primary()).withReadConcern(ReadConcern.LOCAL);
        BsonArray actual = new BsonArray();
        coll.find().sort(Sorts.ascending("_id")).forEach(actual::add);
        values.matchStrict(outcome.getArray("documents"), actual, "outcome " + db + "." + name);
    }

    private void failPointsOff(TestContext ctx) {
        for (String name : ctx.failPoints()) {
            for (MongoClient c : env.utilAll()) {
                try {
                    c.getDatabase("admin").runCommand(new BsonDocument("configureFailPoint", new BsonString(name))
                            .append("mode", new BsonString("off")));
                } catch (MongoException ignored) {
                    // the fail point may never have been set on this jmongos
                }
            }
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000L;
    }
}
