package io.jmongos.engine.update;

import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.Pipeline;
import io.jmongos.engine.agg.expr.Variables;
import io.jmongos.engine.query.MatchDetails;
import io.jmongos.engine.query.QueryMatcher;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A compiled update: an operator document ({@code $set $unset $inc $mul $min $max $rename $setOnInsert
 * $currentDate $push $addToSet $pop $pull $pullAll $bit}, with positional {@code $}, {@code $[]} and
 * {@code $[id]} + arrayFilters), a replacement document, or an update pipeline. Applying never mutates the
 * input; a failing update throws and leaves the original as it was.
 */
public final class UpdateSpec {
    private enum Kind { OPERATORS, REPLACEMENT, PIPELINE }

    private final Kind kind;
    private final UpdateNode root;
    private final java.util.List<RenameModifier> renames;
    private final Map<String, QueryMatcher> arrayFilters;
    private final BsonDocument replacement;
    private final Pipeline pipeline;
    private Variables vars = Variables.empty();

    private UpdateSpec(Kind kind, UpdateNode root, java.util.List<RenameModifier> renames,
                       Map<String, QueryMatcher> arrayFilters, BsonDocument replacement, Pipeline pipeline) {
        this.kind = kind;
        this.root = root;
        this.renames = renames;
        this.arrayFilters = arrayFilters;
        this.replacement = replacement;
        this.pipeline = pipeline;
    }

    /**
     * @param update       an update document (operators or replacement) or a pipeline array
     * @param arrayFilters the {@code arrayFilters} option, or null
     * @throws CommandFailedException with MongoDB's code for a malformed update (9, 2, 14, 40, 52, 56, 72)
     */
    public static UpdateSpec compile(BsonValue update, BsonArray arrayFilters) {
        if (update.isArray()) {
            if (arrayFilters != null && !arrayFilters.isEmpty()) {
                throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                        "arrayFilters may not be specified for pipeline-style updates");
            }
            return new UpdateSpec(Kind.PIPELINE, null, null, null, null, Pipeline.compileUpdate(update.asArray()));
        }
        if (!update.isDocument()) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "Update argument must be either an object or an array");
        }
        BsonDocument doc = update.asDocument();
        if (doc.isEmpty() || !doc.getFirstKey().startsWith("$")) {
            if (arrayFilters != null && !arrayFilters.isEmpty()) {
                throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                        "arrayFilters may not be specified for replacement-style updates");
            }
            for (String k : doc.keySet()) {
                if (k.startsWith("$")) {
                    throw new CommandFailedException(ErrorCode.DOLLAR_PREFIXED_FIELD_NAME, "The dollar ($) prefixed "
                            + "field '" + k + "' in '" + k + "' is not allowed in the context of an update's "
                            + "replacement document. Consider using an aggregation pipeline with $replaceWith.");
                }
            }
            return new UpdateSpec(Kind.REPLACEMENT, null, null, null, doc, null);
        }
        Map<String, QueryMatcher> filters = ArrayFilters.parse(arrayFilters);
        OperatorUpdateParser parser = new OperatorUpdateParser(filters.keySet());
        parser.parse(doc);
        for (String id : filters.keySet()) {
            if (!parser.usedIdentifiers().contains(id)) {
                throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "The array filter for identifier '" + id
                        + "' was not used in the update " + BsonRender.value(doc));
            }
        }
        return new UpdateSpec(Kind.OPERATORS, parser.root(), parser.renames(), filters, null, null);
    }

    /** Binds the command's {@code let} variables (and {@code $$NOW}) for pipeline updates; returns this. */
    public UpdateSpec withVariables(Variables variables) {
        this.vars = variables;
        return this;
    }

    /** True when the update is a replacement document. */
    public boolean isReplacement() {
        return kind == Kind.REPLACEMENT;
    }

    /** True when the update is an aggregation pipeline. */
    public boolean isPipeline() {
        return kind == Kind.PIPELINE;
    }

    /**
     * Applies the update to a copy of {@code original}.
     *
     * @param details        the filter's match details (positional {@code $}), may be null
     * @param isUpsertInsert true when {@code original} is an upsert seed being inserted ($setOnInsert applies,
     *                       {@code _id} may be set)
     * @throws CommandFailedException for failures while applying (14, 28, 66, 2 ...); the original is untouched
     */
    public UpdateOutcome apply(BsonDocument original, MatchDetails details, boolean isUpsertInsert) {
        BsonDocument result;
        switch (kind) {
            case REPLACEMENT:
                result = BsonCopies.document(replacement);
                break;
            case PIPELINE:
                result = pipeline.applyToDocument(BsonCopies.document(original), vars);
                break;
            default:
                result = BsonCopies.document(original);
                for (RenameModifier r : renames) {
                    r.validate(result);
                }
                UpdateContext ctx = new UpdateContext(result, details == null ? null : details.elemMatchKey(),
                        arrayFilters, isUpsertInsert, vars.now() != null ? vars.now()
                        : new BsonDateTime(System.currentTimeMillis()));
                UpdateApplier.applyChildren(root, result, "", ctx);
        }
        result = idFirst(checkId(original, result, isUpsertInsert));
        return new UpdateOutcome(result, !BsonIdentity.identicalDocuments(original, result));
    }

    private BsonDocument checkId(BsonDocument original, BsonDocument result, boolean upsertInsert) {
        BsonValue before = original.get("_id");
        BsonValue after = result.get("_id");
        if (before == null) {
            return result;
        }
        if (after == null && kind != Kind.OPERATORS) {
            BsonDocument withId = new BsonDocument("_id", before);
            withId.putAll(result);
            return withId;
        }
        if (!upsertInsert && !BsonIdentity.identical(before, after)) {
            if (kind == Kind.OPERATORS) {
                throw UpdateErrors.immutableId();
            }
            throw new CommandFailedException(ErrorCode.IMMUTABLE_FIELD, "After applying the update, the (immutable) "
                    + "field '_id' was found to have been altered to " + BsonRender.element("_id", after));
        }
        return result;
    }

    /** MongoDB stores {@code _id} as the first field. */
    private static BsonDocument idFirst(BsonDocument doc) {
        BsonValue id = doc.get("_id");
        if (id == null || doc.getFirstKey().equals("_id")) {
            return doc;
        }
        BsonDocument out = new BsonDocument("_id", id);
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            if (!e.getKey().equals("_id")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The document an upsert starts from: the equality fields of the filter (54 if ambiguous). */
    public static BsonDocument upsertSeed(BsonDocument filter) {
        return UpsertSeed.of(filter);
    }
}
