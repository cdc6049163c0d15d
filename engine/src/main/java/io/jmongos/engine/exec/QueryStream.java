package io.jmongos.engine.exec;

import java.util.Iterator;

import io.jmongos.engine.query.MatchDetails;
import io.jmongos.engine.query.Projection;
import io.jmongos.engine.query.QueryMatcher;
import io.jmongos.engine.query.SortSpec;
import org.bson.BsonDocument;

/**
 * The find pipeline over a source stream: filter, optional blocking sort, skip, limit, projection.
 * Streams document by document unless a blocking sort is needed.
 */
public final class QueryStream implements DocumentStream {
    /** Check the deadline once per this many examined documents. */
    private static final int DEADLINE_CHECK_INTERVAL = 64;

    private final DocumentStream source;
    private final QueryMatcher matcher;
    private final SortSpec sort;
    private final long skip;
    private final long limit;
    private final Projection projection;
    private final long sortMemoryLimit;
    private Deadline deadline;
    private Iterator<SortBuffer.Entry> sorted;
    private long skipped;
    private long returned;
    private long examined;
    private boolean exhausted;

    /**
     * @param matcher    null for no filter
     * @param sort       null when the source order already is the sort
     * @param limit      0 for no limit
     * @param projection null for whole documents
     */
    public QueryStream(DocumentStream source, QueryMatcher matcher, SortSpec sort, long skip, long limit,
                       Projection projection, long sortMemoryLimit, Deadline deadline) {
        this.source = source;
        this.matcher = matcher;
        this.sort = sort == null || sort.isEmpty() ? null : sort;
        this.skip = skip;
        this.limit = limit;
        this.projection = projection;
        this.sortMemoryLimit = sortMemoryLimit;
        this.deadline = deadline;
    }

    @Override
    public void setDeadline(Deadline deadline) {
        this.deadline = deadline;
    }

    public long examined() {
        return examined;
    }

    @Override
    public BsonDocument next() {
        while (!exhausted) {
            if (limit > 0 && returned >= limit) {
                exhausted = true;
                break;
            }
            BsonDocument doc;
            MatchDetails details;
            if (sort != null) {
                if (sorted == null) {
                    sorted = fillSort();
                }
                if (!sorted.hasNext()) {
                    exhausted = true;
                    break;
                }
                SortBuffer.Entry e = sorted.next();
                doc = e.doc();
                details = e.details();
            } else {
                details = projection != null ? new MatchDetails() : null;
                doc = nextMatch(details);
                if (doc == null) {
                    exhausted = true;
                    break;
                }
            }
            if (skipped < skip) {
                skipped++;
                continue;
            }
            returned++;
            return projection != null ? projection.apply(doc, details) : doc;
        }
        return null;
    }

    private Iterator<SortBuffer.Entry> fillSort() {
        SortBuffer buffer = new SortBuffer(sort, limit > 0 ? skip + limit : 0, sortMemoryLimit);
        while (true) {
            MatchDetails details = projection != null ? new MatchDetails() : null;
            BsonDocument doc = nextMatch(details);
            if (doc == null) {
                break;
            }
            buffer.add(doc, details);
        }
        source.suspend();
        return buffer.drain().iterator();
    }

    private BsonDocument nextMatch(MatchDetails details) {
        while (true) {
            BsonDocument doc = source.next();
            if (doc == null) {
                return null;
            }
            if (++examined % DEADLINE_CHECK_INTERVAL == 0) {
                deadline.check();
            }
            if (matcher == null || matcher.matches(doc, details)) {
                return doc;
            }
        }
    }

    @Override
    public void suspend() {
        source.suspend();
    }

    @Override
    public void close() {
        source.close();
    }
}
