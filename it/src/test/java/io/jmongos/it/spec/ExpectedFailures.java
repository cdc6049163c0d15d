package io.jmongos.it.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checked-in list of spec tests known to fail against jmongos (resource expected-failures.txt, one
 * line per test: {@code [topology[,topology...] ]suite/file:test description — reason}, topologies by
 * {@link Topology#reportName()}). The JUnit entry points
 * report them as skipped "expected failure" instead of failing the build; CONFORMANCE.md counts them as
 * failed. A listed test that passes is reported so the line can be removed.
 */
final class ExpectedFailures {
    private static final String RESOURCE = "expected-failures.txt";
    private static final String SEPARATOR = " \u2014 ";

    private final Map<String, String> reasons = new LinkedHashMap<>();

    private ExpectedFailures() {
    }

    static ExpectedFailures load() {
        ExpectedFailures f = new ExpectedFailures();
        try (InputStream in = ExpectedFailures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return f;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int sep = line.indexOf(SEPARATOR);
                String key = sep < 0 ? line : line.substring(0, sep).strip();
                String reason = sep < 0 ? "" : line.substring(sep + SEPARATOR.length()).strip();
                int space = key.indexOf(' ');
                String head = space < 0 ? "" : key.substring(0, space);
                if (!head.isEmpty() && !head.contains("/")) {
                    // a topology prefix: one report name or several separated by commas
                    for (String topology : head.split(",")) {
                        f.reasons.put(topology + key.substring(space), reason);
                    }
                } else {
                    f.reasons.put(key, reason);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        return f;
    }

    /** The reason if the test is expected to fail on this topology, else null. */
    String reason(String topology, SpecCase test) {
        String key = test.file().suite() + "/" + test.key();
        String r = reasons.get(topology + " " + key);
        return r != null ? r : reasons.get(key);
    }

    /** The line to add to the list for a failing test. */
    static String line(String topology, SpecCase test, String reason) {
        String oneLine = reason == null ? "" : reason.replace('\n', ' ');
        if (oneLine.length() > 200) {
            oneLine = oneLine.substring(0, 200) + "...";
        }
        return topology + " " + test.file().suite() + "/" + test.key() + SEPARATOR + oneLine;
    }
}
