package io.jmongos.it.spec;

import com.mongodb.client.MongoDatabase;

/** A {@code database} entity and the client entity it came from. */
record DatabaseEntity(MongoDatabase db, ClientEntity client) {
}
