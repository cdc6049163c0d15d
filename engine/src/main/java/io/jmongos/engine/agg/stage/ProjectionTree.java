package io.jmongos.engine.agg.stage;

import java.util.LinkedHashMap;
import java.util.Map;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.FieldPath;
import io.jmongos.engine.agg.expr.Values;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The parsed form of a {@code $project}, {@code $addFields}/{@code $set} or {@code $unset} specification: a
 * tree of field names whose leaves include, exclude or compute a field.
 */
final class ProjectionTree {
    enum Kind { INCLUDE, EXCLUDE, COMPUTED, SUB }

    /** One field of the tree. */
    record Node(Kind kind, Expression expr, ProjectionTree sub) {
    }

    final Map<String, Node> fields = new LinkedHashMap<>();
    private final String stage;

    ProjectionTree(String stage) {
        this.stage = stage;
    }

    /** Parses a $project spec: numbers/booleans include or exclude, anything else is an expression. */
    static ProjectionTree parseProject(BsonDocument spec) {
        if (spec.isEmpty()) {
            throw AggErrors.fail(51272, "Invalid $project :: caused by :: projection specification must have at "
                    + "least one field");
        }
        ProjectionTree tree = new ProjectionTree("$project");
        tree.parseInto(spec, "", true);
        return tree;
    }

    /** Parses an $addFields/$set spec: every leaf is an expression; nested documents set nested fields. */
    static ProjectionTree parseAddFields(String stage, BsonDocument spec) {
        ProjectionTree tree = new ProjectionTree(stage);
        tree.parseInto(spec, "", false);
        return tree;
    }

    private void parseInto(BsonDocument spec, String prefix, boolean project) {
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            String name = e.getKey();
            String full = prefix.isEmpty() ? name : prefix + "." + name;
            validateName(name);
            BsonValue v = e.getValue();
            if (v.isDocument() && !v.asDocument().isEmpty() && v.asDocument().getFirstKey().startsWith("$")) {
                add(full, new Node(Kind.COMPUTED, ExpressionCompiler.compile(v), null));
            } else if (v.isDocument() && (project || !v.asDocument().isEmpty())) {
                if (v.asDocument().isEmpty()) {
                    throw fail(51270, "An empty sub-projection is not a valid value. Found empty object at path");
                }
                parseInto(v.asDocument(), full, project);
            } else if (project && (v.isBoolean() || Values.isNumber(v))) {
                add(full, new Node(Values.isTruthy(v) ? Kind.INCLUDE : Kind.EXCLUDE, null, null));
            } else {
                add(full, new Node(Kind.COMPUTED, ExpressionCompiler.compile(v), null));
            }
        }
    }

    private void validateName(String name) {
        if (name.startsWith("$")) {
            throw fail(16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
        }
        if (name.isEmpty()) {
            throw fail(40352, "FieldPath cannot be constructed with empty string");
        }
    }

    private RuntimeException fail(int code, String message) {
        return AggErrors.fail(code, "Invalid " + stage + " :: caused by :: " + message);
    }

    /** Adds a leaf at a dotted path, creating sub-trees; a path that collides with another fails (31249/31250). */
    void add(String dotted, Node leaf) {
        FieldPath path = FieldPath.parse(dotted);
        ProjectionTree t = this;
        for (int i = 0; i < path.length() - 1; i++) {
            Node n = t.fields.get(path.part(i));
            if (n == null) {
                n = new Node(Kind.SUB, null, new ProjectionTree(stage));
                t.fields.put(path.part(i), n);
            } else if (n.kind != Kind.SUB) {
                throw fail(31250, "Path collision at " + dotted);
            }
            t = n.sub;
        }
        String last = path.part(path.length() - 1);
        if (t.fields.containsKey(last)) {
            throw fail(31250, "Path collision at " + dotted);
        }
        t.fields.put(last, leaf);
    }

    /** True when some leaf (at any depth, _id aside at the top) has this kind. */
    boolean has(Kind kind, boolean top) {
        for (Map.Entry<String, Node> e : fields.entrySet()) {
            Node n = e.getValue();
            if (top && e.getKey().equals("_id") && n.kind != Kind.SUB) {
                continue;
            }
            if (n.kind == kind || (n.kind == Kind.SUB && n.sub.has(kind, false))) {
                return true;
            }
        }
        return false;
    }

    /** The first field (dotted) holding a leaf of {@code kind}, for error messages. */
    String firstPath(Kind kind, String prefix, boolean top) {
        for (Map.Entry<String, Node> e : fields.entrySet()) {
            String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            Node n = e.getValue();
            if (top && e.getKey().equals("_id") && n.kind != Kind.SUB) {
                continue;
            }
            if (n.kind == kind) {
                return p;
            }
            if (n.kind == Kind.SUB) {
                String s = n.sub.firstPath(kind, p, false);
                if (s != null) {
                    return s;
                }
            }
        }
        return null;
    }

    RuntimeException modeError(int code, String message) {
        return fail(code, message);
    }
}
