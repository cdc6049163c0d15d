package io.jmongos.it.spec;

/** Spec tests: the sessions suite on the four topologies of {@link Topology}. */
class SessionsSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "sessions/tests";
    }
}
