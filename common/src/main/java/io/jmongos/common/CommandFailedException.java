package io.jmongos.common;

import java.util.LinkedHashSet;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A command failed with a MongoDB error code. The single place that turns it into a reply is
 * {@link #toReply()}: {@code {ok: 0, errmsg, code, codeName, errorLabels?, ...extra}}.
 */
public class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Reply fields {@link #toReply()} writes itself; everything else in an error reply is an extra field. */
    private static final Set<String> REPLY_FIELDS = Set.of("ok", "errmsg", "code", "codeName", "errorLabels");

    private final int code;
    private final String codeName;
    private final Set<String> errorLabels = new LinkedHashSet<>();
    private final BsonDocument extra = new BsonDocument();

    public CommandFailedException(ErrorCode code, String message) {
        this(code.code(), code.codeName(), message);
    }

    public CommandFailedException(int code, String codeName, String message) {
        super(message, null, false, false);
        this.code = code;
        this.codeName = codeName;
    }

    public int code() {
        return code;
    }

    public String codeName() {
        return codeName;
    }

    public Set<String> errorLabels() {
        return errorLabels;
    }

    /** Extra reply fields, e.g. {@code keyPattern}/{@code keyValue} for DuplicateKey. */
    public BsonDocument extra() {
        return extra;
    }

    public CommandFailedException withLabel(String label) {
        errorLabels.add(label);
        return this;
    }

    public CommandFailedException with(String field, BsonValue value) {
        extra.put(field, value);
        return this;
    }

    public BsonDocument toReply() {
        BsonDocument reply = new BsonDocument("ok", new BsonDouble(0))
                .append("errmsg", new BsonString(getMessage() == null ? "" : getMessage()))
                .append("code", new BsonInt32(code))
                .append("codeName", new BsonString(codeName));
        extra.forEach(reply::put);
        if (!errorLabels.isEmpty()) {
            BsonArray labels = new BsonArray();
            errorLabels.forEach(l -> labels.add(new BsonString(l)));
            reply.put("errorLabels", labels);
        }
        return reply;
    }

    /** Rebuild the exception from an error reply document (e.g. one relayed from a shard). */
    public static CommandFailedException fromReply(BsonDocument reply) {
        int code = reply.containsKey("code") ? reply.getNumber("code").intValue() : ErrorCode.UNKNOWN_ERROR.code();
        String name = reply.containsKey("codeName") ? reply.getString("codeName").getValue() : ErrorCode.nameOf(code);
        String msg = reply.containsKey("errmsg") ? reply.getString("errmsg").getValue() : "";
        CommandFailedException e = new CommandFailedException(code, name, msg);
        for (String key : reply.keySet()) {
            if (!REPLY_FIELDS.contains(key)) {
                e.extra.put(key, reply.get(key));
            }
        }
        if (reply.isArray("errorLabels")) {
            reply.getArray("errorLabels").forEach(v -> e.errorLabels.add(v.asString().getValue()));
        }
        return e;
    }
}
