package io.jmongos.it.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Compares a client's observed events with {@code expectEvents}: the events of the requested kind
 * (command, cmap) in order, the same number unless {@code ignoreExtraEvents}.
 */
final class EventMatcher {
    private static final Set<String> CMAP = Set.of("poolCreatedEvent", "poolReadyEvent", "poolClearedEvent",
            "poolClosedEvent", "connectionCreatedEvent", "connectionReadyEvent", "connectionClosedEvent",
            "connectionCheckOutStartedEvent", "connectionCheckOutFailedEvent", "connectionCheckedOutEvent",
            "connectionCheckedInEvent");

    private final ValueMatcher values;
    private final Entities entities;

    EventMatcher(ValueMatcher values, Entities entities) {
        this.values = values;
        this.entities = entities;
    }

    void match(BsonDocument expectation) {
        String clientId = expectation.getString("client").getValue();
        String kind = SpecJson.string(expectation, "eventType", "command");
        if (!kind.equals("command") && !kind.equals("cmap")) {
            throw new UnsupportedFeatureException("expectEvents eventType " + kind);
        }
        boolean ignoreExtra = SpecJson.bool(expectation, "ignoreExtraEvents", false);
        List<ClientEvents.Event> actual = entities.client(clientId).events().events().stream()
                .filter(e -> kind.equals("cmap") == CMAP.contains(e.name()) && (kind.equals("cmap") || e.isCommand()))
                .toList();
        List<BsonValue> expected = expectation.getArray("events").getValues();
        String where = "client " + clientId + " " + kind + " events";
        if (ignoreExtra ? actual.size() < expected.size() : actual.size() != expected.size()) {
            throw new AssertionError(where + ": expected " + expected.size() + (ignoreExtra ? " or more" : "")
                    + ", observed " + actual.size() + ": " + names(actual));
        }
        for (int i = 0; i < expected.size(); i++) {
            BsonDocument e = expected.get(i).asDocument();
            String name = e.getFirstKey();
            ClientEvents.Event a = actual.get(i);
            String at = where + "[" + i + "] " + name;
            if (!name.equals(a.name())) {
                throw new AssertionError(at + ": observed " + a.name() + " (all: " + names(actual) + ")");
            }
            try {
                for (Map.Entry<String, BsonValue> f : e.getDocument(name).entrySet()) {
                    matchField(at, f.getKey(), f.getValue(), a.fields());
                }
            } catch (AssertionError mismatch) {
                throw new AssertionError(mismatch.getMessage() + "; observed event: " + SpecJson.brief(a.fields()),
                        mismatch);
            }
        }
    }

    private void matchField(String at, String key, BsonValue want, BsonDocument have) {
        switch (key) {
            case "command", "reply" -> values.matchRoot(want, have.get(key), at + "." + key);
            case "commandName", "databaseName", "reason", "hasServiceId", "hasServerConnectionId" -> {
                if (!want.equals(have.get(key))) {
                    throw new AssertionError(at + "." + key + ": expected " + SpecJson.brief(want) + ", observed "
                            + SpecJson.brief(have.get(key)));
                }
            }
            default -> throw new UnsupportedFeatureException("event field " + key);
        }
    }

    private static String names(List<ClientEvents.Event> events) {
        StringBuilder s = new StringBuilder("[");
        for (ClientEvents.Event e : events) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(e.name().replace("Event", ""));
            if (e.fields().containsKey("commandName")) {
                s.append(':').append(e.fields().getString("commandName").getValue());
            }
        }
        return s.append(']').toString();
    }
}
