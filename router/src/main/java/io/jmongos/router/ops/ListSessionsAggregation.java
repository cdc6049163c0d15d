package io.jmongos.router.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.session.BsonTypeNames;
import io.jmongos.router.session.SessionRecord;

/**
 * {@code aggregate} whose pipeline starts with {@code $listLocalSessions} (on any database with
 * {@code {aggregate: 1}}) or {@code $listSessions} (on {@code config.system.sessions}): the router lists the
 * records of its logical session cache, {@code {_id: {id, uid}, lastUse}}, runs the rest of the pipeline over
 * them and serves the result through a router-held cursor. jmongos keeps no sessions collection, so both stages
 * read the same cache (mongos's $listSessions reads the sessions collection its cache is flushed to).
 */
public final class ListSessionsAggregation {
    static final String LIST_LOCAL = "$listLocalSessions";
    static final String LIST = "$listSessions";
    /** The namespace $listSessions must be run against (NamespaceString::kLogicalSessionsNamespace). */
    static final String SESSIONS_NS = "config.system.sessions";
    /** ErrorCodes::UnsupportedFormat. */
    static final int UNSUPPORTED_FORMAT = 12;
    /** IDL: unknown field; required field missing. */
    static final int UNKNOWN_FIELD = 40415;
    static final int MISSING_FIELD = 40414;

    private ListSessionsAggregation() {
    }

    static BsonDocument run(CommandContext ctx, BsonDocument command) {
        List<BsonValue> stages = command.getArray("pipeline");
        String stage = stages.get(0).asDocument().getFirstKey();
        String ns = namespace(stage, ctx.db(), command.get("aggregate"));
        Set<String> uids = users(stage, stages.get(0).asDocument().get(stage));
        List<BsonDocument> docs = new ArrayList<>();
        for (SessionRecord r : ctx.services().sessions().cache().all()) {
            BsonDocument id = r.lsid().toBsonWithUid();
            if (uids == null || uids.contains(HexFormat.of().formatHex(id.getBinary("uid").getData()))) {
                docs.add(new BsonDocument("_id", id).append("lastUse", new BsonDateTime(r.lastUseMillis())));
            }
        }
        docs = PipelineTail.apply(docs, stages.subList(1, stages.size()), stage);
        return LocalAggregateReply.serve(ctx, command, ns, docs);
    }

    private static String namespace(String stage, String db, BsonValue target) {
        if (stage.equals(LIST)) {
            if (!"config".equals(db) || target == null || !target.isString()
                    || !target.asString().getValue().equals("system.sessions")) {
                throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE,
                        LIST + " may only be run against " + SESSIONS_NS);
            }
            return SESSIONS_NS;
        }
        if (target == null || !target.isNumber() || target.asNumber().doubleValue() != 1) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE,
                    LIST_LOCAL + " must be run against the database with {aggregate: 1}, not a collection");
        }
        return db + ".$cmd.aggregate";
    }

    /**
     * The uid digests (hex) whose sessions to list, or null for every session: {@code {allUsers: true}}; the
     * {@code users} given; by default the caller's own, which without authentication is the empty user.
     */
    private static Set<String> users(String stage, BsonValue spec) {
        if (!spec.isDocument()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, stage + " options must be specified in an "
                    + "object, but found: " + BsonTypeNames.of(spec));
        }
        boolean all = false;
        List<BsonValue> users = null;
        for (var e : spec.asDocument().entrySet()) {
            BsonValue v = e.getValue();
            if (e.getKey().equals("allUsers")) {
                all = typed(stage + ".allUsers", v, v.isBoolean(), "bool").asBoolean().getValue();
            } else if (e.getKey().equals("users")) {
                users = typed(stage + ".users", v, v.isArray(), "array").asArray().getValues();
            } else {
                throw new CommandFailedException(UNKNOWN_FIELD, "Location" + UNKNOWN_FIELD,
                        "BSON field '" + stage + "." + e.getKey() + "' is an unknown field.");
            }
        }
        if (all && users != null && !users.isEmpty()) {
            throw new CommandFailedException(UNSUPPORTED_FORMAT, "UnsupportedFormat",
                    stage + " may not specify {allUsers:true} and {users:[...]} at the same time");
        }
        if (all) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        if (users == null || users.isEmpty()) {
            out.add(digest("", ""));
            return out;
        }
        for (BsonValue u : users) {
            BsonDocument d = typed(stage + ".users", u, u.isDocument(), "object").asDocument();
            out.add(digest(string(stage, d, "user"), string(stage, d, "db")));
        }
        return out;
    }

    private static String string(String stage, BsonDocument user, String field) {
        BsonValue v = user.get(field);
        if (v == null) {
            throw new CommandFailedException(MISSING_FIELD, "Location" + MISSING_FIELD,
                    "BSON field '" + stage + ".users." + field + "' is missing but a required field");
        }
        return typed(stage + ".users." + field, v, v.isString(), "string").asString().getValue();
    }

    private static BsonValue typed(String field, BsonValue v, boolean ok, String expected) {
        if (!ok) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "BSON field '" + field + "' is the wrong type '"
                    + BsonTypeNames.of(v) + "', expected type '" + expected + "'");
        }
        return v;
    }

    /** MongoDB's user digest (getLogicalSessionUserDigestFor): SHA-256 of "user@db"; of "" for no user. */
    static String digest(String user, String db) {
        String name = user.isEmpty() && db.isEmpty() ? "" : user + "@" + db;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
