package io.jmongos.router.status;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.bson.BsonDocument;
import org.bson.BsonInt64;

/**
 * {@code serverStatus.network}: bytes in/out on client sockets, requests received, and per-compressor
 * figures in MongoDB's shape ({@code compression.<name>.compressor|decompressor.bytesIn|bytesOut}).
 * For a compressor, bytesIn is what went into it and bytesOut what came out; jmongos adds
 * {@code messages} (how many messages it handled) so tests can see that compression was used.
 */
public final class NetworkCounters implements ServerStatusSection {
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder numRequests = new LongAdder();
    private final Map<String, CompressionCounter> compression = new ConcurrentHashMap<>();

    public void bytesIn(long n) {
        bytesIn.add(n);
    }

    public void bytesOut(long n) {
        bytesOut.add(n);
    }

    public void request() {
        numRequests.increment();
    }

    /** A compressed request was decompressed: {@code compressedSize} in, {@code plainSize} out. */
    public void decompressed(String compressor, long compressedSize, long plainSize) {
        counter(compressor).decompressor.record(compressedSize, plainSize);
    }

    /** A reply was compressed: {@code plainSize} in, {@code compressedSize} out. */
    public void compressed(String compressor, long plainSize, long compressedSize) {
        counter(compressor).compressor.record(plainSize, compressedSize);
    }

    private CompressionCounter counter(String compressor) {
        return compression.computeIfAbsent(compressor, k -> new CompressionCounter());
    }

    public long numRequests() {
        return numRequests.sum();
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public BsonDocument report() {
        BsonDocument comp = new BsonDocument();
        new java.util.TreeMap<>(compression).forEach((name, c) -> comp.put(name, new BsonDocument(
                "compressor", c.compressor.report()).append("decompressor", c.decompressor.report())));
        return new BsonDocument("bytesIn", new BsonInt64(bytesIn.sum()))
                .append("bytesOut", new BsonInt64(bytesOut.sum()))
                .append("physicalBytesIn", new BsonInt64(bytesIn.sum()))
                .append("physicalBytesOut", new BsonInt64(bytesOut.sum()))
                .append("numRequests", new BsonInt64(numRequests.sum()))
                .append("compression", comp);
    }

    private static final class CompressionCounter {
        private final Direction compressor = new Direction();
        private final Direction decompressor = new Direction();
    }

    private static final class Direction {
        private final LongAdder in = new LongAdder();
        private final LongAdder out = new LongAdder();
        private final LongAdder messages = new LongAdder();

        void record(long inBytes, long outBytes) {
            in.add(inBytes);
            out.add(outBytes);
            messages.increment();
        }

        BsonDocument report() {
            return new BsonDocument("bytesIn", new BsonInt64(in.sum()))
                    .append("bytesOut", new BsonInt64(out.sum()))
                    .append("messages", new BsonInt64(messages.sum()));
        }
    }
}
