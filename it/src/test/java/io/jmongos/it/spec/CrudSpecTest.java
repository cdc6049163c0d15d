package io.jmongos.it.spec;

/** Spec tests: the CRUD suite on the four topologies of {@link Topology}. */
class CrudSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "crud/tests/unified";
    }
}
