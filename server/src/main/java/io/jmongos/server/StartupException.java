package io.jmongos.server;

/**
 * jmongos cannot start: bad option or value, unreadable config, port in use. The message is one line
 * naming the problem; the command line prints it to stderr and exits with {@link #EXIT_CODE}.
 */
public final class StartupException extends RuntimeException {
    /** mongod's EXIT_BADOPTIONS. */
    public static final int EXIT_CODE = 2;
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
