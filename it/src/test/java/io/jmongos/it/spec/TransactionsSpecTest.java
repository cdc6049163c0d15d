package io.jmongos.it.spec;

/** Spec tests: the transactions suite, directly (sharded) and through HAProxy (load-balanced). */
class TransactionsSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "transactions/tests/unified";
    }
}
