package io.jmongos.engine.update;

import java.util.Map;

import io.jmongos.engine.query.FieldPath;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Walks an {@link UpdateNode} tree over a working copy of the document and runs the modifiers. */
final class UpdateApplier {
    private UpdateApplier() {
    }

    /** Applies the children of {@code node} to {@code container} (a document or an array). */
    static void applyChildren(UpdateNode node, BsonValue container, String path, UpdateContext ctx) {
        for (Map.Entry<String, UpdateNode> e : node.children.entrySet()) {
            applyAt(e.getValue(), container, e.getKey(), path, ctx);
        }
        if (node.positional != null) {
            if (ctx.matchedKey == null) {
                throw UpdateErrors.badValue("The positional operator did not find the match needed from the query.");
            }
            applyAt(node.positional, container, ctx.matchedKey, path, ctx);
        }
        if (node.allPositional == null && node.filtered.isEmpty()) {
            return;
        }
        if (!container.isArray()) {
            throw UpdateErrors.badValue("Cannot apply array updates to non-array element "
                    + BsonRender.element(lastComponent(path), container));
        }
        BsonArray arr = container.asArray();
        for (int i = 0; i < arr.size(); i++) {
            String index = Integer.toString(i);
            if (node.allPositional != null) {
                applyAt(node.allPositional, arr, index, path, ctx);
            }
            for (Map.Entry<String, UpdateNode> e : node.filtered.entrySet()) {
                BsonDocument probe = new BsonDocument(e.getKey(), arr.get(i));
                if (ctx.arrayFilters.get(e.getKey()).matches(probe)) {
                    applyAt(e.getValue(), arr, index, path, ctx);
                }
            }
        }
    }

    private static void applyAt(UpdateNode child, BsonValue container, String name, String parentPath,
                                UpdateContext ctx) {
        String path = parentPath.isEmpty() ? name : parentPath + "." + name;
        Slot slot;
        if (container.isDocument()) {
            slot = Slot.inDocument(container.asDocument(), name, path);
        } else if (FieldPath.isArrayIndex(name)) {
            slot = Slot.inArray(container.asArray(), Integer.parseInt(name), path);
        } else {
            if (child.createsMissing(ctx)) {
                throw UpdateErrors.pathNotViable("Cannot create field '" + name + "' in element {"
                        + BsonRender.element(lastComponent(parentPath), container) + "}");
            }
            return;
        }
        if (child.isLeaf()) {
            child.modifier.apply(slot, ctx);
            return;
        }
        BsonValue cur = slot.get();
        if (cur != null && (cur.isDocument() || cur.isArray())) {
            applyChildren(child, cur, path, ctx);
            return;
        }
        if (cur == null) {
            if (child.hasArrayChildren()) {
                throw UpdateErrors.badValue("The path '" + path
                        + "' must exist in the document in order to apply array updates.");
            }
            if (child.createsMissing(ctx)) {
                BsonDocument fresh = new BsonDocument();
                applyChildren(child, fresh, path, ctx);
                if (!fresh.isEmpty()) {
                    slot.set(fresh);
                }
            }
            return;
        }
        if (child.hasArrayChildren()) {
            throw UpdateErrors.badValue("Cannot apply array updates to non-array element "
                    + BsonRender.element(name, cur));
        }
        if (child.createsMissing(ctx)) {
            throw UpdateErrors.pathNotViable("Cannot create field '" + child.firstCreatingChild(ctx)
                    + "' in element {" + BsonRender.element(name, cur) + "}");
        }
    }

    static String lastComponent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
