package io.jmongos.bench.stats;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;

/**
 * The figures of one measured load: operations per second over the measured window and latency percentiles in
 * microseconds; errors counted apart (their latencies are not in the percentiles).
 */
public record LoadResult(String scenario, String target, int threads, long ops, long errors, double seconds,
                         double opsPerSec, double p50Micros, double p99Micros, double p999Micros, double maxMicros,
                         String firstError) {

    public static LoadResult of(String scenario, String target, int threads, LatencyHistogram h, long errors,
                                double seconds, String firstError) {
        return new LoadResult(scenario, target, threads, h.count(), errors, seconds,
                seconds > 0 ? h.count() / seconds : 0, h.percentile(50) / 1000.0, h.percentile(99) / 1000.0,
                h.percentile(99.9) / 1000.0, h.max() / 1000.0, firstError);
    }

    public BsonDocument toBson() {
        return new BsonDocument("scenario", new BsonString(scenario))
                .append("target", new BsonString(target))
                .append("threads", new BsonInt32(threads))
                .append("ops", new BsonInt64(ops))
                .append("errors", new BsonInt64(errors))
                .append("seconds", new BsonDouble(round(seconds)))
                .append("opsPerSec", new BsonDouble(round(opsPerSec)))
                .append("p50Micros", new BsonDouble(round(p50Micros)))
                .append("p99Micros", new BsonDouble(round(p99Micros)))
                .append("p999Micros", new BsonDouble(round(p999Micros)))
                .append("maxMicros", new BsonDouble(round(maxMicros)))
                .append("firstError", firstError == null ? BsonNull.VALUE : new BsonString(firstError));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
