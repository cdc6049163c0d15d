package io.jmongos.router.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

class SessionOptionsValidatorTest {
    private static final LogicalSessionId LSID = LogicalSessionId.random();

    private static CommandHandler handler(String name, CommandSpec spec) {
        return new CommandHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CommandSpec spec() {
                return spec;
            }

            @Override
            public BsonDocument run(CommandContext ctx, BsonDocument command) {
                return new BsonDocument();
            }
        };
    }

    private static void assertCode(String name, CommandSpec spec, BsonDocument cmd, int code, String msg) {
        assertThatThrownBy(() -> SessionOptionsValidator.validate(OperationSessionInfo.parse(cmd),
                handler(name, spec), "db", cmd))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    if (msg != null) {
                        assertThat(e.getMessage()).isEqualTo(msg);
                    }
                });
    }

    private static BsonDocument cmd(String name) {
        return new BsonDocument(name, new BsonString("c")).append("lsid", LSID.toBson());
    }

    @Test
    void mongoDbRulesInOrder() {
        assertCode("insert", CommandSpec.WRITE, new BsonDocument("insert", new BsonString("c"))
                .append("txnNumber", new BsonInt64(1)), 72,
                "Transaction number requires a session ID to also be specified");
        assertCode("insert", CommandSpec.WRITE, cmd("insert").append("txnNumber", new BsonInt64(-1)), 72,
                "Transaction number cannot be negative");
        assertCode("insert", CommandSpec.WRITE, cmd("insert").append("autocommit", BsonBoolean.FALSE), 72,
                "'autocommit' field requires a transaction number to also be specified");
        assertCode("insert", CommandSpec.WRITE, cmd("insert").append("txnNumber", new BsonInt64(1))
                .append("startTransaction", BsonBoolean.TRUE), 72,
                "'startTransaction' field requires 'autocommit' field to also be specified");
        assertCode("insert", CommandSpec.WRITE, cmd("insert").append("txnNumber", new BsonInt64(1))
                .append("autocommit", BsonBoolean.FALSE).append("startTransaction", BsonBoolean.FALSE), 72,
                "Specifying startTransaction=false is not allowed.");
        assertCode("killCursors", CommandSpec.READ, cmd("killCursors").append("txnNumber", new BsonInt64(1))
                .append("autocommit", BsonBoolean.FALSE).append("startTransaction", BsonBoolean.TRUE), 263,
                "Cannot run killCursors as the first operation in a multi-document transaction.");
        assertCode("insert", CommandSpec.WRITE, cmd("insert").append("txnNumber", new BsonInt64(1))
                .append("autocommit", BsonBoolean.FALSE).append("writeConcern", new BsonDocument("w",
                        new BsonInt32(1))), 72, "writeConcern is not allowed within a multi-statement transaction");
        assertCode("drop", CommandSpec.DDL, cmd("drop").append("txnNumber", new BsonInt64(1))
                .append("autocommit", BsonBoolean.FALSE), 263, "Cannot run 'drop' in a multi-document transaction.");
        assertCode("ping", CommandSpec.ADMIN, cmd("ping").append("txnNumber", new BsonInt64(1)), 50889,
                "It is illegal to provide a txnNumber for this command");
        assertCode("insert", CommandSpec.WRITE, cmd("insert").append("txnNumber", new BsonString("1")), 14, null);
    }

    @Test
    void validCombinationsPass() {
        BsonDocument retryable = cmd("insert").append("txnNumber", new BsonInt64(3));
        assertThatCode(() -> SessionOptionsValidator.validate(OperationSessionInfo.parse(retryable),
                handler("insert", CommandSpec.WRITE), "db", retryable)).doesNotThrowAnyException();
        BsonDocument commit = cmd("commitTransaction").append("txnNumber", new BsonInt64(3))
                .append("autocommit", BsonBoolean.FALSE).append("writeConcern", new BsonDocument());
        assertThatCode(() -> SessionOptionsValidator.validate(OperationSessionInfo.parse(commit),
                handler("commitTransaction", new CommandSpec(false, false, true, true, false)), "admin", commit))
                .doesNotThrowAnyException();
    }

    @Test
    void clusterTimeFieldsAreStrippedBeforeTheHandler() {
        BsonDocument in = new BsonDocument("find", new BsonString("c"))
                .append("$clusterTime", new BsonDocument("clusterTime", new BsonTimestamp(5, 1)))
                .append("readConcern", new BsonDocument("level", new BsonString("majority"))
                        .append("afterClusterTime", new BsonTimestamp(5, 1)));
        BsonDocument out = ClusterTimeInterceptor.stripTimeFields(in);
        assertThat(out.containsKey("$clusterTime")).isFalse();
        assertThat(out.getDocument("readConcern")).isEqualTo(new BsonDocument("level", new BsonString("majority")));
        BsonDocument plain = new BsonDocument("find", new BsonString("c"));
        assertThat(ClusterTimeInterceptor.stripTimeFields(plain)).isSameAs(plain);
        BsonDocument gossipOnly = new BsonDocument("find", new BsonString("c"))
                .append("$clusterTime", new BsonDocument("clusterTime", new BsonTimestamp(5, 1)));
        assertThat(ClusterTimeInterceptor.stripTimeFields(gossipOnly)).isSameAs(gossipOnly); // a generic argument
    }
}
