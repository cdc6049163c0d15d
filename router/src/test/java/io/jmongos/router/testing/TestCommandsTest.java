package io.jmongos.router.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.RouterServices;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.shard.Shard;

class TestCommandsTest {
    private static final Shard NO_SHARD = new Shard() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public BsonDocument runCommand(String db, BsonDocument command) {
            return new BsonDocument();
        }

        @Override
        public void close() {
        }
    };

    @Test
    void offByDefaultSoConfigureFailPointIsUnknown() {
        ServerParameters params = new ServerParameters();
        TestCommands.registerParameters(params);
        RouterServices services = new RouterServices(NO_SHARD, params);
        assertThat(TestCommands.installIfEnabled(services)).isNull();
        assertThat(services.commands().lookup("configureFailPoint")).isEmpty();
        assertThat(services.interceptors()).isEmpty();
    }

    @Test
    void enabledAtStartupInstallsTheCommandAndTheInterceptor() {
        ServerParameters params = new ServerParameters();
        TestCommands.registerParameters(params);
        params.set(TestCommands.ENABLE_TEST_COMMANDS, new BsonString("1"), true);
        RouterServices services = new RouterServices(NO_SHARD, params);
        assertThat(TestCommands.installIfEnabled(services)).isNotNull();
        assertThat(services.commands().lookup("configureFailPoint")).isPresent();
        assertThat(services.interceptors()).hasSize(1);
    }

    @Test
    void cannotBeSetAtRuntime() {
        ServerParameters params = new ServerParameters();
        TestCommands.registerParameters(params);
        assertThatThrownBy(() -> params.set(TestCommands.ENABLE_TEST_COMMANDS, new BsonString("1"), false))
                .isInstanceOf(CommandFailedException.class);
    }
}
