package io.jmongos.engine.agg.stage;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Values;

import org.bson.BsonValue;

/** {@code $project}, {@code $addFields}/{@code $set} and {@code $unset}. */
public final class ProjectionStages {
    private ProjectionStages() {
    }

    public static MapStage project(BsonValue spec) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(15969, "$project specification must be an object");
        }
        ProjectionTree tree = ProjectionTree.parseProject(spec.asDocument());
        boolean excludes = tree.has(ProjectionTree.Kind.EXCLUDE, true);
        boolean includes = tree.has(ProjectionTree.Kind.INCLUDE, true) || tree.has(ProjectionTree.Kind.COMPUTED, true);
        if (excludes && includes) {
            String path = tree.firstPath(ProjectionTree.Kind.EXCLUDE, "", true);
            throw tree.modeError(31254, "Cannot do exclusion on field " + path + " in inclusion projection");
        }
        if (!includes) {
            if (!tree.fields.isEmpty() && isIdOnlyInclusion(tree)) {
                return new MapStage("$project", (doc, ctx) -> ProjectionApplier.include(doc, tree, true));
            }
            return new MapStage("$project", (doc, ctx) -> ProjectionApplier.exclude(doc, tree));
        }
        return new MapStage("$project", (doc, ctx) -> ProjectionApplier.compute(doc,
                ProjectionApplier.include(doc, tree, true), tree, ctx.vars(), false));
    }

    /** {@code {_id: 1}} alone is an inclusion projection. */
    private static boolean isIdOnlyInclusion(ProjectionTree tree) {
        ProjectionTree.Node id = tree.fields.get("_id");
        return tree.fields.size() == 1 && id != null && id.kind() == ProjectionTree.Kind.INCLUDE;
    }

    public static MapStage addFields(String stageName, BsonValue spec) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(40272, stageName + " specification stage must be an object, got "
                    + Values.typeName(spec));
        }
        ProjectionTree tree = ProjectionTree.parseAddFields(stageName, spec.asDocument());
        return new MapStage(stageName, (doc, ctx) -> ProjectionApplier.compute(doc, doc, tree, ctx.vars(), true));
    }

    public static MapStage unset(BsonValue spec) {
        ProjectionTree tree = new ProjectionTree("$unset");
        if (spec.isString()) {
            tree.add(spec.asString().getValue(), new ProjectionTree.Node(ProjectionTree.Kind.EXCLUDE, null, null));
        } else if (spec.isArray() && !spec.asArray().isEmpty()) {
            for (BsonValue v : spec.asArray()) {
                if (!v.isString()) {
                    throw AggErrors.fail(31120, "$unset specification must be a string or an array containing only "
                            + "string values");
                }
                tree.add(v.asString().getValue(), new ProjectionTree.Node(ProjectionTree.Kind.EXCLUDE, null, null));
            }
        } else {
            throw AggErrors.fail(31119, "$unset specification must be a string or an array with at least one "
                    + "field");
        }
        return new MapStage("$unset", (doc, ctx) -> ProjectionApplier.exclude(doc, tree));
    }
}
