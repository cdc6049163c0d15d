package io.jmongos.router.command.server;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;

/** MongoDB's rule for admin-only commands: they run only against the admin database. */
public final class AdminOnly {
    private AdminOnly() {
    }

    public static void check(CommandContext ctx, String command) {
        if (!"admin".equals(ctx.db())) {
            throw new CommandFailedException(ErrorCode.UNAUTHORIZED,
                    command + " may only be run against the admin database.");
        }
    }
}
