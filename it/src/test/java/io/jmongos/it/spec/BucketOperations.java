package io.jmongos.it.spec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

import org.bson.BsonBinary;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.Document;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;

/** GridFS: the {@code bucket} entity and its delete, download and upload operations. */
final class BucketOperations {
    private BucketOperations() {
    }

    static GridFSBucket create(MongoDatabase db, Args options) {
        GridFSBucket bucket = options.has("bucketName") ? GridFSBuckets.create(db, options.string("bucketName"))
                : GridFSBuckets.create(db);
        if (options.has("chunkSizeBytes")) {
            bucket = bucket.withChunkSizeBytes(options.integer("chunkSizeBytes"));
        }
        if (options.has("writeConcern")) {
            bucket = bucket.withWriteConcern(DriverOptions.writeConcern(options.document("writeConcern")));
        }
        if (options.has("readConcern")) {
            bucket = bucket.withReadConcern(DriverOptions.readConcern(options.document("readConcern")));
        }
        if (options.has("readPreference")) {
            bucket = bucket.withReadPreference(DriverOptions.readPreference(options.document("readPreference")));
        }
        return bucket;
    }

    static Object run(GridFSBucket bucket, String name, Args a) {
        ClientSession s = a.session();
        switch (name) {
            case "delete" -> {
                BsonValue id = a.require("id");
                if (s == null) {
                    bucket.delete(id);
                } else {
                    bucket.delete(s, id);
                }
                return null;
            }
            case "download" -> {
                BsonValue id = a.require("id");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                if (s == null) {
                    bucket.downloadToStream(id, out);
                } else {
                    bucket.downloadToStream(s, id, out);
                }
                return new BsonBinary(out.toByteArray());
            }
            case "upload" -> {
                String filename = a.string("filename");
                byte[] source = hexBytes(a.require("source"));
                GridFSUploadOptions o = new GridFSUploadOptions();
                if (a.has("chunkSizeBytes")) {
                    o.chunkSizeBytes(a.integer("chunkSizeBytes"));
                }
                if (a.has("metadata")) {
                    o.metadata(Document.parse(a.document("metadata").toJson()));
                }
                ByteArrayInputStream in = new ByteArrayInputStream(source);
                return new BsonObjectId(s == null ? bucket.uploadFromStream(filename, in, o)
                        : bucket.uploadFromStream(s, filename, in, o));
            }
            default -> throw new UnsupportedFeatureException("bucket operation " + name);
        }
    }

    /** {@code {$$hexBytes: "0a1b..."}}: the bytes of a GridFS upload. */
    private static byte[] hexBytes(BsonValue v) {
        if (!v.isDocument() || !v.asDocument().containsKey("$$hexBytes")) {
            throw new UnsupportedFeatureException("upload source other than $$hexBytes");
        }
        return HexFormat.of().parseHex(v.asDocument().getString("$$hexBytes").getValue().toLowerCase());
    }
}
