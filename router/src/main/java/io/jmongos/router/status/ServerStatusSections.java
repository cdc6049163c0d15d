package io.jmongos.router.status;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** The registered {@code serverStatus} sections, in registration order. */
public final class ServerStatusSections {
    private final List<ServerStatusSection> sections = new CopyOnWriteArrayList<>();

    public void register(ServerStatusSection section) {
        sections.add(section);
    }

    public List<ServerStatusSection> sections() {
        return List.copyOf(sections);
    }

    /**
     * Append every wanted section to {@code reply}. {@code command} is the serverStatus command: a field
     * named like a section with a false/0 value leaves it out, with a true/1 value brings it in.
     */
    public void appendTo(BsonDocument reply, BsonDocument command) {
        for (ServerStatusSection s : sections) {
            BsonValue flag = command.get(s.name());
            boolean wanted = flag == null ? s.includedByDefault() : truthy(flag);
            if (!wanted) {
                continue;
            }
            BsonValue value = s.report();
            if (value == null) {
                continue;
            }
            BsonValue existing = reply.get(s.name());
            if (existing != null && existing.isDocument() && value.isDocument()) {
                mergeInto(existing.asDocument(), value.asDocument());
            } else {
                reply.put(s.name(), value);
            }
        }
    }

    static void mergeInto(BsonDocument target, BsonDocument addition) {
        for (Map.Entry<String, BsonValue> e : addition.entrySet()) {
            BsonValue old = target.get(e.getKey());
            if (old != null && old.isDocument() && e.getValue().isDocument()) {
                mergeInto(old.asDocument(), e.getValue().asDocument());
            } else {
                target.put(e.getKey(), e.getValue());
            }
        }
    }

    private static boolean truthy(BsonValue v) {
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        if (v.isNumber()) {
            return v.asNumber().doubleValue() != 0;
        }
        return !v.isNull();
    }
}
