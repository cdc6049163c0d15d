package io.jmongos.router.status;

import java.util.concurrent.atomic.LongAdder;

import org.bson.BsonDocument;
import org.bson.BsonInt64;

/**
 * {@code serverStatus.opcounters}, counted as MongoDB counts them: {@code insert} per document,
 * {@code update}/{@code delete} per statement, {@code query} per find, {@code getmore} per getMore,
 * {@code command} for every other command.
 */
public final class OpCounters implements ServerStatusSection {
    private final LongAdder insert = new LongAdder();
    private final LongAdder query = new LongAdder();
    private final LongAdder update = new LongAdder();
    private final LongAdder delete = new LongAdder();
    private final LongAdder getmore = new LongAdder();
    private final LongAdder command = new LongAdder();

    /** Count one command by its name and body. */
    public void count(String commandName, BsonDocument body) {
        switch (commandName) {
            case "insert" -> insert.add(Math.max(1, arrayLength(body, "documents")));
            case "update" -> update.add(Math.max(1, arrayLength(body, "updates")));
            case "delete" -> delete.add(Math.max(1, arrayLength(body, "deletes")));
            case "find" -> query.increment();
            case "getMore" -> getmore.increment();
            default -> command.increment();
        }
    }

    private static int arrayLength(BsonDocument body, String field) {
        return body.isArray(field) ? body.getArray(field).size() : 0;
    }

    @Override
    public String name() {
        return "opcounters";
    }

    @Override
    public BsonDocument report() {
        return new BsonDocument("insert", new BsonInt64(insert.sum()))
                .append("query", new BsonInt64(query.sum()))
                .append("update", new BsonInt64(update.sum()))
                .append("delete", new BsonInt64(delete.sum()))
                .append("getmore", new BsonInt64(getmore.sum()))
                .append("command", new BsonInt64(command.sum()));
    }
}
