package io.jmongos.bench.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

import io.jmongos.bench.cpu.CpuUse;
import io.jmongos.bench.stats.LoadRounds;

/** Everything one run measured and recorded, in the order it happened. */
public final class BenchResults {
    private final BsonDocument meta;
    private final List<LoadRounds> loads = new ArrayList<>();
    private final BsonArray unsupported = new BsonArray();
    private final BsonArray problems = new BsonArray();
    private final BsonDocument targets = new BsonDocument();
    private final BsonDocument scale = new BsonDocument();
    private final List<String> targetOrder = new ArrayList<>();
    /** CPU per load, keyed by {@link #key}. */
    private final Map<String, CpuUse> cpu = new HashMap<>();

    public BenchResults(BsonDocument meta) {
        this.meta = meta;
    }

    public BsonDocument meta() {
        return meta;
    }

    public synchronized void addLoad(LoadRounds r) {
        loads.add(r);
    }

    public synchronized List<LoadRounds> loads() {
        return List.copyOf(loads);
    }

    /** The CPU the target's processes and the load generator used during the measured windows of {@code r}. */
    public synchronized void addCpu(LoadRounds r, CpuUse use) {
        cpu.put(key(r.scenario(), r.target(), r.threads()), use);
    }

    /** The CPU of scenario/target/threads, or null when not measured. */
    public synchronized CpuUse cpu(String scenario, String target, int threads) {
        return cpu.get(key(scenario, target, threads));
    }

    private static String key(String scenario, String target, int threads) {
        return scenario + '\u0000' + target + '\u0000' + threads;
    }

    /** The rounds of scenario/target/threads, or null. */
    public synchronized LoadRounds find(String scenario, String target, int threads) {
        for (LoadRounds r : loads) {
            if (r.scenario().equals(scenario) && r.target().equals(target) && r.threads() == threads) {
                return r;
            }
        }
        return null;
    }

    public synchronized void unsupported(String target, String scenario, String reason) {
        unsupported.add(new BsonDocument("target", new BsonString(target)).append("scenario", new BsonString(scenario))
                .append("reason", new BsonString(reason)));
    }

    public BsonArray unsupported() {
        return unsupported;
    }

    /** A failure that is not a measurement (a target that did not start, a scale test that broke). */
    public synchronized void problem(String where, String what) {
        problems.add(new BsonDocument("where", new BsonString(where)).append("what", new BsonString(what)));
    }

    public BsonArray problems() {
        return problems;
    }

    public synchronized void target(String id, BsonDocument info) {
        targets.append(id, info);
        if (!targetOrder.contains(id)) {
            targetOrder.add(id);
        }
    }

    public BsonDocument targets() {
        return targets;
    }

    /** Target ids in the order they ran (columns of the tables). */
    public List<String> targetOrder() {
        return List.copyOf(targetOrder);
    }

    /** idle, cleanup, index: the scale figures. */
    public BsonDocument scale() {
        return scale;
    }

    public BsonDocument toBson(List<Bar> bars) {
        BsonArray l = new BsonArray();
        loads().forEach(r -> {
            CpuUse c = cpu(r.scenario(), r.target(), r.threads());
            l.add(c == null ? r.toBson() : r.toBson().append("cpu", c.toBson()));
        });
        BsonArray b = new BsonArray();
        bars.forEach(bar -> b.add(bar.toBson()));
        return new BsonDocument("meta", meta).append("targets", targets).append("loads", l)
                .append("unsupported", unsupported).append("scale", scale).append("bars", b)
                .append("problems", problems);
    }
}
