package io.jmongos.engine.command.crud;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Collations other than the simple (binary) one are refused clearly. */
public final class Collation {
    private Collation() {
    }

    public static void refuse(BsonDocument spec) {
        BsonValue c = spec.get("collation");
        if (c == null || c.isDocument() && (c.asDocument().isEmpty() || isSimple(c.asDocument()))) {
            return;
        }
        throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED,
                "collation is not supported by the jmongos embedded engine (only {locale: \"simple\"})");
    }

    private static boolean isSimple(BsonDocument c) {
        BsonValue locale = c.get("locale");
        return locale != null && locale.isString() && locale.asString().getValue().equals("simple");
    }
}
