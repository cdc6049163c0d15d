package io.jmongos.it.spec;

/** Spec tests: the Unified Test Format's valid-pass tests on the four topologies of {@link Topology}. */
class UnifiedFormatValidPassSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "unified-test-format/tests/valid-pass";
    }
}
