package io.jmongos.engine.update;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.engine.query.FieldPath;

/**
 * The tree of an operator update (MongoDB's UpdateNode): internal nodes per path component, leaves holding
 * the modifier. Children apply in MongoDB 5.0+ order: numeric field names numerically, others by bytes.
 * Positional children ({@code $}, {@code $[]}, {@code $[id]}) are kept apart.
 */
final class UpdateNode {
    /** Field order in which updates apply (and new fields are appended). */
    static final Comparator<String> FIELD_ORDER = (a, b) -> {
        boolean na = FieldPath.isArrayIndex(a);
        boolean nb = FieldPath.isArrayIndex(b);
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return BsonValueComparator.compareUtf8(a, b);
    };

    final Modifier modifier;
    final Map<String, UpdateNode> children = new TreeMap<>(FIELD_ORDER);
    UpdateNode positional;
    UpdateNode allPositional;
    final Map<String, UpdateNode> filtered = new TreeMap<>();

    UpdateNode(Modifier modifier) {
        this.modifier = modifier;
    }

    boolean isLeaf() {
        return modifier != null;
    }

    boolean hasArrayChildren() {
        return positional != null || allPositional != null || !filtered.isEmpty();
    }

    /** True when applying this subtree to a missing field would create something. */
    boolean createsMissing(UpdateContext ctx) {
        if (isLeaf()) {
            return modifier.createsMissing(ctx);
        }
        for (UpdateNode c : children.values()) {
            if (c.createsMissing(ctx)) {
                return true;
            }
        }
        return hasArrayChildren();
    }

    /** The first child name whose subtree creates fields (for PathNotViable messages). */
    String firstCreatingChild(UpdateContext ctx) {
        for (Map.Entry<String, UpdateNode> e : children.entrySet()) {
            if (e.getValue().createsMissing(ctx)) {
                return e.getKey();
            }
        }
        return positional != null ? "$" : children.isEmpty() ? "" : children.keySet().iterator().next();
    }

    /**
     * Adds a leaf at {@code parts} (already validated).
     *
     * @throws io.jmongos.common.CommandFailedException 40 ConflictingUpdateOperators
     */
    void insert(List<String> parts, String dotted, Modifier leafModifier) {
        UpdateNode node = this;
        for (int i = 0; i < parts.size(); i++) {
            String key = parts.get(i);
            UpdateNode child = node.child(key);
            String prefix = String.join(".", parts.subList(0, i + 1));
            if (i == parts.size() - 1) {
                if (child != null) {
                    throw UpdateErrors.conflict(dotted, prefix);
                }
                node.put(key, new UpdateNode(leafModifier));
                return;
            }
            if (child == null) {
                child = new UpdateNode(null);
                node.put(key, child);
            } else if (child.isLeaf()) {
                throw UpdateErrors.conflict(dotted, prefix);
            }
            node = child;
        }
    }

    private UpdateNode child(String key) {
        if (key.equals("$")) {
            return positional;
        }
        if (key.equals("$[]")) {
            return allPositional;
        }
        String id = filterIdentifier(key);
        return id != null ? filtered.get(id) : children.get(key);
    }

    private void put(String key, UpdateNode n) {
        if (key.equals("$")) {
            positional = n;
        } else if (key.equals("$[]")) {
            allPositional = n;
        } else if (filterIdentifier(key) != null) {
            filtered.put(filterIdentifier(key), n);
        } else {
            children.put(key, n);
        }
    }

    /** "x" for a component "$[x]", else null. */
    static String filterIdentifier(String part) {
        if (part.length() > 3 && part.startsWith("$[") && part.endsWith("]")) {
            return part.substring(2, part.length() - 1);
        }
        return null;
    }
}
