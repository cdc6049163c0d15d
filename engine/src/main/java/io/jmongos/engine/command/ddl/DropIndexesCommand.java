package io.jmongos.engine.command.ddl;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.Views;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/** dropIndexes: by name, key pattern, list of names or "*" (all but _id_). */
public final class DropIndexesCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        Namespace ns = CommandArgs.namespace(op.db(), cmd);
        BsonValue which = cmd.get("index");
        if (which == null) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "BSON field 'dropIndexes.index' is missing but a required field");
        }
        Catalog catalog = op.catalog();
        try (Catalog.Held x = catalog.exclusive()) {
            CollectionMeta c = catalog.get(ns);
            if (c == null && catalog.view(ns) != null) {
                throw Views.notACollection(ns);
            }
            if (c == null) {
                throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_FOUND, "ns not found " + ns.full());
            }
            List<IndexMeta> drop = select(c, which);
            List<IndexMeta> keep = new ArrayList<>(c.indexes());
            keep.removeAll(drop);
            if (!drop.isEmpty()) {
                catalog.publish(c.withIndexes(keep));
                drop.forEach(catalog::dropIndexData);
            }
            return new BsonDocument("nIndexesWas", new BsonInt32(c.indexes().size() + 1))
                    .append("ok", new BsonDouble(1));
        }
    }

    private static List<IndexMeta> select(CollectionMeta c, BsonValue which) {
        List<IndexMeta> out = new ArrayList<>();
        if (which.isString() && which.asString().getValue().equals("*")) {
            return new ArrayList<>(c.indexes());
        }
        if (which.isArray()) {
            for (BsonValue v : which.asArray()) {
                out.addAll(select(c, v));
            }
            return out;
        }
        if (which.isString()) {
            String name = which.asString().getValue();
            if (name.equals(CollectionMeta.ID_INDEX_NAME)) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "cannot drop _id index");
            }
            IndexMeta i = c.index(name);
            if (i == null) {
                throw new CommandFailedException(ErrorCode.INDEX_NOT_FOUND, "index not found with name [" + name + "]");
            }
            out.add(i);
            return out;
        }
        if (which.isDocument()) {
            if (which.asDocument().equals(new BsonDocument("_id", new BsonInt32(1)))) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "cannot drop _id index");
            }
            for (IndexMeta i : c.indexes()) {
                if (i.keyPattern().equals(which.asDocument())) {
                    out.add(i);
                    return out;
                }
            }
            throw new CommandFailedException(ErrorCode.INDEX_NOT_FOUND, "can't find index with key: "
                    + which.asDocument().toJson());
        }
        throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "dropIndexes 'index' must be a string, an object "
                + "or an array of strings");
    }
}
