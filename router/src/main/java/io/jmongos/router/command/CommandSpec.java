package io.jmongos.router.command;

/**
 * What the framework needs to know about a command before running it.
 *
 * @param readsData            reads user data (counts as a query/getmore/command in opcounters)
 * @param writesData           writes user data
 * @param requiresAuth         refused before authentication when auth is on
 * @param allowedInTransaction may run inside a multi-document transaction
 * @param redactInLogs         its arguments never appear in log lines
 */
public record CommandSpec(boolean readsData, boolean writesData, boolean requiresAuth,
                          boolean allowedInTransaction, boolean redactInLogs) {
    /** Server/admin commands: no data, allowed before auth, not in transactions. */
    public static final CommandSpec ADMIN = new CommandSpec(false, false, false, false, false);
    /** Commands that read user data and may run in a transaction (find, aggregate, getMore ...). */
    public static final CommandSpec READ = new CommandSpec(true, false, true, true, false);
    /** Commands that write user data and may run in a transaction (insert, update, delete ...). */
    public static final CommandSpec WRITE = new CommandSpec(false, true, true, true, false);
    /** DDL and other writes not allowed in a transaction. */
    public static final CommandSpec DDL = new CommandSpec(false, true, true, false, false);
}
