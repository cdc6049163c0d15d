package io.jmongos.router.log;

/**
 * MongoDB log-v2 component names (the {@code "c"} field), as listed in MongoDB's
 * src/mongo/logv2/log_component.h. Only the ones jmongos uses are here.
 */
public final class LogComponent {
    public static final String DEFAULT = "-";
    public static final String ACCESS = "ACCESS";
    public static final String COMMAND = "COMMAND";
    public static final String CONTROL = "CONTROL";
    public static final String NETWORK = "NETWORK";
    public static final String QUERY = "QUERY";
    public static final String SHARDING = "SHARDING";
    public static final String STORAGE = "STORAGE";
    public static final String TXN = "TXN";

    private LogComponent() {
    }
}
