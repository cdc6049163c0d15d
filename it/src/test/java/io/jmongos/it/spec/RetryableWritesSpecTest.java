package io.jmongos.it.spec;

/** Spec tests: the retryable-writes suite on the four topologies of {@link Topology}. */
class RetryableWritesSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "retryable-writes/tests/unified";
    }
}
