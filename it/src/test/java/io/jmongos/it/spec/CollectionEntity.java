package io.jmongos.it.spec;

import org.bson.BsonDocument;

import com.mongodb.client.MongoCollection;

/** A {@code collection} entity and the client entity it came from. */
record CollectionEntity(MongoCollection<BsonDocument> coll, ClientEntity client) {
}
