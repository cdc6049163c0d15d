package io.jmongos.engine.update;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.BsonTypeAliases;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Parses an operator update ({@code {$set: {...}, $inc: {...}}}) into an {@link UpdateNode} tree. */
final class OperatorUpdateParser {
    private final UpdateNode root = new UpdateNode(null);
    private final List<RenameModifier> renames = new ArrayList<>();
    private final Set<String> usedIdentifiers = new HashSet<>();
    private final Set<String> filterIdentifiers;

    OperatorUpdateParser(Set<String> filterIdentifiers) {
        this.filterIdentifiers = filterIdentifiers;
    }

    UpdateNode root() {
        return root;
    }

    List<RenameModifier> renames() {
        return renames;
    }

    Set<String> usedIdentifiers() {
        return usedIdentifiers;
    }

    void parse(BsonDocument update) {
        for (Map.Entry<String, BsonValue> e : update.entrySet()) {
            String op = e.getKey();
            BsonValue fields = e.getValue();
            if (!op.startsWith("$") || !isOperator(op)) {
                throw UpdateErrors.failedToParse("Unknown modifier: " + op
                        + ". Expected a valid update modifier or pipeline-style update specified as an array");
            }
            if (!fields.isDocument()) {
                throw UpdateErrors.failedToParse("Modifiers operate on fields but we found type "
                        + BsonTypeAliases.nameOf(fields.getBsonType()) + " instead. For example: {$mod: {<field>: "
                        + "...}} not {" + op + ": " + BsonRender.value(fields) + "}");
            }
            for (Map.Entry<String, BsonValue> f : fields.asDocument().entrySet()) {
                addField(op, f.getKey(), f.getValue());
            }
        }
    }

    private static boolean isOperator(String op) {
        switch (op) {
            case "$set": case "$unset": case "$inc": case "$mul": case "$min": case "$max": case "$rename":
            case "$setOnInsert": case "$currentDate": case "$push": case "$addToSet": case "$pop": case "$pull":
            case "$pullAll": case "$bit":
                return true;
            default:
                return false;
        }
    }

    private void addField(String op, String path, BsonValue arg) {
        List<String> parts = validatePath(path);
        switch (op) {
            case "$set": insert(parts, path, FieldModifiers.set(arg)); break;
            case "$setOnInsert": insert(parts, path, FieldModifiers.setOnInsert(arg)); break;
            case "$unset": insert(parts, path, FieldModifiers.unset()); break;
            case "$inc":
            case "$mul":
                if (!ArithmeticModifier.isNumeric(arg)) {
                    throw UpdateErrors.typeMismatch("Cannot " + (op.equals("$inc") ? "increment" : "multiply")
                            + " with non-numeric argument: {" + BsonRender.element(path, arg) + "}");
                }
                insert(parts, path, new ArithmeticModifier(op, arg));
                break;
            case "$min": insert(parts, path, FieldModifiers.compare(arg, -1)); break;
            case "$max": insert(parts, path, FieldModifiers.compare(arg, 1)); break;
            case "$currentDate": insert(parts, path, FieldModifiers.currentDate(currentDateIsTimestamp(arg))); break;
            case "$push": insert(parts, path, new PushModifier(arg)); break;
            case "$addToSet": insert(parts, path, ArrayModifiers.addToSet(arg)); break;
            case "$pop": insert(parts, path, ArrayModifiers.pop(path, arg)); break;
            case "$pull": insert(parts, path, ArrayModifiers.pull(arg)); break;
            case "$pullAll": insert(parts, path, ArrayModifiers.pullAll(arg)); break;
            case "$bit": insert(parts, path, new BitModifier(path, arg)); break;
            default: addRename(path, parts, arg); break;
        }
    }

    private void insert(List<String> parts, String path, Modifier m) {
        root.insert(parts, path, m);
    }

    private void addRename(String from, List<String> fromParts, BsonValue arg) {
        if (!arg.isString()) {
            throw UpdateErrors.badValue("The 'to' field for $rename must be a string: "
                    + BsonRender.element(from, arg));
        }
        String to = arg.asString().getValue();
        List<String> toParts = validatePath(to);
        if (from.equals(to)) {
            throw UpdateErrors.badValue("The source and target field for $rename must differ: "
                    + BsonRender.element(from, arg));
        }
        if (from.startsWith(to + ".") || to.startsWith(from + ".")) {
            throw UpdateErrors.badValue("The source and target field for $rename must not be on the same path: "
                    + BsonRender.element(from, arg));
        }
        if (isDynamic(fromParts)) {
            throw UpdateErrors.badValue("The source field for $rename may not be dynamic: " + from);
        }
        if (isDynamic(toParts)) {
            throw UpdateErrors.badValue("The destination field for $rename may not be dynamic: " + to);
        }
        RenameModifier rename = new RenameModifier(from, to);
        root.insert(fromParts, from, FieldModifiers.placeholder());
        root.insert(toParts, to, rename);
        renames.add(rename);
    }

    private static boolean isDynamic(List<String> parts) {
        return parts.stream().anyMatch(p -> p.equals("$") || p.startsWith("$["));
    }

    private static boolean currentDateIsTimestamp(BsonValue arg) {
        if (arg.isBoolean()) {
            return false;
        }
        if (arg.isDocument()) {
            BsonDocument d = arg.asDocument();
            for (String k : d.keySet()) {
                if (!k.equals("$type")) {
                    throw UpdateErrors.badValue("Unrecognized $currentDate option: " + k);
                }
            }
            BsonValue type = d.get("$type");
            if (type != null && type.isString()
                    && (type.asString().getValue().equals("date") || type.asString().getValue().equals("timestamp"))) {
                return type.asString().getValue().equals("timestamp");
            }
            throw UpdateErrors.badValue("The '$type' string field is required to be 'date' or 'timestamp': "
                    + "{$currentDate: {field : {$type: 'date'}}}");
        }
        throw UpdateErrors.badValue(BsonTypeAliases.nameOf(arg.getBsonType()) + " is not valid type for "
                + "$currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).");
    }

    /** Splits and checks an update path: no empty components, positional operators well placed. */
    private List<String> validatePath(String path) {
        if (path.isEmpty()) {
            throw UpdateErrors.emptyFieldName("An empty update path is not valid.");
        }
        List<String> parts = Arrays.asList(path.split("\\.", -1));
        int positionals = 0;
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.isEmpty()) {
                throw UpdateErrors.emptyFieldName("The update path '" + path
                        + "' contains an empty field name, which is not allowed.");
            }
            if (p.equals("$")) {
                if (i == 0) {
                    throw UpdateErrors.badValue("Cannot have positional (i.e. '$') element in the first position in "
                            + "path '" + path + "'");
                }
                positionals++;
            } else if (p.startsWith("$[") && p.endsWith("]")) {
                if (i == 0) {
                    throw UpdateErrors.badValue("Cannot have array filter identifier (i.e. '$[<id>]') element in the "
                            + "first position in path '" + path + "'");
                }
                String id = UpdateNode.filterIdentifier(p);
                if (id != null) {
                    if (!filterIdentifiers.contains(id)) {
                        throw UpdateErrors.badValue("No array filter found for identifier '" + id + "' in path '"
                                + path + "'");
                    }
                    usedIdentifiers.add(id);
                }
            } else if (i == 0 && p.startsWith("$")) {
                throw new CommandFailedException(ErrorCode.DOLLAR_PREFIXED_FIELD_NAME, "The dollar ($) prefixed "
                        + "field '" + p + "' in '" + path + "' is not valid for storage.");
            }
        }
        if (positionals > 1) {
            throw UpdateErrors.badValue("Too many positional (i.e. '$') elements found in path '" + path + "'");
        }
        return parts;
    }
}
