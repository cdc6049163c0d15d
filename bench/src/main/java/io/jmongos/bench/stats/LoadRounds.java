package io.jmongos.bench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;

/**
 * The figures of one load (scenario, target, thread count) over its rounds: throughput is the median of the
 * rounds' ops/s (mean of the two middle rounds for an even count) with the min and max round beside it, so the
 * noise is visible; latency percentiles come from the histograms of all rounds merged (every operation of every
 * round, so a tail percentile rests on R times the samples of one window). Errors are summed.
 */
public record LoadRounds(String scenario, String target, int threads, List<LoadResult> rounds, double opsPerSec,
                         double minOpsPerSec, double maxOpsPerSec, long ops, long errors, double p50Micros,
                         double p99Micros, double p999Micros, double maxMicros, String firstError, long compiles) {

    public LoadRounds {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a load has at least one round");
        }
        rounds = List.copyOf(rounds);
    }

    /**
     * Aggregate the windows of one load's rounds; {@code compiles} is the number of methods the target's JIT
     * compiled while they ran (-1 when unknown).
     */
    public static LoadRounds of(List<LoadResult> rounds, List<LatencyHistogram> histograms, long compiles) {
        if (rounds.isEmpty() || rounds.size() != histograms.size()) {
            throw new IllegalArgumentException("one histogram per round, at least one round");
        }
        LoadResult first = rounds.get(0);
        LatencyHistogram all = new LatencyHistogram();
        histograms.forEach(all::add);
        double[] ops = rounds.stream().mapToDouble(LoadResult::opsPerSec).toArray();
        long errors = rounds.stream().mapToLong(LoadResult::errors).sum();
        String firstError = rounds.stream().map(LoadResult::firstError).filter(Objects::nonNull).findFirst()
                .orElse(null);
        return new LoadRounds(first.scenario(), first.target(), first.threads(), rounds, median(ops),
                Arrays.stream(ops).min().orElse(0), Arrays.stream(ops).max().orElse(0), all.count(), errors,
                all.percentile(50) / 1000.0, all.percentile(99) / 1000.0, all.percentile(99.9) / 1000.0,
                all.max() / 1000.0, firstError, compiles);
    }

    /** The median of {@code values}: the middle one, or the mean of the two middle ones for an even count. */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of nothing");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** max − min of the rounds' ops/s. */
    public double spread() {
        return maxOpsPerSec - minOpsPerSec;
    }

    /**
     * Whether the medians of {@code a} and {@code b} differ by more than the spread of either (the larger
     * max − min of the two): a difference the rounds' own noise does not explain.
     */
    public static boolean significant(LoadRounds a, LoadRounds b) {
        return Math.abs(a.opsPerSec - b.opsPerSec) > Math.max(a.spread(), b.spread());
    }

    public BsonDocument toBson() {
        List<BsonDocument> r = new ArrayList<>();
        rounds.forEach(l -> r.add(new BsonDocument("opsPerSec", new BsonDouble(round(l.opsPerSec())))
                .append("ops", new BsonInt64(l.ops())).append("errors", new BsonInt64(l.errors()))
                .append("seconds", new BsonDouble(round(l.seconds())))
                .append("p50Micros", new BsonDouble(round(l.p50Micros())))
                .append("p99Micros", new BsonDouble(round(l.p99Micros())))
                .append("p999Micros", new BsonDouble(round(l.p999Micros())))));
        return new BsonDocument("scenario", new BsonString(scenario))
                .append("target", new BsonString(target))
                .append("threads", new BsonInt32(threads))
                .append("opsPerSec", new BsonDouble(round(opsPerSec)))
                .append("minOpsPerSec", new BsonDouble(round(minOpsPerSec)))
                .append("maxOpsPerSec", new BsonDouble(round(maxOpsPerSec)))
                .append("ops", new BsonInt64(ops))
                .append("errors", new BsonInt64(errors))
                .append("p50Micros", new BsonDouble(round(p50Micros)))
                .append("p99Micros", new BsonDouble(round(p99Micros)))
                .append("p999Micros", new BsonDouble(round(p999Micros)))
                .append("maxMicros", new BsonDouble(round(maxMicros)))
                .append("compilesDuringLoad", new BsonInt64(compiles))
                .append("firstError", firstError == null ? BsonNull.VALUE : new BsonString(firstError))
                .append("rounds", new BsonArray(r));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
