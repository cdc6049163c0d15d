package io.jmongos.engine.query;

/** Filled by a match: the array index that satisfied the filter, for positional {@code $}. */
public final class MatchDetails {
    private String elemMatchKey;

    public String elemMatchKey() {
        return elemMatchKey;
    }

    public void setElemMatchKey(String key) {
        if (this.elemMatchKey == null) {
            this.elemMatchKey = key;
        }
    }
}
