package io.jmongos.router.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * An IP address or CIDR range ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}), as MongoDB's
 * authenticationRestrictions write them. Literals only: a host name is refused (no DNS lookups in security checks).
 */
public record AddressRange(byte[] network, int prefixBits, String text) {
    /**
     * Parse one range.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static AddressRange parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (host.isEmpty() || !literal) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
        }
        byte[] addr;
        try {
            addr = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range", e);
        }
        int bits = addr.length * Byte.SIZE;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has a bad prefix length", e);
            }
            if (bits < 0 || bits > addr.length * Byte.SIZE) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length out of range");
            }
        }
        return new AddressRange(addr, bits, t);
    }

    /** Parse a comma-separated list; empty text is an empty list. */
    public static List<AddressRange> parseList(String list) {
        List<AddressRange> out = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return out;
    }

    /** Whether {@code a} lies in this range (IPv4-mapped IPv6 addresses are compared as IPv4). */
    public boolean contains(InetAddress a) {
        if (a == null) {
            return false;
        }
        byte[] b = a.getAddress();
        if (b.length != network.length) {
            return false;
        }
        int full = prefixBits / Byte.SIZE;
        for (int i = 0; i < full; i++) {
            if (b[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % Byte.SIZE;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (Byte.SIZE - rest)) & 0xFF;
        return (b[full] & mask) == (network[full] & mask);
    }

    /** Whether any range of {@code ranges} contains {@code a}. */
    public static boolean anyContains(List<AddressRange> ranges, InetAddress a) {
        return ranges.stream().anyMatch(r -> r.contains(a));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
