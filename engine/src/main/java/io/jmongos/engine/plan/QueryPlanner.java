package io.jmongos.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.query.FieldPath;
import io.jmongos.engine.query.SortSpec;
import io.jmongos.engine.storage.Keys;
import io.jmongos.engine.write.ShellFormat;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Chooses an access path, simply: the index (the _id record store counts as one) whose key prefix is
 * bounded by the most equality fields, then a range; failing that, an index whose key order gives the
 * requested sort; failing that, a collection scan. Partial indexes are used only when hinted; sparse
 * indexes only with bounds (their entries miss documents without the field).
 */
public final class QueryPlanner {
    private static final int[] ID_DIRECTIONS = {1};

    private QueryPlanner() {
    }

    /**
     * @param snapshotSequence the reading snapshot's sequence: indexes built after it are not used
     */
    public static QueryPlan plan(CollectionMeta c, BsonDocument filter, SortSpec sort, BsonValue hint,
                                 long snapshotSequence) {
        List<IndexMeta> usable = new ArrayList<>();
        for (IndexMeta i : c.indexes()) {
            if (i.visibleAt(snapshotSequence)) {
                usable.add(i);
            }
        }
        return plan(c, usable, filter, sort, hint);
    }

    private static QueryPlan plan(CollectionMeta c, List<IndexMeta> indexes, BsonDocument filter, SortSpec sort,
                                  BsonValue hint) {
        Map<String, FieldBounds> bounds = PredicateExtractor.extract(filter);
        if (hint != null && !isEmptyHint(hint)) {
            return hinted(c, indexes, bounds, sort, hint);
        }
        Candidate best = null;
        Candidate id = idCandidate(c, bounds, sort);
        if (id.score > 0) {
            best = id;
        }
        for (IndexMeta index : indexes) {
            if (index.partialFilter() != null || index.hashedField() >= 0) {
                continue; // a hashed index keeps hashes: never planned on (a scan answers the same)
            }
            Candidate cand = indexCandidate(c, index, bounds, sort);
            if (cand.score > 0 && (best == null || cand.score > best.score)) {
                best = cand;
            }
        }
        if (best != null) {
            return best.plan;
        }
        if (!sort.isEmpty()) {
            if (id.plan.providesSort()) {
                return id.plan;
            }
            for (IndexMeta index : indexes) {
                if (index.partialFilter() == null && !index.sparse()) {
                    Candidate cand = indexCandidate(c, index, bounds, sort);
                    if (cand.plan.providesSort()) {
                        return cand.plan;
                    }
                }
            }
        }
        return collectionScan(c, sort);
    }

    private static boolean isEmptyHint(BsonValue hint) {
        return hint.isDocument() && hint.asDocument().isEmpty() || hint.isString() && hint.asString().getValue()
                .isEmpty();
    }

    private static QueryPlan hinted(CollectionMeta c, List<IndexMeta> indexes, Map<String, FieldBounds> bounds,
                                    SortSpec sort, BsonValue hint) {
        if (hint.isDocument() && hint.asDocument().containsKey("$natural")) {
            boolean reverse = hint.asDocument().get("$natural").isNumber()
                    && hint.asDocument().get("$natural").asNumber().doubleValue() < 0;
            return new QueryPlan(null, false, List.of(fullRange(c.recordPrefix())), reverse, false, false,
                    BsonDocument::new);
        }
        boolean isId = hint.isString() ? hint.asString().getValue().equals(CollectionMeta.ID_INDEX_NAME)
                : hint.isDocument() && hint.asDocument().equals(new BsonDocument("_id", new org.bson.BsonInt32(1)));
        if (isId) {
            QueryPlan p = idCandidate(c, bounds, sort).plan;
            return new QueryPlan(null, true, p.ranges(), p.reverse(), p.providesSort(), false, p.boundsSource());
        }
        for (IndexMeta index : indexes) {
            boolean match = hint.isString() ? index.name().equals(hint.asString().getValue())
                    : hint.isDocument() && index.keyPattern().equals(hint.asDocument());
            if (match && index.hashedField() >= 0) {
                return collectionScan(c, sort);
            }
            if (match) {
                return indexCandidate(c, index, bounds, sort).plan;
            }
        }
        throw new CommandFailedException(ErrorCode.BAD_VALUE,
                "hint provided does not correspond to an existing index");
    }

    private static QueryPlan collectionScan(CollectionMeta c, SortSpec sort) {
        boolean reverse = sort.isEmpty() && sort.naturalDirection() < 0;
        return new QueryPlan(null, false, List.of(fullRange(c.recordPrefix())), reverse, false, false,
                BsonDocument::new);
    }

    private static KeyRange fullRange(byte[] prefix) {
        return new KeyRange(prefix, Keys.successor(prefix));
    }

    private record Candidate(QueryPlan plan, int score) {
    }

    private static Candidate idCandidate(CollectionMeta c, Map<String, FieldBounds> bounds, SortSpec sort) {
        List<FieldBounds> fields = new ArrayList<>();
        fields.add(bounds.get("_id"));
        IntervalBuilder.Built built = IntervalBuilder.build(c.recordPrefix(), fields, ID_DIRECTIONS, false);
        int score = score(built, true);
        SortCheck s = sortCheck(List.of(FieldPath.of("_id")), ID_DIRECTIONS, built, bounds, sort, false);
        boolean idRanges = score > 0 || s.provides && !sort.isEmpty();
        QueryPlan plan = new QueryPlan(null, idRanges, built.ranges(), s.reverse, s.provides, false,
                () -> explainBounds(List.of("_id"), fields, built));
        return new Candidate(plan, score);
    }

    private static Candidate indexCandidate(CollectionMeta c, IndexMeta index, Map<String, FieldBounds> bounds,
                                            SortSpec sort) {
        List<FieldBounds> fields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int[] dirs = new int[index.paths().size()];
        for (int i = 0; i < dirs.length; i++) {
            names.add(index.paths().get(i).dotted());
            fields.add(bounds.get(names.get(i)));
            dirs[i] = index.direction(i);
        }
        IntervalBuilder.Built built = IntervalBuilder.build(index.prefix(), fields, dirs, index.multikey());
        int score = score(built, index.unique());
        SortCheck s = sortCheck(index.paths(), dirs, built, bounds, sort, index.multikey());
        if (score > 0 && s.provides && !sort.isEmpty()) {
            score++;
        }
        QueryPlan plan = new QueryPlan(index, false, built.ranges(), s.reverse, s.provides, index.multikey(),
                () -> explainBounds(names, fields, built));
        return new Candidate(plan, score);
    }

    /** Points count double, a range once; a unique index fully bound by points wins ties. */
    private static int score(IntervalBuilder.Built built, boolean unique) {
        int s = built.pointFields() * 4 + (built.rangeField() ? 2 : 0);
        return s > 0 && unique ? s + 1 : s;
    }

    private record SortCheck(boolean provides, boolean reverse) {
    }

    /** Whether scanning the ranges in (reverse) key order yields the requested sort. */
    private static SortCheck sortCheck(List<FieldPath> paths, int[] dirs, IntervalBuilder.Built built,
                                       Map<String, FieldBounds> bounds, SortSpec sort, boolean multikey) {
        if (sort.isEmpty()) {
            return new SortCheck(true, false);
        }
        if (multikey || built.combinations() > 1) {
            return new SortCheck(false, false);
        }
        int k = built.pointFields();
        List<SortSpec.Field> remaining = new ArrayList<>();
        for (SortSpec.Field f : sort.fields()) {
            int pos = paths.indexOf(f.path());
            boolean pinned = pos >= 0 && pos < k && bounds.get(f.path().dotted()).points.size() == 1;
            if (!pinned) {
                remaining.add(f);
            }
        }
        if (remaining.isEmpty()) {
            return new SortCheck(true, false);
        }
        if (k + remaining.size() > paths.size()) {
            return new SortCheck(false, false);
        }
        Boolean reverse = null;
        for (int i = 0; i < remaining.size(); i++) {
            SortSpec.Field f = remaining.get(i);
            if (!paths.get(k + i).equals(f.path())) {
                return new SortCheck(false, false);
            }
            boolean same = (dirs[k + i] > 0) == f.ascending();
            if (reverse == null) {
                reverse = !same;
            } else if (reverse == same) {
                return new SortCheck(false, false);
            }
        }
        return new SortCheck(true, reverse);
    }

    private static BsonDocument explainBounds(List<String> names, List<FieldBounds> fields,
                                              IntervalBuilder.Built built) {
        BsonDocument out = new BsonDocument();
        for (int i = 0; i < names.size(); i++) {
            FieldBounds b = fields.get(i);
            BsonArray arr = new BsonArray();
            if (i < built.pointFields()) {
                b.points.forEach(p -> arr.add(new BsonString("[" + ShellFormat.format(p) + ", "
                        + ShellFormat.format(p) + "]")));
            } else if (i == built.pointFields() && built.rangeField()) {
                arr.add(new BsonString((b.lower == null || !b.lowerInclusive ? "(" : "[")
                        + (b.lower == null ? "MinKey" : ShellFormat.format(b.lower)) + ", "
                        + (b.upper == null ? "MaxKey" : ShellFormat.format(b.upper))
                        + (b.upper == null || !b.upperInclusive ? ")" : "]")));
            } else {
                arr.add(new BsonString("[MinKey, MaxKey]"));
            }
            out.append(names.get(i), arr);
        }
        return out;
    }
}
