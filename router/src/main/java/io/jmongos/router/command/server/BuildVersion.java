package io.jmongos.router.command.server;

import java.util.List;

/**
 * The version jmongos reports. jmongos speaks the MongoDB 7.0 protocol (maxWireVersion 21), so
 * {@code buildInfo.version} says "7.0.0" for drivers and tools that gate features on it; the
 * {@code jmongos} field of buildInfo carries jmongos' own version, so nobody mistakes it for MongoDB.
 */
public final class BuildVersion {
    /** The MongoDB version whose protocol jmongos implements (kept in step with Limits.MAX_WIRE_VERSION). */
    public static final String MONGODB_COMPATIBLE_VERSION = "7.0.0";
    /** versionArray of {@link #MONGODB_COMPATIBLE_VERSION}: major, minor, patch, release kind. */
    public static final List<Integer> VERSION_ARRAY = List.of(7, 0, 0, 0);
    /** jmongos' own version. */
    public static final String JMONGOS_VERSION = "0.1.0-SNAPSHOT";

    private BuildVersion() {
    }
}
