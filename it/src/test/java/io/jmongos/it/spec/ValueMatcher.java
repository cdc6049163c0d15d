package io.jmongos.it.spec;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Matches an expected value of the Unified Test Format against an actual value ("Evaluating Matches"):
 * extra fields are allowed only in root-level documents (a result, a command or reply, and each document of
 * an array result such as find's), numbers compare by value whatever their
 * type, arrays match element by element, and the special {@code $$} operators are evaluated.
 * A mismatch throws {@link AssertionError} naming the path of the first difference.
 */
final class ValueMatcher {
    private final Entities entities;

    ValueMatcher(Entities entities) {
        this.entities = entities;
    }

    /** Match with {@code expected} as a root-level document (extra fields allowed at the top). */
    void matchRoot(BsonValue expected, BsonValue actual, String path) {
        match(expected, actual, true, path);
    }

    /** Match strictly: no extra fields at any level (numbers still compare by value). */
    void matchStrict(BsonValue expected, BsonValue actual, String path) {
        match(expected, actual, false, path);
    }

    /**
     * @param actual null when the value is absent (a missing field)
     */
    void match(BsonValue expected, BsonValue actual, boolean root, String path) {
        if (SpecialOperators.isOperator(expected)) {
            matchOperator(expected.asDocument(), actual, root, path);
            return;
        }
        if (actual == null) {
            throw mismatch(path, "is missing, expected " + SpecJson.brief(expected));
        }
        if (expected.isDocument()) {
            matchDocument(expected.asDocument(), actual, root, path);
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                throw mismatch(path, "expected an array, got " + SpecJson.brief(actual));
            }
            List<BsonValue> e = expected.asArray().getValues();
            List<BsonValue> a = actual.asArray().getValues();
            if (e.size() != a.size()) {
                throw mismatch(path, "expected " + e.size() + " elements, got " + a.size() + ": "
                        + SpecJson.brief(actual));
            }
            for (int i = 0; i < e.size(); i++) {
                // the documents of a root-level array (e.g. a find's expectResult) are root-level documents
                match(e.get(i), a.get(i), root, path + "[" + i + "]");
            }
        } else if (expected.isNumber() || expected.isDecimal128()) {
            if (!numericEquals(expected, actual)) {
                throw mismatch(path, "expected " + SpecJson.brief(expected) + ", got " + SpecJson.brief(actual));
            }
        } else if (!expected.equals(actual)) {
            throw mismatch(path, "expected " + SpecJson.brief(expected) + ", got " + SpecJson.brief(actual));
        }
    }

    private void matchDocument(BsonDocument expected, BsonValue actualValue, boolean root, String path) {
        if (!actualValue.isDocument()) {
            throw mismatch(path, "expected a document, got " + SpecJson.brief(actualValue));
        }
        BsonDocument actual = actualValue.asDocument();
        for (Map.Entry<String, BsonValue> e : expected.entrySet()) {
            match(e.getValue(), actual.get(e.getKey()), false, path + "." + e.getKey());
        }
        if (!root) {
            for (String key : actual.keySet()) {
                if (!expected.containsKey(key)) {
                    throw mismatch(path, "has the unexpected field '" + key + "' (nested documents must match "
                            + "exactly): " + SpecJson.brief(actual));
                }
            }
        }
    }

    private void matchOperator(BsonDocument op, BsonValue actual, boolean root, String path) {
        String name = op.getFirstKey();
        BsonValue arg = op.get(name);
        switch (name) {
            case "$$exists" -> {
                if (arg.asBoolean().getValue() != (actual != null)) {
                    throw mismatch(path, arg.asBoolean().getValue() ? "is missing" : "exists but must not: "
                            + SpecJson.brief(actual));
                }
            }
            case "$$type" -> {
                if (actual == null || !SpecialOperators.typeMatches(arg, actual)) {
                    throw mismatch(path, "expected type " + SpecJson.brief(arg) + ", got "
                            + (actual == null ? "nothing" : SpecialOperators.typeName(actual)));
                }
            }
            case "$$unsetOrMatches" -> {
                if (actual != null) {
                    match(arg, actual, root, path);
                }
            }
            case "$$matchesEntity" -> match(entities.value(arg.asString().getValue()), actual, root, path);
            case "$$matchesHexBytes" -> {
                byte[] want = HexFormat.of().parseHex(arg.asString().getValue().toLowerCase());
                if (actual == null || !actual.isBinary()
                        || !java.util.Arrays.equals(want, actual.asBinary().getData())) {
                    throw mismatch(path, "expected bytes " + arg.asString().getValue() + ", got "
                            + SpecJson.brief(actual));
                }
            }
            case "$$sessionLsid" -> match(entities.sessionLsid(arg.asString().getValue()), actual, root, path);
            case "$$lte" -> {
                if (actual == null || !actual.isNumber() || compare(actual, arg) > 0) {
                    throw mismatch(path, "expected a number <= " + SpecJson.brief(arg) + ", got "
                            + SpecJson.brief(actual));
                }
            }
            case "$$matchAsDocument" -> {
                if (actual == null || !actual.isString()) {
                    throw mismatch(path, "expected a JSON string, got " + SpecJson.brief(actual));
                }
                match(arg, BsonDocument.parse(actual.asString().getValue()), false, path);
            }
            case "$$matchAsRoot" -> match(arg, actual, true, path);
            default -> throw new UnsupportedFeatureException("special operator " + name);
        }
    }

    static boolean numericEquals(BsonValue expected, BsonValue actual) {
        if (actual == null || !(actual.isNumber() || actual.isDecimal128())) {
            return false;
        }
        return compare(expected, actual) == 0;
    }

    private static int compare(BsonValue a, BsonValue b) {
        if (nonFinite(a) || nonFinite(b)) {
            return Double.compare(a.isDecimal128() ? a.asDecimal128().doubleValue() : a.asNumber().doubleValue(),
                    b.isDecimal128() ? b.asDecimal128().doubleValue() : b.asNumber().doubleValue());
        }
        return toBig(a).compareTo(toBig(b));
    }

    private static boolean nonFinite(BsonValue v) {
        return v.isDouble() && !Double.isFinite(v.asDouble().getValue())
                || v.isDecimal128() && !v.asDecimal128().getValue().isFinite();
    }

    private static BigDecimal toBig(BsonValue v) {
        if (v.isDecimal128()) {
            return v.asDecimal128().getValue().bigDecimalValue();
        }
        if (v.isDouble()) {
            return BigDecimal.valueOf(v.asDouble().getValue());
        }
        return BigDecimal.valueOf(v.asNumber().longValue());
    }

    private static AssertionError mismatch(String path, String what) {
        return new AssertionError((path.isEmpty() ? "value" : path) + " " + what);
    }
}
