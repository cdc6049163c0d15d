package io.jmongos.it.spec;

/**
 * The runner cannot run a test because it needs something the runner (or the Java driver) does not
 * offer. The test is reported as skipped with this message, never as passed.
 */
final class UnsupportedFeatureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedFeatureException(String what) {
        super(what, null, false, false);
    }
}
