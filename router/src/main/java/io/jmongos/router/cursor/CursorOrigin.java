package io.jmongos.router.cursor;

import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.LogicalSessionId;

/**
 * Who created a cursor: the connection and client, and the session and transaction of the command.
 *
 * @param lsid      null when the command carried no session
 * @param txnNumber null outside a multi-document transaction
 */
public record CursorOrigin(ClientInfo client, LogicalSessionId lsid, Long txnNumber) {
    public long connectionId() {
        return client.connectionId();
    }

    public boolean loadBalanced() {
        return client.loadBalanced();
    }
}
