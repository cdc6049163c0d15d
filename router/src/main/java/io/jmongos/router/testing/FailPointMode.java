package io.jmongos.router.testing;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * A fail point's activation mode, as {@code configureFailPoint} accepts it (MongoDB fail_point.cpp):
 * {@code "off"}, {@code "alwaysOn"}, {@code {times: n}} (the next n evaluations, then off) or
 * {@code {skip: n}} (pass n evaluations, then always on).
 *
 * @param kind  OFF, ALWAYS_ON, TIMES or SKIP
 * @param count n for TIMES and SKIP
 */
record FailPointMode(Kind kind, long count) {
    enum Kind { OFF, ALWAYS_ON, TIMES, SKIP }

    static final FailPointMode OFF = new FailPointMode(Kind.OFF, 0);

    static FailPointMode parse(BsonValue mode) {
        if (mode == null) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Missing mode");
        }
        if (mode.isString()) {
            return switch (mode.asString().getValue()) {
                case "off" -> OFF;
                case "alwaysOn" -> new FailPointMode(Kind.ALWAYS_ON, 0);
                default -> throw new CommandFailedException(ErrorCode.BAD_VALUE,
                        "unknown mode: " + mode.asString().getValue());
            };
        }
        if (!mode.isDocument()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "'mode' must be a string or JSON object");
        }
        BsonDocument d = mode.asDocument();
        if (d.containsKey("times")) {
            return new FailPointMode(Kind.TIMES, count(d.get("times"), "times"));
        }
        if (d.containsKey("skip")) {
            return new FailPointMode(Kind.SKIP, count(d.get("skip"), "skip"));
        }
        throw new CommandFailedException(ErrorCode.BAD_VALUE,
                "'mode' must be one of 'off', 'alwaysOn', 'times', and 'skip'");
    }

    private static long count(BsonValue v, String name) {
        if (!v.isNumber()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "'" + name + "' must be a number");
        }
        long n = v.asNumber().longValue();
        if (n < 0) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "'" + name + "' must be >= 0");
        }
        return n;
    }
}
