package io.jmongos.router.testing;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.router.command.CommandContext;

/** Whether failCommand's data applies to a command (MongoDB's shouldActivateFailCommandFailPoint). */
final class FailCommandMatch {
    private FailCommandMatch() {
    }

    static boolean applies(BsonDocument data, String sentName, String canonicalName, CommandContext ctx,
                           BsonDocument command) {
        BsonValue names = data.get("failCommands");
        if (names == null || !names.isArray()) {
            return false;
        }
        boolean listed = names.asArray().stream().anyMatch(v -> v.isString()
                && (v.asString().getValue().equals(sentName) || v.asString().getValue().equals(canonicalName)));
        if (!listed) {
            return false;
        }
        BsonValue appName = data.get("appName");
        if (appName != null && appName.isString() && !appName.asString().getValue().equals(appName(ctx, command))) {
            return false;
        }
        BsonValue ns = data.get("namespace");
        if (ns != null && ns.isString()) {
            BsonValue coll = command.isEmpty() ? null : command.get(command.getFirstKey());
            String actual = ctx.db() + "." + (coll != null && coll.isString() ? coll.asString().getValue() : "");
            return ns.asString().getValue().equals(actual);
        }
        return true;
    }

    /** The client's application name: from the handshake, or from this command when it is the first hello. */
    static String appName(CommandContext ctx, BsonDocument command) {
        BsonDocument metadata = ctx.connection().clientMetadata();
        if (metadata == null && command.isDocument("client")) {
            metadata = command.getDocument("client");
        }
        if (metadata == null || !metadata.isDocument("application")) {
            return null;
        }
        BsonValue name = metadata.getDocument("application").get("name");
        return name != null && name.isString() ? name.asString().getValue() : null;
    }

    static boolean bool(BsonDocument data, String key) {
        BsonValue v = data.get(key);
        if (v == null) {
            return false;
        }
        return v.isBoolean() ? v.asBoolean().getValue() : v.isNumber() && v.asNumber().doubleValue() != 0;
    }
}
