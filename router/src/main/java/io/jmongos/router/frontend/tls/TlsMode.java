package io.jmongos.router.frontend.tls;

import java.util.Arrays;
import java.util.stream.Collectors;

/** {@code --tlsMode} / {@code net.tls.mode}, with mongod's option values. */
public enum TlsMode {
    /** No TLS: the port speaks plain wire protocol only. */
    DISABLED("disabled"),
    /** Plain and TLS connections are both accepted (the router does not prefer either for its own links). */
    ALLOW_TLS("allowTLS"),
    /** Plain and TLS connections are both accepted; outgoing cluster links use TLS. */
    PREFER_TLS("preferTLS"),
    /** Only TLS connections are accepted. */
    REQUIRE_TLS("requireTLS");

    private final String optionValue;

    TlsMode(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value as written on the command line and in the config file. */
    public String optionValue() {
        return optionValue;
    }

    /** Whether a certificate is loaded and TLS handshakes are accepted. */
    public boolean enabled() {
        return this != DISABLED;
    }

    /**
     * The mode for an option value, exactly as mongod spells it.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TlsMode parse(String value) {
        for (TlsMode m : values()) {
            if (m.optionValue.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Bad value for --tlsMode: '" + value + "' (expected one of "
                + Arrays.stream(values()).map(TlsMode::optionValue).collect(Collectors.joining(", ")) + ")");
    }
}
