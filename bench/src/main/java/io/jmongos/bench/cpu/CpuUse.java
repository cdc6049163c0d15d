package io.jmongos.bench.cpu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * CPU used during measured windows: clock ticks of each target process and of the load generator, and the
 * operations done. A tick count of -1 means /proc could not tell; every figure that rests on it is then unknown.
 */
public record CpuUse(Map<String, Long> serverTicks, long generatorTicks, long ops, long ticksPerSecond) {
    /** What a table shows for an unknown figure. */
    public static final String UNKNOWN = "n/a";

    public CpuUse {
        serverTicks = Collections.unmodifiableMap(new LinkedHashMap<>(serverTicks));
    }

    /** Microseconds of CPU per operation for {@code ticks} clock ticks over {@code ops}; NaN when unknown. */
    public static double microsPerOp(long ticks, long ticksPerSecond, long ops) {
        if (ticks < 0 || ticksPerSecond <= 0 || ops <= 0) {
            return Double.NaN;
        }
        return ticks * 1e6 / ticksPerSecond / ops;
    }

    /** Microseconds of target CPU per operation, all its processes together; NaN when unknown. */
    public double serverMicrosPerOp() {
        return microsPerOp(serverTicksSum(), ticksPerSecond, ops);
    }

    /** The target's processes together; -1 when any of them is unknown. */
    public long serverTicksSum() {
        long sum = 0;
        for (long t : serverTicks.values()) {
            if (t < 0) {
                return -1;
            }
            sum += t;
        }
        return serverTicks.isEmpty() ? -1 : sum;
    }

    /** Microseconds of load generator CPU per operation; NaN when unknown. */
    public double generatorMicrosPerOp() {
        return microsPerOp(generatorTicks, ticksPerSecond, ops);
    }

    /** Two windows of the same load together (ticks and operations added). */
    public CpuUse plus(CpuUse o) {
        Map<String, Long> s = new LinkedHashMap<>(serverTicks);
        o.serverTicks.forEach((k, v) -> s.merge(k, v, CpuUse::add));
        return new CpuUse(s, add(generatorTicks, o.generatorTicks), ops + o.ops, ticksPerSecond);
    }

    private static long add(long a, long b) {
        return a < 0 || b < 0 ? -1 : a + b;
    }

    /** "12.3 / 4.5": µs of target CPU / µs of load generator CPU per operation. */
    public String cell() {
        return format(serverMicrosPerOp()) + " / " + format(generatorMicrosPerOp());
    }

    public static String format(double micros) {
        return Double.isNaN(micros) ? UNKNOWN : String.format(Locale.ROOT, "%,.1f", micros);
    }

    public BsonDocument toBson() {
        BsonDocument per = new BsonDocument();
        serverTicks.forEach((name, t) -> per.append(name, new BsonDocument("ticks", new BsonInt64(t))
                .append("microsPerOp", micros(microsPerOp(t, ticksPerSecond, ops)))));
        return new BsonDocument("ticksPerSecond", new BsonInt64(ticksPerSecond))
                .append("ops", new BsonInt64(ops))
                .append("serverMicrosPerOp", micros(serverMicrosPerOp()))
                .append("generatorMicrosPerOp", micros(generatorMicrosPerOp()))
                .append("generatorTicks", new BsonInt64(generatorTicks))
                .append("processes", per);
    }

    private static BsonValue micros(double v) {
        return Double.isNaN(v) ? BsonNull.VALUE : new BsonDouble(Math.round(v * 10) / 10.0);
    }
}
