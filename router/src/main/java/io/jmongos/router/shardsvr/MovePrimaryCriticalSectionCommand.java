package io.jmongos.router.shardsvr;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.server.AdminOnly;

/**
 * MongoDB's movePrimary critical section commands on the database's current primary shard (admin):
 * {@code {_shardsvrMovePrimaryEnterCriticalSection: "<db>", reason: {...}}} blocks new versioned commands on the
 * database and returns once the running ones finished (bounded by its maxTimeMS, else
 * {@link DatabaseVersionCheck#DEFAULT_CRITICAL_SECTION_WAIT_MILLIS}: 50 MaxTimeMSExpired);
 * {@code {_shardsvrMovePrimaryExitCriticalSection: "<db>"}} releases them and drops the cached version, so each
 * refreshes from the config server (which by then names the new primary) and answers StaleDbVersion.
 */
final class MovePrimaryCriticalSectionCommand implements CommandHandler {
    static final String ENTER = "_shardsvrMovePrimaryEnterCriticalSection";
    static final String EXIT = "_shardsvrMovePrimaryExitCriticalSection";

    private final boolean enter;
    private final DatabaseCriticalSections sections;
    private final DatabaseVersionCheck versions;

    MovePrimaryCriticalSectionCommand(boolean enter, DatabaseCriticalSections sections,
                                      DatabaseVersionCheck versions) {
        this.enter = enter;
        this.sections = sections;
        this.versions = versions;
    }

    @Override
    public String name() {
        return enter ? ENTER : EXIT;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.DDL;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        AdminOnly.check(ctx, name());
        String db = DatabaseArgument.of(command);
        if (enter) {
            BsonValue reason = command.get("reason");
            sections.enter(db, reason == null ? "movePrimary" : "movePrimary " + reason.toString(),
                    System.nanoTime() + waitMillis(command) * 1_000_000L);
        } else {
            versions.drop(db);
            sections.exit(db);
        }
        return new BsonDocument();
    }

    private static long waitMillis(BsonDocument command) {
        BsonValue max = command.get("maxTimeMS");
        return max != null && max.isNumber() && max.asNumber().longValue() > 0 ? max.asNumber().longValue()
                : DatabaseVersionCheck.DEFAULT_CRITICAL_SECTION_WAIT_MILLIS;
    }
}
