package io.jmongos.it.spec;

/** Spec tests: the retryable-writes suite, directly (sharded) and through HAProxy (load-balanced). */
class RetryableWritesSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "retryable-writes/tests/unified";
    }
}
