package io.jmongos.router.shardsvr;

import java.util.function.Consumer;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.command.server.AdminOnly;

/**
 * {@code _shardsvrMigrationCriticalSection: "<db.coll>", enter: <bool>, reason: {...}} (admin; jmongos' own command,
 * where MongoDB's donor and recipient hold the collection's critical section inside their migration code): entering
 * makes new versioned commands on the collection wait and returns once the running ones finished (bounded by its
 * {@code maxTimeMS}, else 30 s: then 50 MaxTimeMSExpired and the section is left), and aborts the open transactions
 * that wrote to its database (their unversioned commit must not land on a copy that is being moved); leaving drops
 * the cached version and releases the waiting commands, which then check their version again. A section held for
 * another reason is 117.
 */
final class MigrationCriticalSectionCommand implements CommandHandler {
    static final String NAME = "_shardsvrMigrationCriticalSection";

    private final DatabaseCriticalSections sections;
    private final CollectionVersionCheck versions;
    private final Consumer<String> abortTransactionsWritingTo;

    MigrationCriticalSectionCommand(DatabaseCriticalSections sections, CollectionVersionCheck versions,
                                    Consumer<String> abortTransactionsWritingTo) {
        this.sections = sections;
        this.versions = versions;
        this.abortTransactionsWritingTo = abortTransactionsWritingTo;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.DDL;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        AdminOnly.check(ctx, name());
        String ns = CommandArgs.requiredString(command, name(), name());
        BsonValue reason = command.get("reason");
        String why = reason == null ? "migration" : "migration " + reason;
        if (CommandArgs.optionalBool(command, "enter")) {
            BsonValue max = command.get("maxTimeMS");
            long ms = max != null && max.isNumber() && max.asNumber().longValue() > 0 ? max.asNumber().longValue()
                    : DatabaseVersionCheck.DEFAULT_CRITICAL_SECTION_WAIT_MILLIS;
            sections.enter(ns, why, System.nanoTime() + ms * 1_000_000L);
            abortTransactionsWritingTo.accept(ns.substring(0, ns.indexOf('.')));
        } else {
            versions.drop(ns);
            sections.exit(ns, reason == null ? null : why);
        }
        return new BsonDocument();
    }
}
