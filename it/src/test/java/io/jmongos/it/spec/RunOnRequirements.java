package io.jmongos.it.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Evaluates {@code runOnRequirements}: the test runs when any one requirement is met. Returns null when
 * met, else the reason it is not (used as the skip reason).
 */
final class RunOnRequirements {
    private RunOnRequirements() {
    }

    static String unmet(BsonArray requirements, SpecEnvironment env) {
        if (requirements == null || requirements.isEmpty()) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        for (BsonValue r : requirements) {
            String why = unmet(r.asDocument(), env);
            if (why == null) {
                return null;
            }
            reasons.add(why);
        }
        return "runOnRequirements not met: " + String.join(" / ", reasons);
    }

    private static String unmet(BsonDocument r, SpecEnvironment env) {
        for (Map.Entry<String, BsonValue> e : r.entrySet()) {
            BsonValue v = e.getValue();
            String why = switch (e.getKey()) {
                case "minServerVersion" -> compareVersions(env.version(), v.asString().getValue()) < 0
                        ? "server " + env.version() + " < " + v.asString().getValue() : null;
                case "maxServerVersion" -> compareVersions(env.version(), v.asString().getValue()) > 0
                        ? "server " + env.version() + " > " + v.asString().getValue() : null;
                case "topologies" -> v.asArray().contains(new org.bson.BsonString(env.topology()))
                        ? null : "topology " + env.topology() + " not in " + SpecJson.brief(v);
                case "serverless" -> "require".equals(v.asString().getValue()) ? "serverless required" : null;
                case "auth" -> v.asBoolean().getValue() == env.auth() ? null
                        : "auth " + (v.asBoolean().getValue() ? "required" : "must be off") + " (this topology runs "
                        + (env.auth() ? "with" : "without") + " auth)";
                case "authMechanism" -> "authMechanism " + v.asString().getValue() + " required";
                case "csfle" -> csfle(v) ? "csfle required (no libmongocrypt in this runner)" : null;
                case "serverParameters" -> parameters(v.asDocument(), env);
                default -> "unknown requirement " + e.getKey();
            };
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static boolean csfle(BsonValue v) {
        return v.isDocument() || v.isBoolean() && v.asBoolean().getValue();
    }

    private static String parameters(BsonDocument wanted, SpecEnvironment env) {
        BsonDocument actual = env.parameters();
        for (Map.Entry<String, BsonValue> p : wanted.entrySet()) {
            BsonValue have = actual.get(p.getKey());
            boolean ok = have != null && (p.getValue().isNumber() ? ValueMatcher.numericEquals(p.getValue(), have)
                    : p.getValue().equals(have));
            if (!ok) {
                return "server parameter " + p.getKey() + "=" + SpecJson.brief(p.getValue()) + " required, have "
                        + SpecJson.brief(have);
            }
        }
        return null;
    }

    /** Compare dotted versions; missing components count as 0; a suffix like "-rc1" is ignored. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("-")[0].split("\\.");
        String[] y = b.split("-")[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }
}
