package io.jmongos.it.spec;

import java.util.Map;

/**
 * Spec tests the official Java driver (5.14) cannot pass whatever the server does, as its own test suite
 * records them (mongo-java-driver UnifiedTestModifications, with the JIRA ticket where there is one).
 * Keys are "suite/file" (the whole file) or "suite/file:test description".
 */
final class DriverLimitations {
    private static final String UNACK_HINT = "Java driver: unacknowledged findAndModify with hint (JAVA-4275)";

    private static final Map<String, String> SKIPS = Map.ofEntries(
            Map.entry("crud/bulkWrite-comment",
                    "Java driver: a bulkWrite's updates and replacements go in separate update commands"),
            Map.entry("crud/findOneAndReplace-hint-unacknowledged:Unacknowledged findOneAndReplace with hint string"
                    + " on 4.4+ server", UNACK_HINT),
            Map.entry("crud/findOneAndReplace-hint-unacknowledged:Unacknowledged findOneAndReplace with hint document"
                    + " on 4.4+ server", UNACK_HINT),
            Map.entry("crud/findOneAndUpdate-hint-unacknowledged:Unacknowledged findOneAndUpdate with hint string"
                    + " on 4.4+ server", UNACK_HINT),
            Map.entry("crud/findOneAndUpdate-hint-unacknowledged:Unacknowledged findOneAndUpdate with hint document"
                    + " on 4.4+ server", UNACK_HINT),
            Map.entry("crud/findOneAndDelete-hint-unacknowledged:Unacknowledged findOneAndDelete with hint string"
                    + " on 4.4+ server", UNACK_HINT),
            Map.entry("crud/findOneAndDelete-hint-unacknowledged:Unacknowledged findOneAndDelete with hint document"
                    + " on 4.4+ server", UNACK_HINT));

    private DriverLimitations() {
    }

    /** Why the Java driver cannot run this test, or null. */
    static String reason(SpecCase test) {
        String file = test.file().suite() + "/" + test.file().name();
        String r = SKIPS.get(file + ":" + test.description());
        return r != null ? r : SKIPS.get(file);
    }
}
