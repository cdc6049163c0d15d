package io.jmongos.it.spec;

import org.bson.BsonDocument;

/** One test of a spec file. */
record SpecCase(SpecFile file, BsonDocument test) {
    String description() {
        return test.getString("description").getValue();
    }

    /** "file:description", the key used by the expected-failures list and the reports. */
    String key() {
        return file.name() + ":" + description();
    }
}
