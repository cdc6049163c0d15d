package io.jmongos.engine.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.jmongos.engine.storage.BsonBytes;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;

/** Catalog entries as stored: key {@code "coll\0db\0name"}, value a BSON document. */
final class CatalogCodec {
    static final String COLLECTION_KEY_PREFIX = "coll\0";
    static final String VIEW_KEY_PREFIX = "view\0";
    static final byte[] NEXT_ID_KEY = "meta\0nextId".getBytes(StandardCharsets.UTF_8);

    private CatalogCodec() {
    }

    static byte[] key(Namespace ns) {
        return (COLLECTION_KEY_PREFIX + ns.db() + "\0" + ns.collection()).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encode(CollectionMeta c) {
        BsonArray indexes = new BsonArray();
        for (IndexMeta i : c.indexes()) {
            BsonDocument d = new BsonDocument("name", new BsonString(i.name())).append("key", i.keyPattern())
                    .append("id", new BsonInt64(i.id())).append("unique", BsonBoolean.valueOf(i.unique()))
                    .append("sparse", BsonBoolean.valueOf(i.sparse()))
                    .append("multikey", BsonBoolean.valueOf(i.multikey()));
            if (i.partialFilter() != null) {
                d.append("partialFilterExpression", i.partialFilter());
            }
            if (i.expireAfterSeconds() != null) {
                d.append("expireAfterSeconds", new BsonInt64(i.expireAfterSeconds()));
            }
            indexes.add(d);
        }
        BsonDocument doc = new BsonDocument("db", new BsonString(c.ns().db()))
                .append("name", new BsonString(c.ns().collection()))
                .append("uuid", new BsonBinary(c.uuid(), UuidRepresentation.STANDARD))
                .append("id", new BsonInt64(c.id())).append("options", c.options())
                .append("version", new BsonInt64(c.version())).append("indexes", indexes);
        return BsonBytes.toBytes(doc);
    }

    static CollectionMeta decode(byte[] bytes) {
        BsonDocument d = BsonBytes.toDocument(bytes);
        List<IndexMeta> indexes = new ArrayList<>();
        for (BsonValue v : d.getArray("indexes")) {
            BsonDocument i = v.asDocument();
            indexes.add(new IndexMeta(i.getString("name").getValue(), i.getDocument("key"),
                    i.getInt64("id").getValue(), i.getBoolean("unique").getValue(),
                    i.getBoolean("sparse").getValue(), i.getDocument("partialFilterExpression", null),
                    i.containsKey("expireAfterSeconds") ? i.getInt64("expireAfterSeconds").getValue() : null,
                    i.getBoolean("multikey").getValue()));
        }
        Namespace ns = new Namespace(d.getString("db").getValue(), d.getString("name").getValue());
        return new CollectionMeta(ns, d.getBinary("uuid").asUuid(UuidRepresentation.STANDARD),
                d.getInt64("id").getValue(), d.getDocument("options"), indexes, d.getInt64("version").getValue());
    }

    static byte[] viewKey(Namespace ns) {
        return (VIEW_KEY_PREFIX + ns.db() + "\0" + ns.collection()).getBytes(StandardCharsets.UTF_8);
    }

    /** A view as stored: {@code {_id: "db.name", db, name, viewOn, pipeline}}, as in MongoDB's system.views. */
    static byte[] encodeView(ViewMeta v) {
        return BsonBytes.toBytes(new BsonDocument("_id", new BsonString(v.ns().full()))
                .append("db", new BsonString(v.ns().db())).append("name", new BsonString(v.ns().collection()))
                .append("viewOn", new BsonString(v.viewOn())).append("pipeline", v.pipeline()));
    }

    static ViewMeta decodeView(byte[] bytes) {
        BsonDocument d = BsonBytes.toDocument(bytes);
        return new ViewMeta(new Namespace(d.getString("db").getValue(), d.getString("name").getValue()),
                d.getString("viewOn").getValue(), d.getArray("pipeline"));
    }
}
