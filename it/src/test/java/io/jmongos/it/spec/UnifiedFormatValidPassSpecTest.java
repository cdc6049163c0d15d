package io.jmongos.it.spec;

/** Spec tests: the Unified Test Format's valid-pass tests, directly (sharded) and through HAProxy (load-balanced). */
class UnifiedFormatValidPassSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "unified-test-format/tests/valid-pass";
    }
}
