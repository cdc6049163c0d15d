package io.jmongos.it.spec;

import com.mongodb.TransactionOptions;
import com.mongodb.client.ClientSession;

/** Dispatch of operations on a session entity (transactions and endSession). */
final class SessionOperations {
    private SessionOperations() {
    }

    static Object run(SessionEntity entity, String name, Args a, OperationExecutor executor) {
        ClientSession session = entity.session();
        switch (name) {
            case "startTransaction" -> {
                TransactionOptions o = DriverOptions.transactionOptions(a);
                a.done();
                session.startTransaction(o);
            }
            case "commitTransaction" -> {
                a.done();
                session.commitTransaction();
            }
            case "abortTransaction" -> {
                a.done();
                session.abortTransaction();
            }
            case "endSession" -> {
                a.done();
                session.close();
            }
            case "withTransaction" -> {
                var callback = a.documents("callback");
                TransactionOptions o = DriverOptions.transactionOptions(a);
                a.done();
                session.withTransaction(() -> {
                    for (var op : callback) {
                        executor.execute(op);
                    }
                    return null;
                }, o);
            }
            case "getSnapshotTime" -> {
                a.done();
                org.bson.BsonTimestamp t = session.getSnapshotTimestamp();
                return t;
            }
            default -> throw new UnsupportedFeatureException("session operation " + name);
        }
        return null;
    }
}
