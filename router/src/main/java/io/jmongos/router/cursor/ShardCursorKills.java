package io.jmongos.router.cursor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jmongos.router.shard.Shard;

/**
 * Shard cursors killed together (a load-balancer disconnect cleanup of many connections): collected by shard and
 * namespace, then closed with one {@code killCursors} per shard and namespace listing all their ids, as a mongod
 * accepts, instead of one command per cursor. Other sources are not collected (the caller kills them itself).
 * One thread at a time.
 */
final class ShardCursorKills {
    /**
     * Most cursor ids in one killCursors: 100,000. A BSON array element of an int64 takes at most 16 bytes (type
     * byte, a key of up to 6 digits and its NUL, 8 bytes), so the command stays near 1.6 MB, far under
     * MongoDB's 16 MiB maxBsonObjectSize; the count is jmongos' own choice.
     */
    static final int MAX_IDS_PER_COMMAND = 100_000;

    /** Where a group of ids goes. A plain class: a record's equals/hashCode bootstrap costs on a cold first use. */
    private static final class Target {
        private final Shard shard;
        private final String db;
        private final String collection;

        Target(Shard shard, String db, String collection) {
            this.shard = shard;
            this.db = db;
            this.collection = collection;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Target t && t.shard == shard && t.db.equals(db) && t.collection.equals(collection);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(shard) * 31 + db.hashCode()) * 31 + collection.hashCode();
        }
    }

    private final Map<Target, List<Long>> ids = new LinkedHashMap<>();

    /**
     * Take over the kill of {@code source} if it is a shard cursor: true when it will be killed by {@link #send}
     * (or was closed already), false when the caller must kill it itself.
     */
    boolean add(CursorSource source) {
        if (!(source instanceof ShardCursorSource s)) {
            return false;
        }
        if (s.claimKill()) {
            Target t = new Target(s.shard(), s.db(), s.collection());
            List<Long> list = ids.get(t);
            if (list == null) {
                list = new ArrayList<>();
                ids.put(t, list);
            }
            list.add(s.shardCursorId());
        }
        return true;
    }

    /** Send the collected kills; failures are logged at debug level only, as for one cursor. */
    void send() {
        for (Map.Entry<Target, List<Long>> e : ids.entrySet()) {
            Target t = e.getKey();
            List<Long> list = e.getValue();
            for (int from = 0; from < list.size(); from += MAX_IDS_PER_COMMAND) {
                List<Long> part = list.subList(from, Math.min(list.size(), from + MAX_IDS_PER_COMMAND));
                ShardCursorSource.sendKill(t.shard, t.db, t.collection, part);
            }
        }
        ids.clear();
    }
}
