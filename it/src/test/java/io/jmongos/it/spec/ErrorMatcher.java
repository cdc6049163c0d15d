package io.jmongos.it.spec;

import java.util.Locale;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.ClientBulkWriteException;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.connection.ServerDescription;

import io.jmongos.common.ErrorCode;

/** Checks an operation's error against {@code expectError}. */
final class ErrorMatcher {
    private final ValueMatcher values;
    private final TestContext ctx;

    ErrorMatcher(ValueMatcher values, TestContext ctx) {
        this.values = values;
        this.ctx = ctx;
    }

    void match(BsonDocument expected, RuntimeException e, String operation) {
        String where = operation + " error (" + describe(e) + ")";
        for (Map.Entry<String, BsonValue> x : expected.entrySet()) {
            BsonValue v = x.getValue();
            switch (x.getKey()) {
                case "isError" -> {
                    // any error will do
                }
                case "isClientError" -> {
                    boolean client = isClientError(e);
                    check(client == v.asBoolean().getValue(), where + " is " + (client ? "" : "not ")
                            + "a client error");
                }
                case "isTimeoutError" -> {
                    boolean timeout = e instanceof MongoOperationTimeoutException;
                    check(timeout == v.asBoolean().getValue(), where + " is " + (timeout ? "" : "not ")
                            + "a timeout error");
                }
                case "errorContains" -> check(String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT)
                        .contains(v.asString().getValue().toLowerCase(Locale.ROOT)),
                        where + " does not contain '" + v.asString().getValue() + "'");
                case "errorCode" -> {
                    Integer code = code(e);
                    check(code != null && code == v.asNumber().intValue(), where + " has code " + code
                            + ", expected " + v.asNumber().intValue());
                }
                case "errorCodeName" -> {
                    String name = codeName(e);
                    check(v.asString().getValue().equals(name), where + " has code name " + name + ", expected "
                            + v.asString().getValue());
                }
                case "errorLabelsContain" -> v.asArray().forEach(l -> check(e instanceof MongoException m
                        && m.hasErrorLabel(l.asString().getValue()), where + " lacks the label " + l.asString()
                        .getValue()));
                case "errorLabelsOmit" -> v.asArray().forEach(l -> check(!(e instanceof MongoException m
                        && m.hasErrorLabel(l.asString().getValue())), where + " has the label " + l.asString()
                        .getValue()));
                case "errorResponse" -> {
                    check(e instanceof MongoCommandException, where + " carries no server response");
                    values.matchRoot(v, ((MongoCommandException) e).getResponse(), "errorResponse");
                }
                case "expectResult" -> {
                    if (e instanceof MongoBulkWriteException b) {
                        values.matchRoot(v, DriverResults.bulkWrite(b.getWriteResult()), "error result");
                    } else if (e instanceof ClientBulkWriteException c) {
                        values.matchRoot(v, c.getPartialResult().map(ClientBulkWriteOperation::result)
                                .orElse(null), "error partial result");
                    } else {
                        throw new AssertionError(where + " carries no partial result");
                    }
                }
                case "writeErrors" -> {
                    check(e instanceof ClientBulkWriteException, where + " is not a client bulk write error");
                    BsonDocument actual = new BsonDocument();
                    ((ClientBulkWriteException) e).getWriteErrors().forEach((i, w) -> actual.put(String.valueOf(i),
                            new BsonDocument("code", new BsonInt32(w.getCode()))
                                    .append("message", new BsonString(w.getMessage()))
                                    .append("details", w.getDetails())));
                    values.matchStrict(v, actual, "writeErrors");
                }
                case "writeConcernErrors" -> {
                    check(e instanceof ClientBulkWriteException, where + " is not a client bulk write error");
                    BsonArray actual = new BsonArray();
                    ((ClientBulkWriteException) e).getWriteConcernErrors().forEach(w -> actual.add(
                            new BsonDocument("code", new BsonInt32(w.getCode()))
                                    .append("message", new BsonString(w.getMessage()))));
                    values.matchRoot(v, actual, "writeConcernErrors");
                }
                default -> throw new UnsupportedFeatureException("expectError." + x.getKey());
            }
        }
    }

    /**
     * "Not derived from a server response" (UTF spec): driver-side errors, network errors and server
     * selection timeouts. A server selection timeout whose cause, as the driver's cluster description
     * records it, is an error reply of the server (e.g. a refused handshake) derives from a server response.
     */
    private boolean isClientError(RuntimeException e) {
        if (e instanceof MongoTimeoutException && serverRefusedHandshake()) {
            return false;
        }
        return e instanceof MongoClientException || e instanceof MongoSocketException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException;
    }

    private boolean serverRefusedHandshake() {
        for (ClientEntity c : ctx.entities().clients()) {
            for (ServerDescription d : c.client().getClusterDescription().getServerDescriptions()) {
                if (d.getException() instanceof MongoServerException) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Integer code(RuntimeException e) {
        if (e instanceof ClientBulkWriteException c) {
            return c.getCause() instanceof MongoServerException s ? Integer.valueOf(s.getCode()) : null;
        }
        if (e instanceof MongoBulkWriteException b) {
            if (!b.getWriteErrors().isEmpty()) {
                return b.getWriteErrors().get(0).getCode();
            }
            return b.getWriteConcernError() == null ? null : b.getWriteConcernError().getCode();
        }
        if (e instanceof MongoWriteException w) {
            return w.getError().getCode();
        }
        if (e instanceof MongoWriteConcernException w) {
            return w.getWriteConcernError().getCode();
        }
        if (e instanceof MongoServerException s) {
            return s.getCode();
        }
        return null;
    }

    private static String codeName(RuntimeException e) {
        WriteConcernError wce = e instanceof MongoWriteConcernException w ? w.getWriteConcernError()
                : e instanceof MongoBulkWriteException b && b.getWriteErrors().isEmpty() ? b.getWriteConcernError()
                : null;
        if (wce != null) {
            return wce.getCodeName();
        }
        if (e instanceof MongoCommandException c) {
            return c.getErrorCodeName();
        }
        Integer code = code(e);
        return code == null ? null : ErrorCode.nameOf(code);
    }

    /**
     * Whether an exception comes from the runner's own code (a bug or an unexpected test shape) rather than
     * from the driver: such an error must never satisfy an {@code expectError}. Decided by the first stack
     * frame outside the JDK and the BSON library.
     */
    static boolean isRunnerError(Throwable e) {
        if (e instanceof MongoException) {
            return false;
        }
        for (StackTraceElement f : e.getStackTrace()) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("org.bson.")) {
                continue;
            }
            return c.startsWith(ErrorMatcher.class.getPackageName() + ".");
        }
        return false;
    }

    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof MongoException m) {
            s.append(" code ").append(m.getCode());
            if (!m.getErrorLabels().isEmpty()) {
                s.append(" labels ").append(m.getErrorLabels());
            }
        }
        s.append(": ").append(e.getMessage());
        return s.length() > 600 ? s.substring(0, 600) + "..." : s.toString();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
