package io.jmongos.engine.query;

import java.util.LinkedHashMap;
import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.agg.expr.Expression;

/**
 * One node of a parsed projection: an internal node with children by field name, or a leaf (include,
 * exclude, computed expression, find {@code $slice}, {@code $elemMatch}, positional {@code $}).
 */
final class ProjectionNode {
    enum Kind { INTERNAL, INCLUDE, EXCLUDE, EXPRESSION, SLICE, ELEM_MATCH, POSITIONAL }

    final Kind kind;
    final Map<String, ProjectionNode> children = new LinkedHashMap<>();
    Expression expression;
    Integer sliceSkip;
    int sliceLimit;
    QueryMatcher elemMatch;

    ProjectionNode(Kind kind) {
        this.kind = kind;
    }

    /** True when this subtree computes values (then missing or scalar inputs still produce output). */
    boolean hasExpressions() {
        if (kind == Kind.EXPRESSION) {
            return true;
        }
        for (ProjectionNode c : children.values()) {
            if (c.hasExpressions()) {
                return true;
            }
        }
        return false;
    }

    /** True when this subtree holds the positional projection (it applies to the first array on its path). */
    boolean hasPositional() {
        if (kind == Kind.POSITIONAL) {
            return true;
        }
        for (ProjectionNode c : children.values()) {
            if (c.hasPositional()) {
                return true;
            }
        }
        return false;
    }

    /** Adds a leaf at a dotted path below this node, with MongoDB's path collision errors. */
    void addAt(FieldPath path, ProjectionNode leaf) {
        ProjectionNode node = this;
        for (int i = 0; i < path.length(); i++) {
            String part = path.part(i);
            ProjectionNode child = node.children.get(part);
            if (i == path.length() - 1) {
                if (child != null) {
                    throw new CommandFailedException(31250, "Location31250", "Path collision at " + path.dotted());
                }
                node.children.put(part, leaf);
                return;
            }
            if (child == null) {
                child = new ProjectionNode(Kind.INTERNAL);
                node.children.put(part, child);
            } else if (child.kind != Kind.INTERNAL) {
                String tail = path.dotted().substring(path.part(0).length() + 1);
                throw new CommandFailedException(31249, "Location31249",
                        "Path collision at " + path.dotted() + " remaining portion " + tail);
            }
            node = child;
        }
    }

    /** The internal child for a nested sub-projection ({@code {a: {b: 1}}}), created when absent. */
    ProjectionNode internalChild(String name, String fullPath) {
        ProjectionNode child = children.get(name);
        if (child == null) {
            child = new ProjectionNode(Kind.INTERNAL);
            children.put(name, child);
        } else if (child.kind != Kind.INTERNAL) {
            throw new CommandFailedException(31250, "Location31250", "Path collision at " + fullPath);
        }
        return child;
    }
}
