package io.jmongos.engine.command;

import io.jmongos.common.CommandFailedException;

/**
 * The context prefixes mongod adds to errors raised while a plan runs (after parsing), as
 * {@code "<context> :: caused by :: <error>"} with the error's own code, labels and extra fields kept.
 */
public final class ExecutorErrors {
    /** run_aggregate.cpp, for errors while the pipeline produces its first batch or writes $out/$merge. */
    public static final String AGGREGATE = "PlanExecutor error during aggregation";
    /** find_cmd.cpp, for errors while the first batch of a find is produced. */
    public static final String FIND = "Executor error during find command";
    /** getmore_cmd.cpp. */
    public static final String GET_MORE = "Executor error during getMore";
    /** find_and_modify.cpp, for errors while the matched document is updated, removed or upserted. */
    public static final String FIND_AND_MODIFY = "Plan executor error during findAndModify";

    private static final String CAUSED_BY = " :: caused by :: ";

    private ExecutorErrors() {
    }

    /** {@code e} with {@code context} in front of its message (unchanged when it already carries one). */
    public static CommandFailedException withContext(String context, CommandFailedException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith(context + CAUSED_BY) || message.startsWith(AGGREGATE + CAUSED_BY)) {
            return e;
        }
        CommandFailedException out = new CommandFailedException(e.code(), e.codeName(), context + CAUSED_BY + message);
        e.errorLabels().forEach(out::withLabel);
        e.extra().forEach(out::with);
        return out;
    }
}
