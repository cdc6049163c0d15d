package io.jmongos.router.frontend;

/** A listener could not bind; the message is one line naming the address and the reason. */
public final class ListenerBindException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ListenerBindException(String message, Throwable cause) {
        super(message, cause);
    }
}
