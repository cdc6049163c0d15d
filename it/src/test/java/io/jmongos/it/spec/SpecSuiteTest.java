package io.jmongos.it.spec;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the JUnit entry points: one dynamic test per spec test, per topology, over the clusters started
 * for the class (two routers over one embedded store; with the cluster topologies on, see
 * {@link ClusterSpecSelection}, also a config server, two shard servers and two routers; for the suites
 * {@link SecuredSpecSelection} picks, the same cluster with TLS and authentication). A test that fails
 * is a JUnit failure unless it is on the expected-failures list (then it is reported as skipped with "expected
 * failure"); a test the runner cannot run is skipped with its reason. Without the
 * specification folder the whole class is skipped with a clear message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpecSuiteTest {
    private final Map<Topology, SpecEnvironment> environments = new EnumMap<>(Topology.class);
    private final List<TestResult> results = new CopyOnWriteArrayList<>();
    private final List<String> unexpectedPasses = new CopyOnWriteArrayList<>();
    private final ExpectedFailures expected = ExpectedFailures.load();
    private SpecCluster embedded;
    private SpecCluster remote;
    private SpecCluster secured;

    /** The suite's folder under the specification folder, e.g. "load-balancers/tests". */
    abstract String folder();

    /** The topologies the suite runs on. */
    Set<Topology> topologies() {
        return Set.of(Topology.values());
    }

    @BeforeAll
    void startCluster() {
        String why = SpecDirectory.unavailable();
        if (why != null) {
            System.out.println(getClass().getSimpleName() + ": " + why);
            return;
        }
        boolean haproxy = SpecCluster.haproxyInstalled();
        embedded = SpecCluster.startEmbedded(topologies().contains(Topology.LOAD_BALANCED) && haproxy);
        if (ClusterSpecSelection.enabled() && (topologies().contains(Topology.CLUSTER_SHARDED)
                || topologies().contains(Topology.CLUSTER_LOAD_BALANCED))) {
            remote = SpecCluster.startRemote(topologies().contains(Topology.CLUSTER_LOAD_BALANCED) && haproxy);
        }
        if (securedRuns() && (topologies().contains(Topology.SECURED_SHARDED)
                || topologies().contains(Topology.SECURED_LOAD_BALANCED))) {
            secured = SpecCluster.startRemote(topologies().contains(Topology.SECURED_LOAD_BALANCED) && haproxy,
                    true);
        }
    }

    /** The suite's name in reports (the folder without "tests" and "unified"). */
    private String suite() {
        return SpecDirectory.suiteName(SpecDirectory.root().resolve(folder()));
    }

    /** Whether this suite runs on the secured topologies in this build ({@link SecuredSpecSelection}). */
    private boolean securedRuns() {
        return Topology.SECURED_SUITES.contains(suite()) && SecuredSpecSelection.suites().contains(suite());
    }

    @AfterAll
    void stopCluster() {
        environments.values().forEach(SpecEnvironment::close);
        if (remote != null) {
            remote.close();
        }
        if (secured != null) {
            secured.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (!results.isEmpty()) {
            System.out.println(SpecReport.summaryLine("spec " + folder(), results));
            unexpectedPasses.forEach(t -> System.out.println("  listed as an expected failure but passed: " + t));
        }
    }

    @TestFactory
    Stream<DynamicNode> sharded() {
        return tests(Topology.SHARDED);
    }

    @TestFactory
    Stream<DynamicNode> loadBalanced() {
        return tests(Topology.LOAD_BALANCED);
    }

    @TestFactory
    Stream<DynamicNode> clusterSharded() {
        return tests(Topology.CLUSTER_SHARDED);
    }

    @TestFactory
    Stream<DynamicNode> clusterLoadBalanced() {
        return tests(Topology.CLUSTER_LOAD_BALANCED);
    }

    @TestFactory
    Stream<DynamicNode> securedSharded() {
        return tests(Topology.SECURED_SHARDED);
    }

    @TestFactory
    Stream<DynamicNode> securedLoadBalanced() {
        return tests(Topology.SECURED_LOAD_BALANCED);
    }

    private Stream<DynamicNode> tests(Topology topology) {
        String why = SpecDirectory.unavailable();
        Assumptions.assumeTrue(why == null, why);
        Assumptions.assumeTrue(topologies().contains(topology), folder() + " does not run " + topology.reportName());
        Assumptions.assumeTrue(topology.runs(suite()), topology.reportName() + " does not run " + suite());
        Assumptions.assumeTrue(!topology.remoteShards() || topology.secured() || ClusterSpecSelection.enabled(),
                ClusterSpecSelection.disabledMessage());
        Assumptions.assumeTrue(!topology.secured() || securedRuns(), SecuredSpecSelection.disabledMessage(suite()));
        SpecCluster cluster = topology.secured() ? secured : topology.remoteShards() ? remote : embedded;
        Assumptions.assumeTrue(!topology.loadBalanced() || cluster.hasBalancers(),
                topology.reportName() + " spec tests skipped: HAProxy is not installed ("
                        + io.jmongos.it.lb.HaproxyProcess.BINARY + "); apt-get install haproxy");
        SpecEnvironment env = environments.computeIfAbsent(topology, t -> new SpecEnvironment(cluster.target(t)));
        UnifiedTestRunner runner = new UnifiedTestRunner(env);
        Path dir = SpecDirectory.root().resolve(folder());
        return SuiteRunner.files(dir).stream().map(f -> DynamicContainer.dynamicContainer(
                "[" + topology.reportName() + "] " + f.name(), f.path().toUri(),
                f.cases().stream().map(c -> DynamicTest.dynamicTest(displayName(c),
                        () -> check(runner, topology, c)))));
    }

    private static String displayName(SpecCase c) {
        return c.description().isBlank() ? "(no description)" : c.description();
    }

    private void check(UnifiedTestRunner runner, Topology topology, SpecCase c) {
        TestResult r = runner.run(c);
        results.add(r);
        String expectedReason = expected.reason(topology.reportName(), c);
        switch (r.status()) {
            case PASSED -> {
                if (expectedReason != null) {
                    unexpectedPasses.add(topology.reportName() + " " + c.file().suite() + "/" + c.key());
                }
            }
            case SKIPPED -> Assumptions.abort(r.reason());
            case FAILED -> {
                if (expectedReason != null) {
                    Assumptions.abort("expected failure (" + expectedReason + "): " + r.reason());
                }
                Assertions.fail(r.reason() + "\n(not on the expected-failures list; its line would be:\n"
                        + ExpectedFailures.line(topology.reportName(), c, r.reason()) + ")");
            }
            default -> throw new IllegalStateException(r.status().name());
        }
    }
}
