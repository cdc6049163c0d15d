package io.jmongos.it.spec;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;

/** Dispatch of operations on a client entity. */
final class ClientOperations {
    private ClientOperations() {
    }

    static Object run(ClientEntity entity, String name, Args a, Entities entities) {
        MongoClient client = entity.client();
        return switch (name) {
            case "listDatabases" -> {
                ClientSession s = a.session();
                var it = s == null ? client.listDatabases(BsonDocument.class)
                        : client.listDatabases(s, BsonDocument.class);
                if (a.has("filter")) {
                    it.filter(a.document("filter"));
                }
                if (a.has("nameOnly")) {
                    it.nameOnly(a.bool("nameOnly"));
                }
                if (a.has("authorizedDatabases")) {
                    it.authorizedDatabasesOnly(a.bool("authorizedDatabases"));
                }
                yield DriverResults.all(it);
            }
            case "listDatabaseNames" -> {
                ClientSession s = a.session();
                BsonArray names = new BsonArray();
                (s == null ? client.listDatabaseNames() : client.listDatabaseNames(s))
                        .forEach(n -> names.add(new BsonString(n)));
                yield names;
            }
            case "createChangeStream" -> ChangeStreams.open(client, a);
            case "clientBulkWrite" -> ClientBulkWriteOperation.run(entity, a, entities);
            default -> throw new UnsupportedFeatureException("client operation " + name);
        };
    }
}
