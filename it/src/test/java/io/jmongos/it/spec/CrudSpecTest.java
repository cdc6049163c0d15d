package io.jmongos.it.spec;

/** Spec tests: the CRUD suite, directly (sharded) and through HAProxy (load-balanced). */
class CrudSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "crud/tests/unified";
    }
}
