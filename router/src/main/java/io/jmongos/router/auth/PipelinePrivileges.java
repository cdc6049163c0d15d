package io.jmongos.router.auth;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** What aggregation stages add to {@code find} on the collection: MongoDB's per-stage privileges. */
final class PipelinePrivileges {
    private PipelinePrivileges() {
    }

    static void add(String db, String coll, BsonArray pipeline, List<RequiredPrivilege> out) {
        for (BsonValue v : pipeline) {
            if (!v.isDocument() || v.asDocument().isEmpty()) {
                continue;
            }
            BsonDocument stage = v.asDocument();
            String name = stage.getFirstKey();
            BsonValue arg = stage.get(name);
            switch (name) {
                case "$currentOp" -> out.add(RequiredPrivilege.cluster("inprog"));
                case "$listSessions", "$listLocalSessions" -> {
                    if (arg.isDocument() && AuthService.isTrue(arg.asDocument().get("allUsers"))) {
                        out.add(RequiredPrivilege.cluster("listSessions"));
                    }
                }
                case "$changeStream" -> out.add(RequiredPrivilege.on(db, coll, "changeStream"));
                case "$out" -> target(db, arg, out);
                case "$merge" -> target(db, arg.isDocument() ? arg.asDocument().get("into") : arg, out);
                case "$lookup", "$graphLookup" -> {
                    if (arg.isDocument() && arg.asDocument().isString("from")) {
                        out.add(RequiredPrivilege.on(db, arg.asDocument().getString("from").getValue(), "find"));
                    }
                }
                case "$unionWith" -> {
                    String from = arg.isString() ? arg.asString().getValue()
                            : arg.isDocument() ? CommandPrivileges.collection(arg.asDocument().get("coll")) : "";
                    out.add(RequiredPrivilege.on(db, from, "find"));
                }
                default -> {
                    // other stages read only the pipeline's input
                }
            }
        }
    }

    private static void target(String db, BsonValue to, List<RequiredPrivilege> out) {
        String toDb = db;
        String toColl = "";
        if (to != null && to.isString()) {
            toColl = to.asString().getValue();
        } else if (to != null && to.isDocument()) {
            toDb = to.asDocument().isString("db") ? to.asDocument().getString("db").getValue() : db;
            toColl = CommandPrivileges.collection(to.asDocument().get("coll"));
        }
        out.add(RequiredPrivilege.on(toDb, toColl, "insert"));
        out.add(RequiredPrivilege.on(toDb, toColl, "remove"));
    }
}
