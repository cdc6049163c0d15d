package io.jmongos.router.frontend.tls;

/** A TLS file that cannot be used: the message names the file and the reason, on one line. */
public final class TlsConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public TlsConfigException(String message) {
        super(message);
    }
}
