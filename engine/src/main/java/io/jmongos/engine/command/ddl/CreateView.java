package io.jmongos.engine.command.ddl;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.Pipeline;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.catalog.ViewMeta;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.command.crud.Collation;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonValue;

/**
 * create with {@code viewOn} (and {@code pipeline}): a view. The pipeline must compile and may not write
 * ($out, $merge); the view may be on a missing collection, on a collection or on another view, but may not
 * close a cycle. Creating the same view again succeeds; another definition under a used name fails with 48.
 */
final class CreateView {
    /** MongoDB's code OptionNotSupportedOnView. */
    static final int OPTION_NOT_SUPPORTED_ON_VIEW = 157;

    private CreateView() {
    }

    static BsonDocument create(OperationContext op, Namespace ns, BsonDocument cmd, BsonDocument options) {
        BsonValue viewOn = options.get("viewOn");
        if (viewOn == null) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                    "'pipeline' requires 'viewOn' to also be specified");
        }
        if (!viewOn.isString()) {
            throw CommandArgs.wrongType(cmd, "viewOn", viewOn, "string");
        }
        if (viewOn.asString().getValue().isEmpty()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "'viewOn' cannot be empty");
        }
        BsonArray pipeline = pipeline(cmd, options.get("pipeline"));
        for (String option : options.keySet()) {
            if (!option.equals("viewOn") && !option.equals("pipeline") && !option.equals("collation")) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "option '" + option
                        + "' is not supported when creating a view");
            }
        }
        Collation.refuse(cmd);
        if (op.inTransaction()) {
            throw new CommandFailedException(ErrorCode.OPERATION_NOT_SUPPORTED_IN_TRANSACTION,
                    "Cannot create a view in a multi-document transaction.");
        }
        Namespace.of(ns.db(), viewOn.asString().getValue());
        checkPipeline(ns, pipeline);
        ViewMeta view = new ViewMeta(ns, viewOn.asString().getValue(), pipeline);
        Catalog catalog = op.catalog();
        try (Catalog.Held x = catalog.exclusive()) {
            CollectionMeta collection = catalog.get(ns);
            if (collection != null) {
                throw new CommandFailedException(ErrorCode.NAMESPACE_EXISTS, "namespace " + ns.full()
                        + " already exists, but with different options: " + collection.options().toJson());
            }
            ViewMeta existing = catalog.view(ns);
            if (existing != null) {
                if (!existing.options().equals(view.options())) {
                    throw new CommandFailedException(ErrorCode.NAMESPACE_EXISTS, "namespace " + ns.full()
                            + " already exists, but with different options: " + existing.options().toJson());
                }
            } else {
                Views.checkNew(catalog, ns, view.viewOn());
                catalog.putView(view);
            }
        }
        return new BsonDocument("ok", new BsonDouble(1));
    }

    private static BsonArray pipeline(BsonDocument cmd, BsonValue p) {
        if (p == null || p.isNull()) {
            return new BsonArray();
        }
        if (!p.isArray()) {
            throw CommandArgs.wrongType(cmd, "pipeline", p, "array");
        }
        for (BsonValue stage : p.asArray()) {
            if (!stage.isDocument()) {
                throw CommandArgs.wrongType(cmd, "pipeline", stage, "object");
            }
        }
        return p.asArray();
    }

    /** The pipeline must compile, and may not write to disk. */
    private static void checkPipeline(Namespace ns, BsonArray pipeline) {
        Pipeline.compile(pipeline, null);
        for (int i = 0; i < pipeline.size(); i++) {
            String stage = pipeline.get(i).asDocument().getFirstKey();
            if (stage.equals("$out") || stage.equals("$merge")) {
                throw new CommandFailedException(OPTION_NOT_SUPPORTED_ON_VIEW, "OptionNotSupportedOnView",
                        "The aggregation stage " + stage + " in location " + i + " of the pipeline cannot be used in "
                                + "the view definition of " + ns.full() + " because it writes to disk");
            }
        }
    }
}
