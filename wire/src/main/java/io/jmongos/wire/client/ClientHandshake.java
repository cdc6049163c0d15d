package io.jmongos.wire.client;

import io.jmongos.wire.MessageHeader;
import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireLimits;
import io.jmongos.wire.client.WireClientException.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The client side of the connection handshake: the {@code hello} to send and what the reply settles. Compression
 * follows MongoDB's compression specification: the client lists the compressors it offers, the server answers with
 * those it accepts, the client then uses one of them (here: the first of its own preference the server accepted) for
 * every message except the handshake and authentication commands.
 */
final class ClientHandshake {
    /**
     * Commands never sent compressed (compression specification, "Messages not allowed to be compressed"): the
     * handshake and authentication commands, whose contents must not be exposed to compression side channels.
     */
    static final Set<String> NEVER_COMPRESSED = Set.of("hello", "isMaster", "ismaster", "saslStart", "saslContinue",
            "getnonce", "authenticate", "createUser", "updateUser", "copydbSaslStart", "copydbgetnonce", "copydb");
    /** Smallest maxMessageSizeBytes a server may announce: one message header. */
    static final int MIN_ANNOUNCED_MESSAGE_SIZE = MessageHeader.SIZE;
    /** Smallest maxBsonObjectSize a server may announce: the empty document. */
    static final int MIN_ANNOUNCED_BSON_SIZE = WireLimits.MIN_BSON_SIZE;
    /** Smallest maxWriteBatchSize a server may announce. */
    static final int MIN_ANNOUNCED_WRITE_BATCH = 1;
    /** Largest maxWriteBatchSize accepted: MongoDB's 100,000 (write_ops::kMaxWriteBatchSize) times ten for headroom. */
    static final int MAX_ANNOUNCED_WRITE_BATCH = 1_000_000;

    private ClientHandshake() {
    }

    /** The hello document (with {@code $db: admin}) for these options. */
    static BsonDocument hello(WireClientOptions options) {
        BsonDocument hello = new BsonDocument("hello", new BsonInt32(1));
        options.helloFields().forEach(hello::put);
        if (!options.compressors().isEmpty()) {
            BsonArray names = new BsonArray();
            options.compressors().forEach(c -> names.add(new BsonString(c.handshakeName())));
            hello.put("compression", names);
        }
        hello.put("$db", new BsonString("admin"));
        return hello;
    }

    /**
     * Checks the hello reply and returns the compressor to use ({@link WireCompressor#NOOP} for none).
     *
     * @throws WireClientException HANDSHAKE_FAILED for an error reply, PROTOCOL for numbers out of range or a
     *                             compressor that was not offered
     */
    static WireCompressor settle(BsonDocument reply, List<WireCompressor> offered) {
        BsonValue ok = reply.get("ok");
        if (ok == null || !ok.isNumber() || ok.asNumber().doubleValue() != 1.0) {
            throw new WireClientException(Kind.HANDSHAKE_FAILED, "handshake failed: " + reply.toJson());
        }
        checkRange(reply, "maxMessageSizeBytes", MIN_ANNOUNCED_MESSAGE_SIZE, MessageHeader.MAX_MESSAGE_SIZE);
        checkRange(reply, "maxBsonObjectSize", MIN_ANNOUNCED_BSON_SIZE, WireLimits.MAX_BSON_SIZE);
        checkRange(reply, "maxWriteBatchSize", MIN_ANNOUNCED_WRITE_BATCH, MAX_ANNOUNCED_WRITE_BATCH);
        if (!reply.containsKey("compression")) {
            return WireCompressor.NOOP;
        }
        if (!reply.isArray("compression")) {
            throw protocol("hello reply field compression is a " + reply.get("compression").getBsonType()
                    + ", not an array");
        }
        EnumSet<WireCompressor> accepted = EnumSet.noneOf(WireCompressor.class);
        for (BsonValue name : reply.getArray("compression")) {
            if (!name.isString()) {
                throw protocol("hello reply compression entry is a " + name.getBsonType() + ", not a string");
            }
            Optional<WireCompressor> c = WireCompressor.fromHandshakeName(name.asString().getValue());
            if (c.isEmpty() || !offered.contains(c.get())) {
                throw protocol("hello reply accepts compressor '" + name.asString().getValue()
                        + "', which was not offered");
            }
            accepted.add(c.get());
        }
        for (WireCompressor c : offered) {
            if (accepted.contains(c)) {
                return c;
            }
        }
        return WireCompressor.NOOP;
    }

    private static void checkRange(BsonDocument reply, String field, long min, long max) {
        BsonValue v = reply.get(field);
        if (v == null) {
            return;
        }
        if (!v.isNumber()) {
            throw protocol("hello reply field " + field + " is a " + v.getBsonType() + ", not a number");
        }
        long n = v.asNumber().longValue();
        if (n < min || n > max) {
            throw protocol("hello reply field " + field + " is " + n + ", outside " + min + " … " + max);
        }
    }

    private static WireClientException protocol(String reason) {
        return new WireClientException(Kind.PROTOCOL, reason);
    }
}
