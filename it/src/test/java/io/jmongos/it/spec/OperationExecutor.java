package io.jmongos.it.spec;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Runs one operation of a test and checks its expectations ({@code expectResult}, {@code expectError},
 * {@code saveResultAsEntity}, {@code ignoreResultAndError}). An unexpected error is rethrown as it is,
 * so that {@code withTransaction} sees the driver's exception and its labels.
 */
final class OperationExecutor {
    /** -Dspec.verbose=true prints the errors that matched an expectError (to check why a test passes). */
    private static final boolean VERBOSE = Boolean.getBoolean("spec.verbose");

    private final TestContext ctx;
    private final ValueMatcher values;
    private final ErrorMatcher errors;
    private final TestRunnerOperations runnerOps;

    OperationExecutor(TestContext ctx) {
        this.ctx = ctx;
        this.values = new ValueMatcher(ctx.entities());
        this.errors = new ErrorMatcher(values, ctx);
        this.runnerOps = new TestRunnerOperations(ctx);
    }

    ValueMatcher values() {
        return values;
    }

    void execute(BsonDocument op) {
        String name = op.getString("name").getValue();
        String object = op.getString("object").getValue();
        Args a = new Args(name, op.getDocument("arguments", null), ctx.entities());
        if (a.has("rawData")) {
            throw new UnsupportedFeatureException("rawData option (not in the Java driver 5.14 API)");
        }
        Object result = null;
        RuntimeException error = null;
        try {
            result = dispatch(name, object, a);
            a.done();
        } catch (UnsupportedFeatureException e) {
            throw e;
        } catch (RuntimeException e) {
            a.done();
            if (ErrorMatcher.isRunnerError(e)) {
                throw new AssertionError("runner error in " + name + ": " + e, e);
            }
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (SpecJson.bool(op, "ignoreResultAndError", false)) {
            return;
        }
        if (op.containsKey("expectError")) {
            if (error == null) {
                throw new AssertionError(name + " succeeded but an error was expected; result: "
                        + (result instanceof BsonValue v ? SpecJson.brief(v) : String.valueOf(result)));
            }
            errors.match(op.getDocument("expectError"), error, name);
            if (VERBOSE) {
                System.out.println("spec: " + name + " failed as expected: " + ErrorMatcher.describe(error));
            }
            return;
        }
        if (error != null) {
            throw error;
        }
        if (op.containsKey("expectResult")) {
            if (result != null && !(result instanceof BsonValue)) {
                throw new UnsupportedFeatureException("expectResult on a " + result.getClass().getSimpleName());
            }
            values.matchRoot(op.get("expectResult"), (BsonValue) result, name + " result");
        }
        if (op.containsKey("saveResultAsEntity")) {
            ctx.entities().save(op.getString("saveResultAsEntity").getValue(), result);
        }
    }

    private Object dispatch(String name, String object, Args a) throws InterruptedException {
        if ("testRunner".equals(object)) {
            return runnerOps.run(name, a);
        }
        Object entity = ctx.entities().get(object);
        if (entity instanceof CollectionEntity c) {
            return CollectionOperations.run(c, name, a, ctx.entities());
        }
        if (entity instanceof DatabaseEntity d) {
            return DatabaseOperations.run(d, name, a);
        }
        if (entity instanceof ClientEntity c) {
            return ClientOperations.run(c, name, a, ctx.entities());
        }
        if (entity instanceof SessionEntity s) {
            return SessionOperations.run(s, name, a, this);
        }
        if (entity instanceof com.mongodb.client.gridfs.GridFSBucket b) {
            return BucketOperations.run(b, name, a);
        }
        if (entity instanceof CursorEntity c) {
            return switch (name) {
                case "iterateUntilDocumentOrError" -> c.next();
                case "iterateOnce" -> c.tryNext();
                case "close" -> {
                    c.close();
                    yield null;
                }
                default -> throw new UnsupportedFeatureException("cursor operation " + name);
            };
        }
        throw new UnsupportedFeatureException(name + " on a " + entity.getClass().getSimpleName());
    }
}
