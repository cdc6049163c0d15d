package io.jmongos.it.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import com.mongodb.connection.ConnectionDescription;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import com.mongodb.event.ConnectionCheckOutFailedEvent;
import com.mongodb.event.ConnectionCheckOutStartedEvent;
import com.mongodb.event.ConnectionCheckedInEvent;
import com.mongodb.event.ConnectionCheckedOutEvent;
import com.mongodb.event.ConnectionClosedEvent;
import com.mongodb.event.ConnectionCreatedEvent;
import com.mongodb.event.ConnectionPoolClearedEvent;
import com.mongodb.event.ConnectionPoolClosedEvent;
import com.mongodb.event.ConnectionPoolCreatedEvent;
import com.mongodb.event.ConnectionPoolListener;
import com.mongodb.event.ConnectionPoolReadyEvent;
import com.mongodb.event.ConnectionReadyEvent;

/**
 * The events one client entity observed, in the order the driver published them, as documents the
 * {@link EventMatcher} compares with a test's {@code expectEvents}. Also counts connections checked
 * out (for {@code assertNumberConnectionsCheckedOut}) whatever the client observes.
 */
final class ClientEvents implements CommandListener, ConnectionPoolListener {
    /** Commands whose monitoring events are redacted (command monitoring spec "Security"). */
    private static final Set<String> SENSITIVE = Set.of("authenticate", "saslstart", "saslcontinue", "getnonce",
            "createuser", "updateuser", "copydbgetnonce", "copydbsaslstart", "copydb");
    private static final Set<String> HELLO = Set.of("hello", "ismaster");

    /** One observed event: its UTF name ("commandStartedEvent") and the fields a test may match. */
    record Event(String name, BsonDocument fields, BsonDocument command) {
        boolean isCommand() {
            return name.startsWith("command");
        }
    }

    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private final Set<String> observe;
    private final Set<String> ignoredCommands;
    private final boolean observeSensitive;
    private final List<Event> events = new ArrayList<>();
    private final AtomicInteger checkedOut = new AtomicInteger();
    private final java.util.Map<BsonDocument, Long> transactionsSent = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Integer, Boolean> sensitiveRequests = new java.util.concurrent.ConcurrentHashMap<>();

    ClientEvents(Set<String> observe, Set<String> ignoredCommands, boolean observeSensitive) {
        this.observe = observe;
        this.ignoredCommands = ignoredCommands;
        this.observeSensitive = observeSensitive;
    }

    synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    synchronized void clear() {
        events.clear();
    }

    int connectionsCheckedOut() {
        return checkedOut.get();
    }

    private synchronized void add(String name, BsonDocument fields, BsonDocument command) {
        if (observe.contains(name)) {
            events.add(new Event(name, fields, command));
            notifyAll();
        }
    }

    /** Wait until {@code count} events named {@code name} were seen, or the deadline passes. */
    synchronized boolean awaitCount(String name, int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (events.stream().filter(e -> e.name().equals(name)).count() < count) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    // ---- command monitoring

    /**
     * A materialized copy: the driver's event documents may be views of a network buffer that is reused
     * once the listener returns.
     */
    private static BsonDocument copy(BsonDocument d) {
        if (d == null) {
            return null;
        }
        return new RawBsonDocument(d, CODEC).decode(CODEC);
    }

    private boolean skipped(String commandName, BsonDocument command, int requestId) {
        String lower = commandName.toLowerCase(Locale.ROOT);
        if (ignoredCommands.contains(commandName)) {
            return true;
        }
        boolean sensitive = SENSITIVE.contains(lower)
                || HELLO.contains(lower) && command != null && (command.isEmpty()
                || command.containsKey("speculativeAuthenticate"));
        if (command == null) {
            sensitive = sensitive || sensitiveRequests.getOrDefault(requestId, false);
        } else {
            sensitiveRequests.put(requestId, sensitive);
        }
        return sensitive && !observeSensitive;
    }

    private static BsonDocument common(String commandName, String databaseName, ConnectionDescription d) {
        BsonDocument f = new BsonDocument("commandName", new BsonString(commandName));
        if (databaseName != null) {
            f.put("databaseName", new BsonString(databaseName));
        }
        f.put("hasServiceId", BsonBoolean.valueOf(d != null && d.getServiceId() != null));
        f.put("hasServerConnectionId", BsonBoolean.valueOf(d != null && d.getConnectionId() != null
                && d.getConnectionId().getServerValue() != null));
        return f;
    }

    /** The txnNumber of the last transaction command sent in a session (lsid), whatever is observed. */
    long lastTransactionSent(BsonDocument lsid) {
        return transactionsSent.getOrDefault(lsid, -1L);
    }

    @Override
    public void commandStarted(CommandStartedEvent e) {
        BsonDocument cmd = e.getCommand();
        if (cmd.isDocument("lsid") && cmd.isNumber("txnNumber") && cmd.containsKey("autocommit")) {
            transactionsSent.put(copy(cmd.getDocument("lsid")), cmd.getNumber("txnNumber").longValue());
        }
        if (skipped(e.getCommandName(), e.getCommand(), e.getRequestId())) {
            return;
        }
        BsonDocument f = common(e.getCommandName(), e.getDatabaseName(), e.getConnectionDescription());
        BsonDocument command = copy(e.getCommand());
        f.put("command", command);
        add("commandStartedEvent", f, command);
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent e) {
        if (skipped(e.getCommandName(), null, e.getRequestId())) {
            return;
        }
        BsonDocument f = common(e.getCommandName(), e.getDatabaseName(), e.getConnectionDescription());
        f.put("reply", copy(e.getResponse()));
        add("commandSucceededEvent", f, null);
    }

    @Override
    public void commandFailed(CommandFailedEvent e) {
        if (skipped(e.getCommandName(), null, e.getRequestId())) {
            return;
        }
        add("commandFailedEvent", common(e.getCommandName(), e.getDatabaseName(), e.getConnectionDescription()),
                null);
    }

    // ---- connection monitoring and pooling

    @Override
    public void connectionPoolCreated(ConnectionPoolCreatedEvent e) {
        add("poolCreatedEvent", new BsonDocument(), null);
    }

    @Override
    public void connectionPoolReady(ConnectionPoolReadyEvent e) {
        add("poolReadyEvent", new BsonDocument(), null);
    }

    @Override
    public void connectionPoolCleared(ConnectionPoolClearedEvent e) {
        add("poolClearedEvent", new BsonDocument("hasServiceId", BsonBoolean.valueOf(e.getServiceId() != null)),
                null);
    }

    @Override
    public void connectionPoolClosed(ConnectionPoolClosedEvent e) {
        add("poolClosedEvent", new BsonDocument(), null);
    }

    @Override
    public void connectionCreated(ConnectionCreatedEvent e) {
        add("connectionCreatedEvent", new BsonDocument(), null);
    }

    @Override
    public void connectionReady(ConnectionReadyEvent e) {
        add("connectionReadyEvent", new BsonDocument(), null);
    }

    @Override
    public void connectionClosed(ConnectionClosedEvent e) {
        String reason = switch (e.getReason()) {
            case STALE -> "stale";
            case IDLE -> "idle";
            case ERROR -> "error";
            case POOL_CLOSED -> "poolClosed";
        };
        add("connectionClosedEvent", new BsonDocument("reason", new BsonString(reason)), null);
    }

    @Override
    public void connectionCheckOutStarted(ConnectionCheckOutStartedEvent e) {
        add("connectionCheckOutStartedEvent", new BsonDocument(), null);
    }

    @Override
    public void connectionCheckOutFailed(ConnectionCheckOutFailedEvent e) {
        String reason = switch (e.getReason()) {
            case POOL_CLOSED -> "poolClosed";
            case TIMEOUT -> "timeout";
            case CONNECTION_ERROR -> "connectionError";
            case UNKNOWN -> "unknown";
        };
        add("connectionCheckOutFailedEvent", new BsonDocument("reason", new BsonString(reason)), null);
    }

    @Override
    public void connectionCheckedOut(ConnectionCheckedOutEvent e) {
        checkedOut.incrementAndGet();
        add("connectionCheckedOutEvent", new BsonDocument(), null);
    }

    @Override
    public void connectionCheckedIn(ConnectionCheckedInEvent e) {
        checkedOut.decrementAndGet();
        add("connectionCheckedInEvent", new BsonDocument(), null);
    }
}
