package io.jmongos.engine.agg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.VariableScope;
import io.jmongos.engine.agg.expr.Variables;
import io.jmongos.engine.agg.stage.ExecContext;
import io.jmongos.engine.agg.stage.MergeStage;
import io.jmongos.engine.agg.stage.OutStage;
import io.jmongos.engine.agg.stage.SimpleStages;
import io.jmongos.engine.agg.stage.SortStage;
import io.jmongos.engine.agg.stage.Stage;
import io.jmongos.engine.agg.stage.SubPipeline;

import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * A compiled aggregation pipeline. Stream stages ($match, $project, $addFields/$set, $unset, $limit, $skip,
 * $unwind, $replaceRoot/$replaceWith, $lookup, $unionWith) pass documents one at a time; blocking stages ($sort,
 * $group, $bucket, $facet, $sample, $sortByCount, $count) read their whole input, within
 * {@link PipelineContext#memoryLimitBytes()} each. Nothing runs until the result iterator is used.
 *
 * <p>Storage may push the first stages into an index scan: {@link #leadingMatchFilter()} and
 * {@link #leadingSort()}, then {@link #execute(Iterator, boolean, boolean)} to skip what the scan did.
 */
public final class Pipeline {
    private final SubPipeline pipeline;
    private final PipelineContext context;

    private Pipeline(SubPipeline pipeline, PipelineContext context) {
        this.pipeline = pipeline;
        this.context = context;
    }

    /**
     * Compiles an aggregate command's pipeline.
     *
     * @throws io.jmongos.common.CommandFailedException with MongoDB's code for a malformed pipeline (40324 for an
     *                                                  unknown stage, 168 for an unknown expression...)
     */
    public static Pipeline compile(BsonArray stages, PipelineContext ctx) {
        BsonDocument let = ctx == null ? null : ctx.commandLet();
        List<String> letNames = let == null ? List.of() : new ArrayList<>(let.keySet());
        return VariableScope.checked(letNames, () -> new Pipeline(coalesce(StageRegistry.parse(stages,
                StageRegistry.Mode.TOP)), ctx));
    }

    /**
     * Compiles an update pipeline ({@code $addFields $set $project $unset $replaceRoot $replaceWith} only;
     * other stages fail with 72 InvalidOptions). Apply it with {@link #applyToDocument}.
     */
    public static Pipeline compileUpdate(BsonArray stages) {
        return new Pipeline(StageRegistry.parse(stages, StageRegistry.Mode.UPDATE), null);
    }

    /** $sort followed by $limit keeps only the top documents. */
    private static SubPipeline coalesce(SubPipeline p) {
        List<Stage> stages = new ArrayList<>(p.stages());
        for (int i = 0; i + 1 < stages.size(); i++) {
            if (stages.get(i) instanceof SortStage sort && stages.get(i + 1) instanceof SimpleStages.LimitStage lim) {
                stages.set(i, sort.withLimit(lim.limit()));
            }
        }
        return new SubPipeline(stages);
    }

    /** The stages, in order (read-only). */
    public List<Stage> stages() {
        return Collections.unmodifiableList(pipeline.stages());
    }

    /**
     * The filter of a $match that is the first stage, or null. Storage compiles it with the command's
     * {@code let} variables ({@code QueryCompiler.compile(filter, vars)}), so a filter using them in
     * {@code $expr} is offered too.
     */
    public BsonDocument leadingMatchFilter() {
        List<Stage> s = pipeline.stages();
        return !s.isEmpty() && s.get(0) instanceof SimpleStages.MatchStage m ? m.filter() : null;
    }

    /** The spec of a $sort that is the first stage or follows the leading $match, or null. */
    public BsonDocument leadingSort() {
        int i = leadingSortIndex();
        return i < 0 ? null : ((SortStage) pipeline.stages().get(i)).spec();
    }

    private int leadingSortIndex() {
        List<Stage> s = pipeline.stages();
        int i = leadingMatchFilter() != null ? 1 : 0;
        return i < s.size() && s.get(i) instanceof SortStage ? i : -1;
    }

    /** True when the pipeline ends with $out or $merge (its cursor returns no documents). */
    public boolean writesOutput() {
        List<Stage> s = pipeline.stages();
        return !s.isEmpty() && (s.get(s.size() - 1) instanceof OutStage || s.get(s.size() - 1) instanceof MergeStage);
    }

    /** Runs every stage over {@code input} with the command's let variables and a fresh {@code $$NOW}. */
    public Iterator<BsonDocument> execute(Iterator<BsonDocument> input) {
        return execute(input, false, false);
    }

    /**
     * Runs the pipeline over input that storage produced with the leading stages already applied.
     *
     * @param matchApplied the input only holds documents matching {@link #leadingMatchFilter()}
     * @param sortApplied  the input is in {@link #leadingSort()} order
     */
    public Iterator<BsonDocument> execute(Iterator<BsonDocument> input, boolean matchApplied, boolean sortApplied) {
        Variables vars = Variables.fromCommandLet(context == null ? null : context.commandLet());
        ExecContext ctx = new ExecContext(context, vars);
        List<Stage> stages = new ArrayList<>(pipeline.stages());
        int sortIndex = leadingSortIndex();
        if (sortApplied && sortIndex >= 0) {
            SortStage sort = (SortStage) stages.remove(sortIndex);
            if (sort.limit() > 0) {
                stages.add(sortIndex, SimpleStages.limitOf(sort.limit()));
            }
        }
        if (matchApplied && leadingMatchFilter() != null) {
            stages.remove(0);
        }
        return new SubPipeline(stages).run(input, ctx);
    }

    /**
     * Applies an update pipeline to one document.
     *
     * @throws io.jmongos.common.CommandFailedException when a stage fails or the result is not one document
     */
    public BsonDocument applyToDocument(BsonDocument doc, Variables vars) {
        Iterator<BsonDocument> out = pipeline.run(List.of(doc).iterator(), new ExecContext(context, vars));
        if (!out.hasNext()) {
            throw AggErrors.fail(2, "update pipeline produced no document");
        }
        return out.next();
    }
}
