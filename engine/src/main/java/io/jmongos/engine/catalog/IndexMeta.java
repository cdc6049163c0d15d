package io.jmongos.engine.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jmongos.engine.query.FieldPath;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;
import io.jmongos.engine.storage.Keys;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A secondary index: key pattern, options, storage prefix and the multikey flag (set once a document put
 * an array in an indexed path; it makes the planner stop using the index for sorts and deduplicate scans).
 */
public final class IndexMeta {
    private final String name;
    private final BsonDocument keyPattern;
    private final long id;
    private final boolean unique;
    private final boolean sparse;
    private final BsonDocument partialFilter;
    private final Long expireAfterSeconds;
    private final AtomicBoolean multikey;
    private final List<FieldPath> paths;
    private final int[] directions;
    /** Position of the hashed field in the key, or -1. */
    private final int hashedField;
    private final QueryMatcher partialMatcher;
    private final byte[] prefix;
    private volatile long readySequence;

    public IndexMeta(String name, BsonDocument keyPattern, long id, boolean unique, boolean sparse,
                     BsonDocument partialFilter, Long expireAfterSeconds, boolean multikey) {
        this(name, keyPattern, id, unique, sparse, partialFilter, expireAfterSeconds, new AtomicBoolean(multikey));
    }

    private IndexMeta(String name, BsonDocument keyPattern, long id, boolean unique, boolean sparse,
                      BsonDocument partialFilter, Long expireAfterSeconds, AtomicBoolean multikey) {
        this.name = name;
        this.keyPattern = keyPattern;
        this.id = id;
        this.unique = unique;
        this.sparse = sparse;
        this.partialFilter = partialFilter;
        this.expireAfterSeconds = expireAfterSeconds;
        this.multikey = multikey;
        List<FieldPath> p = new ArrayList<>();
        this.directions = new int[keyPattern.size()];
        int hashedPos = -1;
        int i = 0;
        for (Map.Entry<String, BsonValue> e : keyPattern.entrySet()) {
            p.add(FieldPath.of(e.getKey()));
            if (isHashed(e.getValue())) {
                hashedPos = i;
            }
            directions[i++] = e.getValue().isNumber() && e.getValue().asNumber().doubleValue() < 0 ? -1 : 1;
        }
        this.paths = Collections.unmodifiableList(p);
        this.hashedField = hashedPos;
        this.partialMatcher = partialFilter == null ? null : QueryCompiler.compile(partialFilter);
        this.prefix = Keys.prefix(id);
    }

    public String name() {
        return name;
    }

    public BsonDocument keyPattern() {
        return keyPattern;
    }

    public long id() {
        return id;
    }

    /** The 8-byte prefix of this index's entries in the index column family. */
    public byte[] prefix() {
        return prefix;
    }

    public boolean unique() {
        return unique;
    }

    public boolean sparse() {
        return sparse;
    }

    public BsonDocument partialFilter() {
        return partialFilter;
    }

    public QueryMatcher partialMatcher() {
        return partialMatcher;
    }

    public Long expireAfterSeconds() {
        return expireAfterSeconds;
    }

    public boolean multikey() {
        return multikey.get();
    }

    /** Sets the multikey flag; true if it was not set before. */
    public boolean markMultikey() {
        return multikey.compareAndSet(false, true);
    }

    /**
     * The store sequence number once the index was fully built; a snapshot older than that cannot read
     * it (its entries for older documents were written after the snapshot). 0 for indexes loaded at start.
     */
    public long readySequence() {
        return readySequence;
    }

    public void setReadySequence(long sequence) {
        this.readySequence = sequence;
    }

    /** True if a snapshot at {@code sequence} sees all of this index's entries. */
    public boolean visibleAt(long sequence) {
        return readySequence <= sequence;
    }

    public List<FieldPath> paths() {
        return paths;
    }

    /** Whether a key pattern value is {@code "hashed"}. */
    public static boolean isHashed(BsonValue v) {
        return v.isString() && v.asString().getValue().equals("hashed");
    }

    /** The position of the hashed field in the key pattern, or -1 when the index has none. */
    public int hashedField() {
        return hashedField;
    }

    /** 1 or -1 per key field (1 for a hashed field). */
    public int direction(int i) {
        return directions[i];
    }

    /** The listIndexes entry: {v: 2, key, name, options...}. */
    public BsonDocument spec() {
        BsonDocument d = new BsonDocument("v", new org.bson.BsonInt32(2)).append("key", keyPattern)
                .append("name", new org.bson.BsonString(name));
        if (unique) {
            d.append("unique", org.bson.BsonBoolean.TRUE);
        }
        if (sparse) {
            d.append("sparse", org.bson.BsonBoolean.TRUE);
        }
        if (partialFilter != null) {
            d.append("partialFilterExpression", partialFilter);
        }
        if (expireAfterSeconds != null) {
            d.append("expireAfterSeconds", new org.bson.BsonInt64(expireAfterSeconds));
        }
        return d;
    }
}
