package io.jmongos.router.frontend.proxy;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.jmongos.router.status.ServerStatusSection;

/**
 * Counters of the PROXY protocol gate, reported as {@code serverStatus().proxyProtocol}:
 * <pre>
 * proxyProtocol: {
 *   accepted: {total, v1, v2, proxy, local},
 *   rejected: {total, notProxy, malformed, oversized, timeout, closedEarly},
 *   mainPortDetected
 * }
 * </pre>
 * One instance per server, shared by every channel (thread safe).
 */
public final class ProxyProtocolMetrics implements ServerStatusSection {
    /** The serverStatus section name. */
    public static final String SECTION = "proxyProtocol";

    private final LongAdder acceptedV1 = new LongAdder();
    private final LongAdder acceptedV2 = new LongAdder();
    private final LongAdder acceptedProxy = new LongAdder();
    private final LongAdder acceptedLocal = new LongAdder();
    private final Map<ProxyProtocolRejection, LongAdder> rejected = new EnumMap<>(ProxyProtocolRejection.class);
    private final LongAdder mainPortDetected = new LongAdder();

    public ProxyProtocolMetrics() {
        for (ProxyProtocolRejection r : ProxyProtocolRejection.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    void accepted(ProxiedConnection c) {
        (c.version() == 1 ? acceptedV1 : acceptedV2).increment();
        (c.command() == ProxiedConnection.Command.LOCAL ? acceptedLocal : acceptedProxy).increment();
    }

    void rejected(ProxyProtocolRejection reason) {
        rejected.get(reason).increment();
    }

    void mainPortDetected() {
        mainPortDetected.increment();
    }

    public long acceptedTotal() {
        return acceptedV1.sum() + acceptedV2.sum();
    }

    public long acceptedV1() {
        return acceptedV1.sum();
    }

    public long acceptedV2() {
        return acceptedV2.sum();
    }

    public long acceptedProxy() {
        return acceptedProxy.sum();
    }

    public long acceptedLocal() {
        return acceptedLocal.sum();
    }

    public long rejectedCount(ProxyProtocolRejection reason) {
        return rejected.get(reason).sum();
    }

    public long rejectedTotal() {
        long n = 0;
        for (LongAdder a : rejected.values()) {
            n += a.sum();
        }
        return n;
    }

    public long mainPortDetections() {
        return mainPortDetected.sum();
    }

    /** The section document (counters as NumberLong, like MongoDB's serverStatus counters). */
    public BsonDocument toBson() {
        BsonDocument accepted = new BsonDocument()
                .append("total", new BsonInt64(acceptedTotal()))
                .append("v1", new BsonInt64(acceptedV1()))
                .append("v2", new BsonInt64(acceptedV2()))
                .append("proxy", new BsonInt64(acceptedProxy()))
                .append("local", new BsonInt64(acceptedLocal()));
        BsonDocument rej = new BsonDocument("total", new BsonInt64(rejectedTotal()));
        for (ProxyProtocolRejection r : ProxyProtocolRejection.values()) {
            rej.append(r.metricName(), new BsonInt64(rejected.get(r).sum()));
        }
        return new BsonDocument("accepted", accepted)
                .append("rejected", rej)
                .append("mainPortDetected", new BsonInt64(mainPortDetections()));
    }

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public BsonValue report() {
        return toBson();
    }
}
