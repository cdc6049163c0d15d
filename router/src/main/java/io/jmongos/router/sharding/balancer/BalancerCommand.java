package io.jmongos.router.sharding.balancer;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;

/**
 * {@code balancerStart}, {@code balancerStop} (mongosh's {@code sh.startBalancer()}/{@code sh.stopBalancer()}:
 * {@code config.settings {_id: "balancer"}} gets {@code mode: "full"|"off"} and {@code stopped}) and
 * {@code balancerStatus} ({@code {mode, inBalancerRound, numBalancerRounds}}, this router's rounds).
 */
public final class BalancerCommand implements CommandHandler {
    /** Which of the three. */
    public enum Kind { START, STOP, STATUS }

    private final Kind kind;
    private final Balancer balancer;

    public BalancerCommand(Kind kind, Balancer balancer) {
        this.kind = kind;
        this.balancer = balancer;
    }

    @Override
    public String name() {
        return switch (kind) {
            case START -> "balancerStart";
            case STOP -> "balancerStop";
            case STATUS -> "balancerStatus";
        };
    }

    @Override
    public CommandSpec spec() {
        return kind == Kind.STATUS ? CommandSpec.ADMIN : CommandSpec.DDL;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        if (kind != Kind.STATUS) {
            balancer.settings().setEnabled(kind == Kind.START);
            return new BsonDocument();
        }
        return new BsonDocument("mode", new BsonString(balancer.settings().enabled() ? "full" : "off"))
                .append("inBalancerRound", BsonBoolean.valueOf(balancer.inRound()))
                .append("numBalancerRounds", new BsonInt64(balancer.rounds()));
    }
}
