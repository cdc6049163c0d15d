package io.jmongos.engine.query;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $and}, {@code $or}, {@code $nor} and {@code $not} over child nodes. */
final class LogicalNode implements MatchNode {
    enum Kind { AND, OR, NOR, NOT }

    private final Kind kind;
    private final List<MatchNode> children;

    private LogicalNode(Kind kind, List<MatchNode> children) {
        this.kind = kind;
        this.children = List.copyOf(children);
    }

    static MatchNode and(List<MatchNode> children) {
        return children.size() == 1 ? children.get(0) : new LogicalNode(Kind.AND, children);
    }

    static MatchNode or(List<MatchNode> children) {
        return new LogicalNode(Kind.OR, children);
    }

    static MatchNode nor(List<MatchNode> children) {
        return new LogicalNode(Kind.NOR, children);
    }

    static MatchNode not(MatchNode child) {
        return new LogicalNode(Kind.NOT, List.of(child));
    }

    @Override
    public boolean matches(BsonDocument document, MatchDetails details) {
        switch (kind) {
            case AND:
                for (MatchNode c : children) {
                    if (!c.matches(document, details)) {
                        return false;
                    }
                }
                return true;
            case OR:
                for (MatchNode c : children) {
                    if (c.matches(document, null)) {
                        return true;
                    }
                }
                return false;
            case NOR:
                for (MatchNode c : children) {
                    if (c.matches(document, null)) {
                        return false;
                    }
                }
                return true;
            default:
                return !children.get(0).matches(document, null);
        }
    }

    @Override
    public boolean matchesValue(BsonValue value, MatchDetails details) {
        switch (kind) {
            case AND:
                for (MatchNode c : children) {
                    if (!c.matchesValue(value, details)) {
                        return false;
                    }
                }
                return true;
            case OR:
                for (MatchNode c : children) {
                    if (c.matchesValue(value, null)) {
                        return true;
                    }
                }
                return false;
            case NOR:
                for (MatchNode c : children) {
                    if (c.matchesValue(value, null)) {
                        return false;
                    }
                }
                return true;
            default:
                return !children.get(0).matchesValue(value, null);
        }
    }
}
