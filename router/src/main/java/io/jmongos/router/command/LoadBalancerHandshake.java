package io.jmongos.router.command;

import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.conn.ClientConnectionState;

/**
 * The load-balancer handshake rule (DESIGN section 4, mongos' behaviour): on a connection that came
 * through the LB port, nothing but a hello carrying {@code loadBalanced: true} may run until such a hello
 * succeeded; anything else gets 354 LoadBalancerSupportMismatch and the connection is closed after the
 * reply.
 */
public final class LoadBalancerHandshake {
    /** mongos' message for a driver that reached the LB port without load balancing enabled. */
    public static final String MISMATCH_MESSAGE = "The server is being accessed through a load balancer, "
            + "but this driver does not have load balancing enabled";

    /** The handshake commands (MongoDB accepts all three spellings). */
    public static final Set<String> HELLO_NAMES = Set.of("hello", "isMaster", "ismaster");

    private LoadBalancerHandshake() {
    }

    public static CommandFailedException mismatch() {
        return new CommandFailedException(ErrorCode.LOAD_BALANCER_SUPPORT_MISMATCH, MISMATCH_MESSAGE);
    }

    /** Refuse a command that is not a hello on an LB connection whose handshake is not done. */
    public static void check(ClientConnectionState conn, String commandName) {
        if (conn.loadBalancerPort() && !conn.handshakeDone() && !HELLO_NAMES.contains(commandName)) {
            throw mismatch();
        }
    }

    /** Whether the connection must be closed after this reply: an LB connection still without handshake. */
    public static boolean mustClose(ClientConnectionState conn) {
        return conn.loadBalancerPort() && !conn.handshakeDone();
    }
}
