package io.jmongos.engine.agg;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.group.GroupStage;
import io.jmongos.engine.agg.stage.BucketAutoStage;
import io.jmongos.engine.agg.stage.BucketStages;
import io.jmongos.engine.agg.stage.CollStatsStage;
import io.jmongos.engine.agg.stage.DocumentsStage;
import io.jmongos.engine.agg.stage.FacetStage;
import io.jmongos.engine.agg.stage.GraphLookupStage;
import io.jmongos.engine.agg.stage.IndexStatsStage;
import io.jmongos.engine.agg.stage.LookupStage;
import io.jmongos.engine.agg.stage.MergeStage;
import io.jmongos.engine.agg.stage.OutStage;
import io.jmongos.engine.agg.stage.ProjectionStages;
import io.jmongos.engine.agg.stage.RedactStage;
import io.jmongos.engine.agg.stage.SampleStage;
import io.jmongos.engine.agg.stage.SimpleStages;
import io.jmongos.engine.agg.stage.SortStage;
import io.jmongos.engine.agg.stage.Stage;
import io.jmongos.engine.agg.stage.SubPipeline;
import io.jmongos.engine.agg.stage.UnionWithStage;
import io.jmongos.engine.agg.stage.UnwindStage;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Parses pipeline arrays into stages, with the placement rules of each kind of (sub-)pipeline. */
final class StageRegistry {
    /** Where a pipeline appears; decides which stages it may hold. */
    enum Mode { TOP, FACET, LOOKUP, UNION_WITH, UPDATE }

    /** Stages an update pipeline may use (MongoDB's list for pipeline-style updates). */
    private static final Set<String> UPDATE_STAGES = Set.of("$addFields", "$set", "$project", "$unset",
            "$replaceRoot", "$replaceWith");
    /** Stages MongoDB has that jmongos does not implement: refused by name rather than silently ignored. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("$setWindowFields", "$densify",
            "$fill", "$geoNear", "$search", "$searchMeta", "$vectorSearch",
            "$currentOp", "$listSessions", "$listLocalSessions", "$changeStream",
            "$changeStreamSplitLargeEvent", "$planCacheStats", "$listSearchIndexes", "$listSampledQueries",
            "$shardedDataDistribution", "$queryStats", "$listClusterCatalog");

    private StageRegistry() {
    }

    static SubPipeline parse(BsonValue stages, Mode mode) {
        if (!stages.isArray()) {
            throw AggErrors.fail(ErrorCode.TYPE_MISMATCH, "'pipeline' option must be specified as an array");
        }
        List<Stage> out = new ArrayList<>();
        List<BsonValue> list = stages.asArray().getValues();
        for (int i = 0; i < list.size(); i++) {
            BsonValue spec = list.get(i);
            if (!spec.isDocument()) {
                throw AggErrors.fail(ErrorCode.TYPE_MISMATCH, "Each element of the 'pipeline' array must be an object");
            }
            BsonDocument d = spec.asDocument();
            if (d.size() != 1) {
                throw AggErrors.fail(40323, "A pipeline stage specification object must contain exactly one field.");
            }
            String name = d.getFirstKey();
            if (mode == Mode.UPDATE) {
                // as mongod: an unknown stage is 40324, a known one that updates may not use is 72
                Stage stage = parseStage(name, d.get(name));
                check(name, i, list.size(), mode);
                out.add(stage);
                continue;
            }
            check(name, i, list.size(), mode);
            out.add(parseStage(name, d.get(name)));
        }
        return new SubPipeline(out);
    }

    private static void check(String name, int index, int count, Mode mode) {
        if (mode == Mode.UPDATE && !UPDATE_STAGES.contains(name)) {
            throw AggErrors.fail(ErrorCode.INVALID_OPTIONS, name + " is not allowed to be used within an update");
        }
        boolean writes = name.equals("$out") || name.equals("$merge");
        if (writes && mode == Mode.FACET || name.equals("$facet") && mode == Mode.FACET) {
            throw AggErrors.fail(40600, name + " is not allowed to be used within a $facet stage");
        }
        if (writes && mode == Mode.LOOKUP) {
            throw AggErrors.fail(51047, name + " is not allowed within a $lookup's sub-pipeline");
        }
        if (writes && mode == Mode.UNION_WITH) {
            throw AggErrors.fail(31441, name + " is not allowed within a $unionWith's sub-pipeline");
        }
        if (writes && index != count - 1) {
            throw AggErrors.fail(40601, name + " can only be the final stage in the pipeline");
        }
        if (name.equals("$documents") && index != 0) {
            throw AggErrors.fail(40602, "$documents is only valid as the first stage in a pipeline");
        }
        boolean firstOnly = name.equals("$collStats") || name.equals("$indexStats");
        if (firstOnly && mode == Mode.FACET) {
            throw AggErrors.fail(40600, name + " is not allowed to be used within a $facet stage");
        }
        if (firstOnly && (index != 0 || mode != Mode.TOP)) {
            throw AggErrors.fail(40602, name + " is only valid as the first stage in a pipeline");
        }
    }

    private static Stage parseStage(String name, BsonValue spec) {
        switch (name) {
            case "$match": return SimpleStages.match(spec);
            case "$project": return ProjectionStages.project(spec);
            case "$addFields":
            case "$set": return ProjectionStages.addFields(name, spec);
            case "$unset": return ProjectionStages.unset(spec);
            case "$replaceRoot":
            case "$replaceWith": return SimpleStages.replaceRoot(name, spec);
            case "$limit": return SimpleStages.limit(spec);
            case "$skip": return SimpleStages.skip(spec);
            case "$count": return SimpleStages.count(spec);
            case "$sort": return SortStage.parse(spec);
            case "$group": return GroupStage.parse(spec);
            case "$unwind": return UnwindStage.parse(spec);
            case "$sample": return SampleStage.parse(spec);
            case "$sortByCount": return BucketStages.sortByCount(spec);
            case "$bucket": return BucketStages.bucket(spec);
            case "$bucketAuto": return BucketAutoStage.parse(spec);
            case "$graphLookup": return GraphLookupStage.parse(spec);
            case "$facet": return FacetStage.parse(spec, (n, p) -> parse(p, Mode.FACET));
            case "$lookup": return LookupStage.parse(spec, p -> parse(p, Mode.LOOKUP));
            case "$unionWith": return UnionWithStage.parse(spec, p -> parse(p, Mode.UNION_WITH));
            case "$documents": return DocumentsStage.parse(spec);
            case "$collStats": return CollStatsStage.parse(spec);
            case "$indexStats": return IndexStatsStage.parse(spec);
            case "$redact": return RedactStage.parse(spec);
            case "$out": return OutStage.parse(spec);
            case "$merge": return MergeStage.parse(spec, p -> parse(p, Mode.UPDATE));
            default:
                if (KNOWN_UNSUPPORTED.contains(name)) {
                    throw AggErrors.fail(40324, "Unrecognized pipeline stage name: '" + name + "' (jmongos does not "
                            + "implement this stage)");
                }
                throw AggErrors.fail(40324, "Unrecognized pipeline stage name: '" + name + "'");
        }
    }
}
