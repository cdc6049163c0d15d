package io.jmongos.router.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/** The fail points of one router, by name. Only the fail points jmongos implements can be configured. */
public final class FailPointRegistry {
    /** The failCommand fail point of MongoDB (commands.cpp): makes chosen commands fail. */
    public static final String FAIL_COMMAND = "failCommand";

    private static final Set<String> KNOWN = Set.of(FAIL_COMMAND);

    private final Map<String, FailPoint> points = new ConcurrentHashMap<>();

    /** The fail point of that name. */
    public FailPoint get(String name) {
        if (!KNOWN.contains(name)) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Cannot find failpoint: " + name);
        }
        return points.computeIfAbsent(name, FailPoint::new);
    }

    /** The fail point if it was ever configured, else null (for the hot path). */
    FailPoint peek(String name) {
        return points.get(name);
    }
}
