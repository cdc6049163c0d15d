package io.jmongos.router.command;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Command name (and alias) to handler. Names are matched exactly, as MongoDB does. */
public final class CommandRegistry {
    private final Map<String, CommandHandler> byName = new ConcurrentHashMap<>();
    private final Map<String, CommandHandler> canonical = new ConcurrentHashMap<>();

    /** Register a handler under its name and aliases; a name registered twice is a programming error. */
    public void register(CommandHandler handler) {
        put(handler.name(), handler);
        canonical.put(handler.name(), handler);
        for (String alias : handler.aliases()) {
            put(alias, handler);
        }
    }

    private void put(String name, CommandHandler handler) {
        if (byName.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("command registered twice: " + name);
        }
    }

    public Optional<CommandHandler> lookup(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Handlers by canonical name, sorted (for listCommands). */
    public Collection<CommandHandler> handlers() {
        Map<String, CommandHandler> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(canonical);
        return Collections.unmodifiableCollection(sorted.values());
    }

}
