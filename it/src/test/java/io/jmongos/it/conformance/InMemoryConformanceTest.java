package io.jmongos.it.conformance;

import java.util.List;

/** The conformance suite against the default, in-memory embedded store. */
class InMemoryConformanceTest extends ConformanceSuite {
    @Override
    protected List<String> serverArgs() {
        return List.of("--port", "0", "--bind_ip", "127.0.0.1");
    }
}
