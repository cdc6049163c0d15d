package io.jmongos.router.session;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.router.conn.ClientConnectionState;

/**
 * What the router reports about the client behind an operation, cursor or transaction.
 *
 * @param client         "host:port" of the client (the PROXY header's source on the load-balancer port)
 * @param proxyAddress   "host:port" of the balancer for proxied connections, else null
 * @param clientMetadata the driver's hello metadata, or null
 */
public record ClientInfo(long connectionId, boolean loadBalanced, String client, String proxyAddress,
                         BsonDocument clientMetadata) {
    /** Field name under which currentOp reports the balancer's address of a proxied client. */
    public static final String PROXY_ADDRESS_FIELD = "proxyAddress";

    public static ClientInfo of(ClientConnectionState c) {
        return new ClientInfo(c.connectionId(), c.loadBalancerPort(), c.clientAddressText(), c.proxyAddressText(),
                c.clientMetadata());
    }

    /** Append {@code client}, {@code proxyAddress}, {@code connectionId}, {@code clientMetadata} as currentOp does. */
    public void appendTo(BsonDocument doc) {
        if (client != null) {
            doc.append("client", new BsonString(client));
        }
        if (proxyAddress != null) {
            doc.append(PROXY_ADDRESS_FIELD, new BsonString(proxyAddress));
        }
        doc.append("connectionId", new BsonInt64(connectionId));
        if (clientMetadata != null) {
            doc.append("clientMetadata", clientMetadata);
            BsonDocument app = clientMetadata.isDocument("application") ? clientMetadata.getDocument("application")
                    : null;
            if (app != null && app.isString("name")) {
                doc.append("appName", app.getString("name"));
            }
        }
    }
}
