package io.jmongos.engine.query;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Matches everything ({@code {}}, {@code $alwaysTrue}) or nothing ({@code $alwaysFalse}, {@code $all: []}). */
final class ConstantNode implements MatchNode {
    static final ConstantNode TRUE = new ConstantNode(true);
    static final ConstantNode FALSE = new ConstantNode(false);

    private final boolean result;

    private ConstantNode(boolean result) {
        this.result = result;
    }

    @Override
    public boolean matches(BsonDocument document, MatchDetails details) {
        return result;
    }

    @Override
    public boolean matchesValue(BsonValue value, MatchDetails details) {
        return result;
    }
}
