package io.jmongos.router.testing;

import io.jmongos.router.RouterServices;
import io.jmongos.router.param.ServerParameter;
import io.jmongos.router.param.ServerParameters;

/**
 * MongoDB's test commands, present only when the server starts with {@code --setParameter
 * enableTestCommands=1} (startup only, default false, as in MongoDB): today {@code configureFailPoint}
 * and the failCommand fail point. Without the parameter {@code configureFailPoint} is 59 CommandNotFound.
 */
public final class TestCommands {
    /** The startup parameter that enables the test commands (MongoDB's name). */
    public static final String ENABLE_TEST_COMMANDS = "enableTestCommands";

    private TestCommands() {
    }

    /** Register {@code enableTestCommands} (bool, default false, startup only). */
    public static void registerParameters(ServerParameters parameters) {
        parameters.register(new ServerParameter(ENABLE_TEST_COMMANDS, org.bson.BsonBoolean.FALSE, true, false,
                ServerParameters.bool()));
    }

    /** Whether the parameter is registered and true. */
    public static boolean enabled(ServerParameters parameters) {
        return parameters.isDefined(ENABLE_TEST_COMMANDS) && parameters.get(ENABLE_TEST_COMMANDS).isBoolean()
                && parameters.get(ENABLE_TEST_COMMANDS).asBoolean().getValue();
    }

    /**
     * Install configureFailPoint and the failCommand interceptor when enableTestCommands is on. The
     * interceptor goes first in the chain, before the session and transaction layer, as mongos evaluates
     * failCommand before it begins or continues a transaction (strategy.cpp, RunInvocation::_setup).
     *
     * @return the fail points, or null when test commands are off
     */
    public static FailPointRegistry installIfEnabled(RouterServices services) {
        if (!enabled(services.parameters())) {
            return null;
        }
        FailPointRegistry registry = new FailPointRegistry();
        services.commands().register(new ConfigureFailPointCommand(registry));
        services.interceptors().add(0, new FailCommandInterceptor(registry));
        return registry;
    }
}
