package io.jmongos.bench.report;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;

/** One of issue 7's (or 5's) bars: what was measured against what is required; met null when not measured. */
public record Bar(String name, String measured, String required, Boolean met) {
    public BsonDocument toBson() {
        return new BsonDocument("name", new BsonString(name)).append("measured", new BsonString(measured))
                .append("required", new BsonString(required))
                .append("met", met == null ? BsonNull.VALUE : BsonBoolean.valueOf(met));
    }

    public String verdict() {
        return met == null ? "not measured" : met ? "met" : "**missed**";
    }
}
