package io.jmongos.router.auth;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/** A role as users and roles name it: {@code {role, db}}. */
public record RoleName(String role, String db) {
    /**
     * A role from a command argument: a string (a role of {@code defaultDb}) or {@code {role, db}}.
     *
     * @throws CommandFailedException BadValue for anything else
     */
    static RoleName parse(BsonValue v, String defaultDb) {
        if (v.isString()) {
            return new RoleName(v.asString().getValue(), defaultDb);
        }
        if (v.isDocument() && v.asDocument().isString("role") && v.asDocument().isString("db")) {
            return new RoleName(v.asDocument().getString("role").getValue(), v.asDocument().getString("db").getValue());
        }
        throw new CommandFailedException(ErrorCode.BAD_VALUE,
                "Role names must be either strings or objects of the form {role: \"<role name>\", db: \"<db>\"}");
    }

    public BsonDocument toBson() {
        return new BsonDocument("role", new BsonString(role)).append("db", new BsonString(db));
    }

    @Override
    public String toString() {
        return role + "@" + db;
    }
}
