package io.jmongos.router.testing;

import java.util.function.Predicate;

import org.bson.BsonDocument;

/**
 * One named fail point: its mode, its data and how many times it fired. Thread-safe; an evaluation that
 * does not match (wrong command, wrong client) neither fires nor uses up the mode's count.
 */
public final class FailPoint {
    private final String name;
    private FailPointMode mode = FailPointMode.OFF;
    private BsonDocument data = new BsonDocument();
    private long timesEntered;

    FailPoint(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Set mode and data; returns how many times the fail point fired before (configureFailPoint's count). */
    synchronized long configure(FailPointMode newMode, BsonDocument newData) {
        long before = timesEntered;
        this.mode = newMode;
        this.data = newData == null ? new BsonDocument() : newData;
        if (newMode.kind() == FailPointMode.Kind.TIMES && newMode.count() == 0) {
            this.mode = FailPointMode.OFF;
        }
        return before;
    }

    /** Whether the fail point is on at all (a cheap check before evaluating). */
    synchronized boolean active() {
        return mode.kind() != FailPointMode.Kind.OFF;
    }

    /**
     * Evaluate: when active and {@code applies} accepts the data, consume one activation and return the
     * data; otherwise null.
     */
    synchronized BsonDocument evaluate(Predicate<BsonDocument> applies) {
        if (mode.kind() == FailPointMode.Kind.OFF || !applies.test(data)) {
            return null;
        }
        switch (mode.kind()) {
            case TIMES -> {
                long left = mode.count() - 1;
                mode = left <= 0 ? FailPointMode.OFF : new FailPointMode(FailPointMode.Kind.TIMES, left);
            }
            case SKIP -> {
                if (mode.count() > 0) {
                    mode = new FailPointMode(FailPointMode.Kind.SKIP, mode.count() - 1);
                    return null;
                }
            }
            default -> {
                // ALWAYS_ON
            }
        }
        timesEntered++;
        return data;
    }
}
