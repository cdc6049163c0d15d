package io.jmongos.router.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * Every readiness check's answer at one moment.
 *
 * @param ready    all checks passed and the router is not draining
 * @param draining a shutdown is in progress (readiness is then false)
 * @param failing  check name to reason, for the checks that did not pass, in registration order
 */
public record ReadinessReport(boolean ready, boolean draining, Map<String, String> failing) {
    public ReadinessReport {
        failing = Collections.unmodifiableMap(new LinkedHashMap<>(failing));
    }

    /** The JSON body of {@code /health/ready}: {@code {"status": "ready"|"notReady"|"draining", "notReady": {}}}. */
    public BsonDocument toBson() {
        BsonDocument reasons = new BsonDocument();
        failing.forEach((k, v) -> reasons.append(k, new BsonString(v)));
        String status = ready ? "ready" : draining ? "draining" : "notReady";
        return new BsonDocument("status", new BsonString(status))
                .append("draining", BsonBoolean.valueOf(draining))
                .append("notReady", reasons);
    }
}
