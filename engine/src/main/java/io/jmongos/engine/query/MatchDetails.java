package io.jmongos.engine.query;

/**
 * Filled by a match: the array index that satisfied the filter, for positional {@code $} projection and
 * update. Use a fresh instance per document. As in MongoDB, when several conditions of an implicit
 * {@code $and} traverse arrays, the last one that records a position wins; {@code $or}, {@code $nor} and
 * {@code $not} never record one.
 */
public final class MatchDetails {
    private String elemMatchKey;

    /** The recorded array index (as a field name, "0", "1", ...), or null when none was recorded. */
    public String elemMatchKey() {
        return elemMatchKey;
    }

    /** Records the array index that satisfied a condition (replaces an earlier one). */
    public void setElemMatchKey(String key) {
        this.elemMatchKey = key;
    }

    /** Forgets the recorded position, for reuse with another document. */
    public void reset() {
        this.elemMatchKey = null;
    }
}
