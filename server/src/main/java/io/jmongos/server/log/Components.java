package io.jmongos.server.log;

import io.jmongos.router.log.LogComponent;

/** The log-v2 component of an event that names none: derived from the logger's package. */
final class Components {
    private Components() {
    }

    static String forLogger(String logger) {
        if (logger == null) {
            return LogComponent.DEFAULT;
        }
        if (logger.startsWith("io.jmongos.router.frontend") || logger.startsWith("io.jmongos.wire")
                || logger.startsWith("io.netty")) {
            return LogComponent.NETWORK;
        }
        if (logger.startsWith("io.jmongos.router.command")) {
            return LogComponent.COMMAND;
        }
        if (logger.startsWith("io.jmongos.router.txn")) {
            return LogComponent.TXN;
        }
        if (logger.startsWith("io.jmongos.router.cursor") || logger.startsWith("io.jmongos.router.ops")) {
            return LogComponent.QUERY;
        }
        if (logger.startsWith("io.jmongos.router.session")) {
            return LogComponent.ACCESS;
        }
        if (logger.startsWith("io.jmongos.router.shard")) {
            return LogComponent.SHARDING;
        }
        if (logger.startsWith("io.jmongos.engine")) {
            return LogComponent.STORAGE;
        }
        if (logger.startsWith("io.jmongos.server")) {
            return LogComponent.CONTROL;
        }
        return LogComponent.DEFAULT;
    }
}
