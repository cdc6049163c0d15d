package io.jmongos.router.command.server;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;

/**
 * Compression negotiation (OP_COMPRESSED specification): the client lists compressors in its order of
 * preference; the server answers with those it also has enabled, in the client's order; the
 * connection remembers them. No {@code compression} field: no change and no field in the reply.
 */
final class HelloCompression {
    /** More names than any client sends (there are three compressors); guards the loop. */
    static final int MAX_COMPRESSORS_LISTED = 16;

    private HelloCompression() {
    }

    static BsonValue negotiate(CommandContext ctx, BsonDocument command) {
        BsonValue requested = command.get("compression");
        if (requested == null) {
            return null;
        }
        if (!requested.isArray()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "'compression' is not an array");
        }
        if (requested.asArray().size() > MAX_COMPRESSORS_LISTED) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "'compression' lists more than "
                    + MAX_COMPRESSORS_LISTED + " compressors");
        }
        List<String> enabled = ctx.services().network().compressors();
        List<String> chosen = new ArrayList<>();
        for (BsonValue v : requested.asArray()) {
            if (!v.isString()) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "'compression' is not an array of strings");
            }
            String name = v.asString().getValue();
            if (enabled.contains(name) && !chosen.contains(name)) {
                chosen.add(name);
            }
        }
        ctx.connection().setCompressors(chosen);
        BsonArray reply = new BsonArray();
        chosen.forEach(c -> reply.add(new BsonString(c)));
        return reply;
    }
}
