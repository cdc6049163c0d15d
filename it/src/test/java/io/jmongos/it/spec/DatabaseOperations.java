package io.jmongos.it.spec;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.ReadPreference;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.CreateViewOptions;
import com.mongodb.client.model.ValidationAction;
import com.mongodb.client.model.ValidationLevel;
import com.mongodb.client.model.ValidationOptions;

/** Database operations: runCommand, cursor commands, collection DDL and listing, database aggregate. */
final class DatabaseOperations {
    private DatabaseOperations() {
    }

    static Object run(DatabaseEntity entity, String name, Args a) {
        MongoDatabase db = entity.db();
        return switch (name) {
            case "runCommand" -> runCommand(db, a);
            case "runCursorCommand" -> commandCursor(entity, a).drain();
            case "createCommandCursor" -> commandCursor(entity, a);
            case "createCollection" -> createCollection(db, a);
            case "dropCollection" -> {
                ClientSession s = a.session();
                var coll = db.getCollection(a.string("collection"));
                if (s == null) {
                    coll.drop();
                } else {
                    coll.drop(s);
                }
                yield null;
            }
            case "listCollections" -> {
                ClientSession s = a.session();
                var it = s == null ? db.listCollections(BsonDocument.class) : db.listCollections(s, BsonDocument.class);
                if (a.has("filter")) {
                    it.filter(a.document("filter"));
                }
                if (a.has("batchSize")) {
                    it.batchSize(a.integer("batchSize"));
                }
                yield DriverResults.all(it);
            }
            case "listCollectionNames" -> {
                ClientSession s = a.session();
                var it = s == null ? db.listCollectionNames() : db.listCollectionNames(s);
                if (a.has("filter")) {
                    it.filter(a.document("filter"));
                }
                BsonArray names = new BsonArray();
                it.forEach(n -> names.add(new BsonString(n)));
                yield names;
            }
            case "aggregate" -> {
                ClientSession s = a.session();
                List<BsonDocument> pipeline = a.documents("pipeline");
                var it = s == null ? db.aggregate(pipeline, BsonDocument.class)
                        : db.aggregate(s, pipeline, BsonDocument.class);
                yield ReadOperations.aggregateResult(ReadOperations.aggregate(it, a), pipeline);
            }
            case "modifyCollection" -> {
                BsonDocument cmd = new BsonDocument("collMod", new BsonString(a.string("collection")));
                for (String k : List.of("validator", "index", "validationLevel", "validationAction")) {
                    if (a.has(k)) {
                        cmd.put(k, a.get(k));
                    }
                }
                ClientSession s = a.session();
                yield s == null ? db.runCommand(cmd, BsonDocument.class) : db.runCommand(s, cmd, BsonDocument.class);
            }
            case "createChangeStream" -> ChangeStreams.open(db, a);
            default -> throw new UnsupportedFeatureException("database operation " + name);
        };
    }

    private static BsonDocument runCommand(MongoDatabase db, Args a) {
        ClientSession s = a.session();
        BsonDocument cmd = a.document("command");
        a.ignore("commandName");
        ReadPreference rp = a.has("readPreference") ? DriverOptions.readPreference(a.document("readPreference"))
                : ReadPreference.primary();
        return s == null ? db.runCommand(cmd, rp, BsonDocument.class) : db.runCommand(s, cmd, rp, BsonDocument.class);
    }

    private static CommandCursor commandCursor(DatabaseEntity entity, Args a) {
        MongoDatabase db = entity.db();
        BsonDocument cmd = a.document("command").clone();
        a.ignore("commandName");
        Integer batchSize = a.integer("batchSize");
        BsonValue comment = a.get("comment");
        if (a.has("timeoutMode") || a.has("cursorType") || a.has("maxTimeMS")) {
            throw new UnsupportedFeatureException(a.operation() + " timeoutMode/cursorType/maxTimeMS");
        }
        ClientSession s = a.session();
        ClientSession session = s;
        boolean own = false;
        if (session == null) {
            session = entity.client().client().startSession();
            own = true;
        }
        return new CommandCursor(db, session, own, cmd, batchSize, comment);
    }

    private static Object createCollection(MongoDatabase db, Args a) {
        ClientSession s = a.session();
        String name = a.string("collection");
        if (a.has("viewOn")) {
            CreateViewOptions vo = new CreateViewOptions();
            if (a.has("collation")) {
                vo.collation(DriverOptions.collation(a.document("collation")));
            }
            List<BsonDocument> pipeline = a.documents("pipeline");
            if (s == null) {
                db.createView(name, a.string("viewOn"), pipeline, vo);
            } else {
                db.createView(s, name, a.string("viewOn"), pipeline, vo);
            }
            return null;
        }
        CreateCollectionOptions o = createOptions(a);
        if (s == null) {
            db.createCollection(name, o);
        } else {
            db.createCollection(s, name, o);
        }
        return null;
    }

    static CreateCollectionOptions createOptions(Args a) {
        CreateCollectionOptions o = new CreateCollectionOptions();
        if (a.has("capped")) {
            o.capped(a.bool("capped"));
        }
        if (a.has("size")) {
            o.sizeInBytes(a.longValue("size"));
        }
        if (a.has("max")) {
            o.maxDocuments(a.longValue("max"));
        }
        ValidationOptions v = new ValidationOptions();
        if (a.has("validator")) {
            v.validator(a.document("validator"));
        }
        if (a.has("validationLevel")) {
            v.validationLevel(ValidationLevel.fromString(a.string("validationLevel")));
        }
        if (a.has("validationAction")) {
            v.validationAction(ValidationAction.fromString(a.string("validationAction")));
        }
        o.validationOptions(v);
        if (a.has("collation")) {
            o.collation(DriverOptions.collation(a.document("collation")));
        }
        if (a.has("expireAfterSeconds")) {
            o.expireAfter(a.longValue("expireAfterSeconds"), TimeUnit.SECONDS);
        }
        return o;
    }
}
