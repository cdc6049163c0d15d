package io.jmongos.it.spec;

import java.lang.reflect.Field;

import org.bson.BsonDocument;

import com.mongodb.ClientSessionOptions;
import com.mongodb.client.ClientSession;

/**
 * A {@code session} entity: the driver's ClientSession, its lsid captured at creation (so
 * {@code $$sessionLsid} works after {@code endSession}), and the client it belongs to.
 */
final class SessionEntity implements AutoCloseable {
    private final ClientSession session;
    private final BsonDocument lsid;
    private final ClientEntity client;

    SessionEntity(ClientEntity client, ClientSessionOptions options) {
        this.client = client;
        this.session = client.client().startSession(options);
        this.lsid = session.getServerSession().getIdentifier().clone();
    }

    ClientSession session() {
        return session;
    }

    BsonDocument lsid() {
        return lsid;
    }

    ClientEntity client() {
        return client;
    }

    /**
     * The transaction state as the transactions spec names it: none, starting, in_progress, committed,
     * aborted. The sync driver keeps it private, so it is read reflectively; "in_progress" means a command
     * of the transaction reached the wire (a command started event), not just that the driver tried.
     */
    String transactionState() {
        try {
            Object state = field(session, "transactionState");
            long txnNumber = session.getServerSession().getTransactionNumber();
            boolean sent = client.events().lastTransactionSent(lsid) == txnNumber;
            return switch (String.valueOf(state)) {
                case "NONE" -> "none";
                case "IN" -> sent ? "in_progress" : "starting";
                case "COMMITTED" -> "committed";
                case "ABORTED" -> "aborted";
                default -> String.valueOf(state).toLowerCase(java.util.Locale.ROOT);
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnsupportedFeatureException("reading the driver's transaction state: " + e);
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Class<?> c = target.getClass();
        while (c != null) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                c = c.getSuperclass();
            }
        }
        throw new NoSuchFieldException(name);
    }

    @Override
    public void close() {
        session.close();
    }
}
