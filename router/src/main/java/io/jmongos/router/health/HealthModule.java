package io.jmongos.router.health;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.drain.ShutdownCommand;
import io.jmongos.router.metrics.ServerStatusCollector;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.status.ServerStatusSection;

/**
 * Running behind a balancer: registers {@link OperatorParameters}, the {@code shutdown} command, the readiness
 * check of the primary shard, the {@code metrics.commands} serverStatus section and the Prometheus families
 * (serverStatus mirror, JVM). The HTTP endpoint and the agent listener are started by the frontend.
 */
public final class HealthModule implements RouterModule {
    @Override
    public void registerParameters(ServerParameters parameters) {
        OperatorParameters.register(parameters);
    }

    @Override
    public void install(RouterServices services) {
        services.commands().register(new ShutdownCommand());
        services.health().addReadinessCheck(new ShardReadinessCheck(services.shards()));
        services.serverStatus().register(new ServerStatusSection() {
            @Override
            public String name() {
                return "metrics";
            }

            @Override
            public BsonValue report() {
                return new BsonDocument("commands", services.metrics().commands().toBson());
            }
        });
        services.metrics().register(new ServerStatusCollector(() -> status(services),
                services.metrics().commands(), () -> health(services)));
        services.metrics().registerJvmMetrics();
    }

    private static BsonDocument status(RouterServices services) {
        BsonDocument d = new BsonDocument();
        services.serverStatus().appendTo(d, ServerStatusCollector.scrapeCommand());
        return d;
    }

    private static double[] health(RouterServices services) {
        ReadinessReport r = services.health().evaluate();
        return new double[] {services.uptimeMillis() / 1000.0, r.ready() ? 1 : 0, r.draining() ? 1 : 0};
    }
}
