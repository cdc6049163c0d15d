package io.jmongos.router.sharding;

import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * A placement version, MongoDB's {@code ChunkVersion} (src/mongo/s/chunk_version.h): the collection's incarnation
 * (its {@code epoch} ObjectId and creation {@code timestamp}) and a {@code major.minor} counter. Majors grow when a
 * chunk moves between shards, minors on splits and merges. The version of a collection is that of its newest chunk;
 * a shard's version is that of its newest chunk of the collection. Chunks store it as {@code lastmod:
 * Timestamp(major, minor)}; routers send it as {@code shardVersion: {e, t, v: Timestamp(major, minor)}}.
 * {@link #UNSHARDED} ({@code e} zero ObjectId, {@code t} and {@code v} Timestamp(0, 0)) is what a router attaches
 * for a collection it knows to be unsharded, as mongos does.
 */
public record ChunkVersion(ObjectId epoch, BsonTimestamp timestamp, int major, int minor)
        implements Comparable<ChunkVersion> {
    /** MongoDB's ChunkVersion::UNSHARDED(). */
    public static final ChunkVersion UNSHARDED = new ChunkVersion(new ObjectId(new byte[12]), new BsonTimestamp(0, 0),
            0, 0);

    /** Whether the two belong to the same incarnation of the collection (same epoch and timestamp). */
    public boolean sameIncarnation(ChunkVersion o) {
        return epoch.equals(o.epoch) && timestamp.equals(o.timestamp);
    }

    public boolean isUnsharded() {
        return equals(UNSHARDED);
    }

    /** {@code Timestamp(major, minor)}, as config.chunks stores {@code lastmod}. */
    public BsonTimestamp lastmod() {
        return new BsonTimestamp(major, minor);
    }

    /** The wire form routers attach: {@code {e, t, v: Timestamp(major, minor)}}. */
    public BsonDocument toBson() {
        return new BsonDocument("e", new BsonObjectId(epoch)).append("t", timestamp).append("v", lastmod());
    }

    /** Parse {@code {e, t, v}}; 9 FailedToParse naming the field that is wrong. */
    public static ChunkVersion parse(String field, BsonValue value) {
        if (value == null || !value.isDocument()) {
            throw bad(field, "must be an object {e, t, v}");
        }
        BsonDocument d = value.asDocument();
        if (!d.isObjectId("e")) {
            throw bad(field + ".e", "must be an ObjectId");
        }
        if (!d.isTimestamp("t")) {
            throw bad(field + ".t", "must be a Timestamp");
        }
        if (!d.isTimestamp("v")) {
            throw bad(field + ".v", "must be a Timestamp");
        }
        BsonTimestamp v = d.getTimestamp("v");
        return new ChunkVersion(d.getObjectId("e").getValue(), d.getTimestamp("t"), v.getTime(), v.getInc());
    }

    private static CommandFailedException bad(String field, String why) {
        return new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "BSON field '" + field + "' " + why);
    }

    /** Order of the counters only (callers compare within one incarnation). */
    @Override
    public int compareTo(ChunkVersion o) {
        int c = Integer.compareUnsigned(major, o.major);
        return c != 0 ? c : Integer.compareUnsigned(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "|" + minor + "||" + epoch.toHexString() + "||" + timestamp.getTime() + "," + timestamp.getInc();
    }
}
