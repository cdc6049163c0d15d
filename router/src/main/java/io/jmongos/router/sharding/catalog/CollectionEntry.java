package io.jmongos.router.sharding.catalog;

import java.util.UUID;

import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.UuidRepresentation;
import org.bson.types.ObjectId;

/**
 * One {@code config.collections} document in MongoDB's schema (CollectionType, MongoDB 5.0+): {@code _id} the
 * namespace, {@code lastmodEpoch} and {@code timestamp} (the incarnation), {@code lastmod} (a date), {@code uuid},
 * {@code key}, {@code unique}, {@code noBalance}, and {@code defaultCollation} when the collection has one.
 */
public record CollectionEntry(String ns, UUID uuid, ObjectId epoch, BsonTimestamp timestamp, long lastmodMillis,
                              BsonDocument key, boolean unique, boolean noBalance, BsonDocument defaultCollation) {
    public BsonDocument toBson() {
        BsonDocument d = new BsonDocument("_id", new BsonString(ns))
                .append("lastmodEpoch", new BsonObjectId(epoch))
                .append("lastmod", new BsonDateTime(lastmodMillis))
                .append("timestamp", timestamp)
                .append("uuid", new BsonBinary(uuid, UuidRepresentation.STANDARD))
                .append("key", key)
                .append("unique", BsonBoolean.valueOf(unique));
        if (defaultCollation != null && !defaultCollation.isEmpty()) {
            d.append("defaultCollation", defaultCollation);
        }
        d.append("noBalance", BsonBoolean.valueOf(noBalance));
        return d;
    }

    /** Read a config.collections document (fields missing in older schemas take MongoDB's defaults). */
    public static CollectionEntry parse(BsonDocument d) {
        return new CollectionEntry(d.getString("_id").getValue(),
                d.getBinary("uuid").asUuid(UuidRepresentation.STANDARD),
                d.getObjectId("lastmodEpoch").getValue(), d.getTimestamp("timestamp"),
                d.isDateTime("lastmod") ? d.getDateTime("lastmod").getValue() : 0,
                d.getDocument("key"), d.isBoolean("unique") && d.getBoolean("unique").getValue(),
                d.isBoolean("noBalance") && d.getBoolean("noBalance").getValue(),
                d.isDocument("defaultCollation") ? d.getDocument("defaultCollation") : null);
    }

    public String db() {
        return ns.substring(0, ns.indexOf('.'));
    }

    public String collection() {
        return ns.substring(ns.indexOf('.') + 1);
    }
}
