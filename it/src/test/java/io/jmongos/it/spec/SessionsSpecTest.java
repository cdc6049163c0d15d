package io.jmongos.it.spec;

/** Spec tests: the sessions suite, directly (sharded) and through HAProxy (load-balanced). */
class SessionsSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "sessions/tests";
    }
}
