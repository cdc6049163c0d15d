package io.jmongos.engine.write;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Namespace;
import org.bson.BsonDocument;

/** MongoDB's E11000 DuplicateKey error with keyPattern and keyValue. */
public final class DuplicateKey {
    private DuplicateKey() {
    }

    public static CommandFailedException error(Namespace ns, String indexName, BsonDocument keyPattern,
                                               BsonDocument keyValue) {
        String msg = "E11000 duplicate key error collection: " + ns.full() + " index: " + indexName
                + " dup key: " + ShellFormat.format(keyValue);
        return new CommandFailedException(ErrorCode.DUPLICATE_KEY, msg)
                .with("keyPattern", keyPattern).with("keyValue", keyValue);
    }
}
