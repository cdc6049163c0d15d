package io.jmongos.router.param;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * The registry of server parameters with their current values. Services register their parameters
 * at construction; the command line and {@code setParameter} go through {@link #set}.
 */
public final class ServerParameters {
    private final Map<String, ServerParameter> definitions = new ConcurrentHashMap<>();
    private final Map<String, BsonValue> values = new ConcurrentHashMap<>();

    public void register(ServerParameter parameter) {
        if (definitions.putIfAbsent(parameter.name(), parameter) != null) {
            throw new IllegalStateException("server parameter registered twice: " + parameter.name());
        }
        values.put(parameter.name(), parameter.defaultValue());
    }

    public boolean isDefined(String name) {
        return definitions.containsKey(name);
    }

    public ServerParameter definition(String name) {
        return definitions.get(name);
    }

    public BsonValue get(String name) {
        BsonValue v = values.get(name);
        if (v == null) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "no such parameter: " + name);
        }
        return v;
    }

    public int getInt(String name) {
        return get(name).asNumber().intValue();
    }

    public long getLong(String name) {
        return get(name).asNumber().longValue();
    }

    /**
     * Set a parameter. {@code atStartup} is true for the command line and config file.
     *
     * @throws CommandFailedException BadValue/IllegalOperation with a message that names the problem
     */
    public void set(String name, BsonValue value, boolean atStartup) {
        ServerParameter p = definitions.get(name);
        if (p == null) {
            throw new CommandFailedException(ErrorCode.NO_SUCH_KEY, "Unknown server parameter: " + name);
        }
        if (atStartup && !p.settableAtStartup()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Parameter " + name + " cannot be set at startup");
        }
        if (!atStartup && !p.settableAtRuntime()) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION,
                    "Cannot set parameter " + name + " at runtime: it can only be set at startup");
        }
        BsonValue parsed;
        try {
            parsed = p.parser().apply(value);
        } catch (IllegalArgumentException | ClassCastException | org.bson.BsonInvalidOperationException e) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE,
                    "Invalid value for parameter " + name + ": " + e.getMessage());
        }
        values.put(name, parsed);
    }

    /** All current values, sorted by name. */
    public SortedMap<String, BsonValue> snapshot() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** A parser for an integer parameter within [min, max]; accepts numbers and decimal strings. */
    public static java.util.function.Function<BsonValue, BsonValue> intRange(long min, long max) {
        return v -> {
            long n = toLong(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + n);
            }
            return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? new BsonInt32((int) n) : new BsonInt64(n);
        };
    }

    /** A parser for a boolean parameter: true/false, 1/0. */
    public static java.util.function.Function<BsonValue, BsonValue> bool() {
        return v -> {
            if (v.isBoolean()) {
                return v;
            }
            String s = v.isString() ? v.asString().getValue().trim() : String.valueOf(toLong(v));
            switch (s) {
                case "true", "1" -> {
                    return org.bson.BsonBoolean.TRUE;
                }
                case "false", "0" -> {
                    return org.bson.BsonBoolean.FALSE;
                }
                default -> throw new IllegalArgumentException("expected true/false or 1/0, got " + s);
            }
        };
    }

    private static long toLong(BsonValue v) {
        if (v.isNumber()) {
            double d = v.asNumber().doubleValue();
            if (d != Math.rint(d)) {
                throw new IllegalArgumentException("expected an integer, got " + d);
            }
            return v.asNumber().longValue();
        }
        if (v instanceof BsonString s) {
            try {
                return Long.parseLong(s.getValue().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer, got '" + s.getValue() + "'");
            }
        }
        throw new IllegalArgumentException("expected a number, got " + v.getBsonType());
    }
}
