package io.jmongos.router.frontend.tls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code tlsDisabledProtocols}: mongod's protocol names and the JSSE/OpenSSL names they stand for. */
public final class TlsProtocols {
    /** mongod's name to the provider's protocol name, oldest first. */
    static final Map<String, String> NAMES = names();
    /** mongod disables TLS 1.0 when nothing is given (TLS 1.1+ is available everywhere it runs). */
    public static final Set<String> DEFAULT_DISABLED = Set.of("TLS1_0");
    /** The value that disables nothing. */
    public static final String NONE = "none";

    private TlsProtocols() {
    }

    private static Map<String, String> names() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TLS1_0", "TLSv1");
        m.put("TLS1_1", "TLSv1.1");
        m.put("TLS1_2", "TLSv1.2");
        m.put("TLS1_3", "TLSv1.3");
        return m;
    }

    /**
     * Parse a comma-separated list ({@code TLS1_0,TLS1_1}, or {@code none}).
     *
     * @throws IllegalArgumentException on an unknown name
     */
    public static Set<String> parse(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : list.split(",")) {
            String p = raw.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals(NONE)) {
                return Set.of();
            }
            if (!NAMES.containsKey(p)) {
                throw new IllegalArgumentException("Unrecognized tlsDisabledProtocols format: '" + p
                        + "' (expected any of " + String.join(",", NAMES.keySet()) + ", or none)");
            }
            out.add(p);
        }
        return out;
    }

    /**
     * The provider protocol names left enabled.
     *
     * @throws IllegalArgumentException when every protocol is disabled
     */
    public static List<String> enabled(Set<String> disabled) {
        List<String> out = new ArrayList<>();
        NAMES.forEach((mongo, jsse) -> {
            if (!disabled.contains(mongo)) {
                out.add(jsse);
            }
        });
        if (out.isEmpty()) {
            throw new IllegalArgumentException("tlsDisabledProtocols disables every TLS protocol");
        }
        return out;
    }
}
