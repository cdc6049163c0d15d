package io.jmongos.engine.catalog;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * A view: a read-only namespace whose documents are those of {@code viewOn} (a collection or view of the same
 * database) passed through {@code pipeline}. Stored in the catalog as MongoDB keeps {@code system.views}.
 */
public record ViewMeta(Namespace ns, String viewOn, BsonArray pipeline) {
    /** The options listCollections shows: {@code {viewOn, pipeline}}. */
    public BsonDocument options() {
        return new BsonDocument("viewOn", new BsonString(viewOn)).append("pipeline", pipeline.clone());
    }

    /** The namespace the view reads. */
    public Namespace source() {
        return new Namespace(ns.db(), viewOn);
    }
}
