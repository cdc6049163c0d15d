package io.jmongos.router.conn;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A typed slot on every connection's state, as mongos decorates its {@code Client} ({@code Client::declareDecoration},
 * e.g. {@code load_balancer_support.cpp}): the service that keeps a piece of per-connection state declares its slot
 * once, as a constant, and reads and writes it through {@link ClientConnectionState#get} and its siblings with its own
 * type. Only a value of that type is ever stored under the slot (by {@link ClientConnectionState#set} or the initial
 * value), which is what makes the one cast here safe.
 *
 * @param <T> the type of the value
 */
public final class ConnectionDecoration<T> {
    private final String name;
    private final Supplier<? extends T> initial;

    private ConnectionDecoration(String name, Supplier<? extends T> initial) {
        this.name = Objects.requireNonNull(name);
        this.initial = initial;
    }

    /** A slot whose value {@code initial} makes on the first {@link ClientConnectionState#get}. */
    public static <T> ConnectionDecoration<T> declare(String name, Supplier<? extends T> initial) {
        return new ConnectionDecoration<>(name, Objects.requireNonNull(initial));
    }

    /** A slot that holds nothing until a value is {@link ClientConnectionState#set set}. */
    public static <T> ConnectionDecoration<T> declareEmpty(String name) {
        return new ConnectionDecoration<>(name, null);
    }

    boolean hasInitialValue() {
        return initial != null;
    }

    T initialValue() {
        return Objects.requireNonNull(initial.get(), name);
    }

    /** A value stored under this slot: of type {@code T}, since only {@code T}s are stored under it. */
    @SuppressWarnings("unchecked")
    T cast(Object value) {
        return (T) value;
    }

    @Override
    public String toString() {
        return name;
    }
}
