package io.jmongos.router.auth;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.conn.ClientConnectionState;

/**
 * {@code authenticationRestrictions} of users and roles: an array of documents, each with {@code clientSource}
 * and/or {@code serverAddress} (lists of IP addresses and CIDR ranges) and, a jmongos extension mongos does not
 * have, {@code vpcEndpoint} (cloud endpoint ids from the PROXY v2 header: AWS VPC endpoint, Azure private link,
 * GCP PSC connection). A document is met when every field it names matches; the array is met when one document
 * is (or the array is empty). {@code clientSource} is the client's real address: the PROXY header's source on the
 * LB port, the peer on the main port; {@code serverAddress} is the address jmongos accepted the connection on.
 */
final class AuthenticationRestrictions {
    private AuthenticationRestrictions() {
    }

    /**
     * Check the syntax (createUser, updateUser, createRole).
     *
     * @throws CommandFailedException BadValue naming the problem
     */
    static void validate(BsonValue restrictions) {
        if (!restrictions.isArray()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "authenticationRestrictions must be an array");
        }
        for (BsonValue r : restrictions.asArray()) {
            if (!r.isDocument()) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "each authenticationRestriction must be a "
                        + "document");
            }
            for (String key : r.asDocument().keySet()) {
                switch (key) {
                    case "clientSource", "serverAddress" -> {
                        try {
                            ranges(r.asDocument().get(key));
                        } catch (IllegalArgumentException e) {
                            throw new CommandFailedException(ErrorCode.BAD_VALUE, key + ": " + e.getMessage());
                        }
                    }
                    case "vpcEndpoint" -> strings(r.asDocument().get(key));
                    default -> throw new CommandFailedException(ErrorCode.BAD_VALUE,
                            "Unknown authenticationRestriction field: " + key);
                }
            }
        }
    }

    /** Null when met; otherwise why not (for the log line). */
    static String unmet(BsonDocument doc, ClientConnectionState conn) {
        BsonValue restrictions = doc == null ? null : doc.get("authenticationRestrictions");
        if (restrictions == null || !restrictions.isArray() || restrictions.asArray().isEmpty()) {
            return null;
        }
        String why = null;
        for (BsonValue r : restrictions.asArray()) {
            why = unmetOne(r.asDocument(), conn);
            if (why == null) {
                return null;
            }
        }
        return why;
    }

    private static String unmetOne(BsonDocument r, ClientConnectionState conn) {
        InetAddress client = conn.clientAddress().getAddress();
        if (r.containsKey("clientSource") && !AddressRange.anyContains(ranges(r.get("clientSource")), client)) {
            return "Client source address " + (client == null ? "?" : client.getHostAddress()) + " not allowed";
        }
        InetAddress server = conn.localAddress() == null ? null : conn.localAddress().getAddress();
        if (r.containsKey("serverAddress") && !AddressRange.anyContains(ranges(r.get("serverAddress")), server)) {
            return "Server address " + (server == null ? "?" : server.getHostAddress()) + " not allowed";
        }
        if (r.containsKey("vpcEndpoint") && !strings(r.get("vpcEndpoint")).contains(conn.proxyEndpointId())) {
            return "Cloud endpoint " + conn.proxyEndpointId() + " not allowed";
        }
        return null;
    }

    private static List<AddressRange> ranges(BsonValue v) {
        List<AddressRange> out = new ArrayList<>();
        for (String s : strings(v)) {
            out.add(AddressRange.parse(s));
        }
        return out;
    }

    private static List<String> strings(BsonValue v) {
        List<String> out = new ArrayList<>();
        for (BsonValue x : v.isArray() ? v.asArray() : new BsonArray(List.of(v))) {
            if (!x.isString()) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "authenticationRestrictions values must be "
                        + "strings");
            }
            out.add(x.asString().getValue());
        }
        return out;
    }
}
