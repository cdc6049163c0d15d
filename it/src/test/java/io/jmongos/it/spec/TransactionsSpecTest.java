package io.jmongos.it.spec;

/** Spec tests: the transactions suite on the four topologies of {@link Topology}. */
class TransactionsSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "transactions/tests/unified";
    }
}
