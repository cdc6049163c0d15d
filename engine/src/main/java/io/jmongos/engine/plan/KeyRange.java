package io.jmongos.engine.plan;

/** A scan range of absolute storage keys: {@code [lower, upper)}, upper null = unbounded. */
public record KeyRange(byte[] lower, byte[] upper) {
}
