package io.jmongos.engine.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.query.MatchDetails;
import io.jmongos.engine.query.SortSpec;
import io.jmongos.engine.storage.BsonBytes;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A blocking sort with a memory bound. With a limit it keeps only the top {@code skip + limit} documents
 * (a heap); without one it buffers all and fails past the bound like MongoDB without allowDiskUse.
 * Ties keep arrival order.
 */
final class SortBuffer {
    /** MongoDB's code when a blocking sort exceeds its memory limit without allowDiskUse. */
    static final int QUERY_EXCEEDED_MEMORY_LIMIT = 292;

    record Entry(BsonValue[] key, BsonDocument doc, MatchDetails details, long seq, int size) {
    }

    private final SortSpec spec;
    private final Comparator<Entry> order;
    private final long keep;
    private final long memoryLimit;
    private final PriorityQueue<Entry> heap;
    private final List<Entry> all = new ArrayList<>();
    private long bytes;
    private long seq;

    /** @param keep how many leading documents matter (skip + limit), 0 = all */
    SortBuffer(SortSpec spec, long keep, long memoryLimit) {
        this.spec = spec;
        Comparator<BsonValue[]> keys = spec.keyComparator();
        this.order = (a, b) -> {
            int c = keys.compare(a.key, b.key);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        };
        this.keep = keep;
        this.memoryLimit = memoryLimit;
        this.heap = keep > 0 ? new PriorityQueue<>(order.reversed()) : null;
    }

    void add(BsonDocument doc, MatchDetails details) {
        int size = BsonBytes.size(doc);
        Entry e = new Entry(spec.sortKey(doc), doc, details, seq++, size);
        if (heap != null) {
            if (heap.size() < keep) {
                heap.add(e);
                bytes += size;
            } else if (order.compare(e, heap.peek()) < 0) {
                bytes -= heap.poll().size();
                heap.add(e);
                bytes += size;
            }
        } else {
            all.add(e);
            bytes += size;
        }
        if (bytes > memoryLimit) {
            throw new CommandFailedException(QUERY_EXCEEDED_MEMORY_LIMIT, "QueryExceededMemoryLimitNoDiskUseAllowed",
                    "Sort exceeded memory limit of " + memoryLimit + " bytes, but did not opt in to external sorting.");
        }
    }

    /** The sorted entries; the buffer is empty afterwards. */
    List<Entry> drain() {
        List<Entry> out = heap != null ? new ArrayList<>(heap) : all;
        out.sort(order);
        return out;
    }
}
