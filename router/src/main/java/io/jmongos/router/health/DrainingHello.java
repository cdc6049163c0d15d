package io.jmongos.router.health;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.RouterServices;

/**
 * mongos's quiesce behaviour: while a shutdown drains the router, {@code hello} (and {@code isMaster}) fail with
 * 91 ShutdownInProgress, so monitoring drivers move to another router; other commands keep running.
 */
public final class DrainingHello {
    /** mongos's message in quiesce mode. */
    static final String MESSAGE = "The server is in quiesce mode and will shut down";

    private DrainingHello() {
    }

    public static void check(RouterServices services) {
        if (services.health().draining()) {
            throw new CommandFailedException(ErrorCode.SHUTDOWN_IN_PROGRESS, MESSAGE);
        }
    }
}
