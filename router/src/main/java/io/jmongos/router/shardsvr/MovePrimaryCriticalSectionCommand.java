package io.jmongos.router.shardsvr;

import java.util.function.Consumer;

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
 * {@code {_shardsvrMovePrimaryExitCriticalSection: "<db>", reason: {...}}} releases them and drops the cached version,
 * so each refreshes from the config server (which by then names the new primary) and answers StaleDbVersion. A section
 * held for another reason is 117 ConflictingOperationInProgress on enter and exit (two movePrimary at once). Once
 * entered, the open transactions that wrote to the database are aborted: a multi-document transaction between
 * statements holds no versioned command in flight, and its commit (unversioned) must not land on the old primary
 * after the copy (mongod gets the same from its database lock, which such a transaction holds until it ends).
 */
final class MovePrimaryCriticalSectionCommand implements CommandHandler {
    static final String ENTER = "_shardsvrMovePrimaryEnterCriticalSection";
    static final String EXIT = "_shardsvrMovePrimaryExitCriticalSection";

    private final boolean enter;
    private final DatabaseCriticalSections sections;
    private final DatabaseVersionCheck versions;
    private final Consumer<String> entered;

    /**
     * @param entered told the database once its section is held (the shard aborts the open transactions that wrote
     *                to it there, so none commits on the old primary after the copy)
     */
    MovePrimaryCriticalSectionCommand(boolean enter, DatabaseCriticalSections sections,
                                      DatabaseVersionCheck versions, Consumer<String> entered) {
        this.enter = enter;
        this.sections = sections;
        this.versions = versions;
        this.entered = entered;
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
        BsonValue reason = command.get("reason");
        if (enter) {
            sections.enter(db, reasonOf(reason), System.nanoTime() + waitMillis(command) * 1_000_000L);
            entered.accept(db);
        } else {
            versions.drop(db);
            sections.exit(db, reason == null ? null : reasonOf(reason));
        }
        return new BsonDocument();
    }

    private static String reasonOf(BsonValue reason) {
        return reason == null ? "movePrimary" : "movePrimary " + reason.toString();
    }

    private static long waitMillis(BsonDocument command) {
        BsonValue max = command.get("maxTimeMS");
        return max != null && max.isNumber() && max.asNumber().longValue() > 0 ? max.asNumber().longValue()
                : DatabaseVersionCheck.DEFAULT_CRITICAL_SECTION_WAIT_MILLIS;
    }
}
