package io.jmongos.it.spec;

/** Spec tests: the load-balancers suite (load-balanced through HAProxy; its non-LB file on sharded), directly (sharded) and through HAProxy (load-balanced). */
class LoadBalancersSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "load-balancers/tests";
    }
}
