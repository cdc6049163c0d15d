package io.jmongos.it.spec;

/**
 * Spec tests: the load-balancers suite, through HAProxy (load-balanced, cluster-load-balanced) and, for its file about
 * non-LB clusters, directly (sharded, cluster-sharded).
 */
class LoadBalancersSpecTest extends SpecSuiteTest {
    @Override
    String folder() {
        return "load-balancers/tests";
    }
}
