package io.jmongos.engine.command.crud;

import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.engine.write.ShellFormat;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Keeps _id immutable and first in an updated document (mongod's update driver checks). */
final class UpdatedDocument {
    private UpdatedDocument() {
    }

    static BsonDocument withId(BsonDocument before, BsonDocument after) {
        BsonValue oldId = before.get("_id");
        BsonValue newId = after.get("_id");
        if (newId != null && oldId != null && BsonValueComparator.compare(oldId, newId) != 0) {
            throw new CommandFailedException(ErrorCode.IMMUTABLE_FIELD, "After applying the update, the (immutable) "
                    + "field '_id' was found to have been altered to _id: " + ShellFormat.format(newId));
        }
        if (oldId == null || newId != null && after.getFirstKey().equals("_id")) {
            return after;
        }
        BsonDocument out = new BsonDocument("_id", newId != null ? newId : oldId);
        for (Map.Entry<String, BsonValue> e : after.entrySet()) {
            if (!e.getKey().equals("_id")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
