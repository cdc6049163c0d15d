package io.jmongos.router.auth;

/** Why an authentication failed, for the log line only (the client is told "Authentication failed."). */
final class AuthenticationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AuthenticationFailure(String reason) {
        super(reason, null, false, false);
    }
}
