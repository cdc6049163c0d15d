package io.jmongos.engine.agg.stage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.FieldPath;
import io.jmongos.engine.agg.expr.Values;
import io.jmongos.engine.agg.expr.VariableScope;
import io.jmongos.engine.agg.expr.Variables;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $lookup}: the equality form ({@code localField}/{@code foreignField}), the pipeline form ({@code let}
 * and {@code pipeline}) and both together. Foreign documents come from {@link ExecContext#context()}'s scan;
 * the equality form asks for {@code {foreignField: {$in: values}}} so storage can use an index.
 */
public final class LookupStage implements Stage {
    /** MongoDB's cap on the bytes of documents one $lookup may put into a single "as" array (100 MiB). */
    static final long MAX_MATCHED_BYTES = 100L * 1024 * 1024;

    private final String from;
    private final String fromDb;
    private final FieldPath as;
    private final FieldPath localField;
    private final String foreignField;
    private final Map<String, Expression> let;
    private final SubPipeline pipeline;

    private LookupStage(String from, String fromDb, FieldPath as, FieldPath localField, String foreignField,
                        Map<String, Expression> let, SubPipeline pipeline) {
        this.from = from;
        this.fromDb = fromDb;
        this.as = as;
        this.localField = localField;
        this.foreignField = foreignField;
        this.let = let;
        this.pipeline = pipeline;
    }

    public static LookupStage parse(BsonValue spec, Function<BsonValue, SubPipeline> parser) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(ErrorCode.FAILED_TO_PARSE, "the $lookup stage specification must be an object, but "
                    + "found " + Values.typeName(spec));
        }
        String from = null;
        String fromDb = null;
        String as = null;
        String local = null;
        String foreign = null;
        BsonDocument letSpec = null;
        BsonValue pipelineSpec = null;
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            BsonValue v = e.getValue();
            switch (e.getKey()) {
                case "from":
                    if (v.isDocument() && v.asDocument().isString("db") && v.asDocument().isString("coll")) {
                        fromDb = v.asDocument().getString("db").getValue();
                        from = v.asDocument().getString("coll").getValue();
                    } else {
                        from = string(e.getKey(), v);
                    }
                    break;
                case "as": as = string(e.getKey(), v); break;
                case "localField": local = string(e.getKey(), v); break;
                case "foreignField": foreign = string(e.getKey(), v); break;
                case "let":
                    if (!v.isDocument()) {
                        throw AggErrors.fail(ErrorCode.FAILED_TO_PARSE, "$lookup argument 'let' must be an object, "
                                + "is type " + Values.typeName(v));
                    }
                    letSpec = v.asDocument();
                    break;
                case "pipeline": pipelineSpec = v; break;
                default:
                    throw AggErrors.fail(ErrorCode.FAILED_TO_PARSE, "unknown argument to $lookup: " + e.getKey());
            }
        }
        if (as == null) {
            throw AggErrors.fail(ErrorCode.FAILED_TO_PARSE, "must specify 'as' field for a $lookup");
        }
        if ((local == null) != (foreign == null)) {
            throw AggErrors.fail(ErrorCode.FAILED_TO_PARSE, "$lookup requires either 'pipeline' or both "
                    + "'localField' and 'foreignField' to be specified");
        }
        if (local == null && pipelineSpec == null) {
            throw AggErrors.fail(ErrorCode.FAILED_TO_PARSE, "$lookup requires either 'pipeline' or both "
                    + "'localField' and 'foreignField' to be specified");
        }
        if (letSpec != null && pipelineSpec == null) {
            throw AggErrors.fail(ErrorCode.FAILED_TO_PARSE, "$lookup with 'let' requires a 'pipeline'");
        }
        BsonValue sub = pipelineSpec;
        SubPipeline pipeline = sub == null ? null : VariableScope.with(
                letSpec == null ? List.of() : letSpec.keySet(), () -> parser.apply(sub));
        boolean documentsSource = pipeline != null && !pipeline.stages().isEmpty()
                && pipeline.stages().get(0) instanceof DocumentsStage;
        if (from == null && !documentsSource) {
            throw AggErrors.fail(ErrorCode.FAILED_TO_PARSE, "must specify 'from' field for a $lookup");
        }
        Map<String, Expression> let = new LinkedHashMap<>();
        if (letSpec != null) {
            for (Map.Entry<String, BsonValue> e : letSpec.entrySet()) {
                Variables.validateName(e.getKey());
                let.put(e.getKey(), ExpressionCompiler.compile(e.getValue()));
            }
        }
        return new LookupStage(from, fromDb, FieldPath.parse(as), local == null ? null : FieldPath.parse(local),
                foreign == null ? null : FieldPath.parse(foreign).dotted(), let, pipeline);
    }

    private static String string(String field, BsonValue v) {
        if (!v.isString()) {
            throw AggErrors.fail(ErrorCode.FAILED_TO_PARSE, "$lookup argument '" + field + "' must be a string, is "
                    + "type " + Values.typeName(v));
        }
        return v.asString().getValue();
    }

    @Override
    public String name() {
        return "$lookup";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        if (fromDb != null && ctx.context() != null && !fromDb.equals(ctx.context().database())) {
            throw AggErrors.fail(ErrorCode.NOT_IMPLEMENTED, "$lookup from another database (" + fromDb + ") is not "
                    + "supported by jmongos");
        }
        return new LazyIterator<>() {
            private List<BsonDocument> uncorrelated;

            @Override
            protected BsonDocument compute() {
                if (!input.hasNext()) {
                    return null;
                }
                BsonDocument doc = input.next();
                List<BsonDocument> matches;
                if (localField == null && let.isEmpty()) {
                    if (uncorrelated == null) {
                        uncorrelated = Collections.unmodifiableList(collect(foreign(null, ctx), ctx));
                    }
                    matches = uncorrelated;
                } else {
                    matches = collect(foreign(doc, ctx), ctx);
                }
                BsonArray arr = new BsonArray(new ArrayList<>(matches));
                return DocPaths.with(doc, as, arr);
            }
        };
    }

    /** The foreign documents for one input document: equality matches, then the pipeline with its let. */
    private Iterator<BsonDocument> foreign(BsonDocument doc, ExecContext ctx) {
        Iterator<BsonDocument> source;
        if (localField != null) {
            source = ctx.context().scan(from, equalityFilter(doc));
        } else if (from != null) {
            source = ctx.context().scan(from);
        } else {
            source = Collections.emptyIterator();
        }
        if (pipeline == null) {
            return source;
        }
        Variables vars = ctx.vars();
        for (Map.Entry<String, Expression> e : let.entrySet()) {
            vars = vars.with(e.getKey(), e.getValue().evaluate(doc, ctx.vars()));
        }
        return pipeline.run(source, ctx.withVars(vars));
    }

    /** {@code {foreignField: {$in: localValues}}}; regexes match as values; missing/empty matches null. */
    BsonDocument equalityFilter(BsonDocument doc) {
        List<BsonValue> values = new ArrayList<>();
        collectLocal(doc, localField, 0, values);
        if (values.isEmpty()) {
            values.add(BsonNull.VALUE);
        }
        BsonArray in = new BsonArray();
        BsonArray or = new BsonArray();
        for (BsonValue v : values) {
            if (v.isRegularExpression()) {
                or.add(new BsonDocument(foreignField, new BsonDocument("$eq", v)));
            } else {
                in.add(v);
            }
        }
        BsonDocument inFilter = new BsonDocument(foreignField, new BsonDocument("$in", in));
        if (or.isEmpty()) {
            return inFilter;
        }
        or.add(inFilter);
        return new BsonDocument("$or", or);
    }

    /** Every value along the path: arrays on the way and at the end are expanded (one level). */
    private static void collectLocal(BsonValue v, FieldPath path, int i, List<BsonValue> out) {
        if (v == null) {
            return;
        }
        if (i == path.length()) {
            if (v.isArray()) {
                out.addAll(v.asArray());
            } else {
                out.add(v);
            }
            return;
        }
        if (v.isDocument()) {
            collectLocal(v.asDocument().get(path.part(i)), path, i + 1, out);
        } else if (v.isArray()) {
            for (BsonValue e : v.asArray()) {
                if (e.isDocument()) {
                    collectLocal(e.asDocument().get(path.part(i)), path, i + 1, out);
                }
            }
        }
    }

    private static List<BsonDocument> collect(Iterator<BsonDocument> it, ExecContext ctx) {
        List<BsonDocument> out = new ArrayList<>();
        long bytes = 0;
        while (it.hasNext()) {
            BsonDocument d = it.next();
            bytes += MemoryBudget.sizeOf(d);
            if (bytes > MAX_MATCHED_BYTES) {
                throw AggErrors.fail(4568, "Total size of documents in the $lookup's \"as\" array exceeds "
                        + MAX_MATCHED_BYTES + " bytes");
            }
            out.add(d);
        }
        return out;
    }
}
