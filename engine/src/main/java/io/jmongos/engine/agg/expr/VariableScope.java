package io.jmongos.engine.agg.expr;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Parse-time knowledge of which user variables are defined, so that an undefined {@code $$x} fails when the
 * pipeline is compiled (17276), as in MongoDB, rather than only when a document reaches it. Checking is on only
 * inside {@link #checked}; expressions compiled outside it (e.g. a find filter's {@code $expr}) are checked
 * when evaluated instead.
 */
public final class VariableScope {
    private static final ThreadLocal<Deque<Set<String>>> STACK = new ThreadLocal<>();

    private VariableScope() {
    }

    /** Runs {@code body} with checking on and {@code names} (e.g. the command's let) defined. */
    public static <T> T checked(Collection<String> names, Supplier<T> body) {
        Deque<Set<String>> outer = STACK.get();
        Deque<Set<String>> stack = new ArrayDeque<>();
        stack.push(new HashSet<>(names));
        STACK.set(stack);
        try {
            return body.get();
        } finally {
            if (outer == null) {
                STACK.remove();
            } else {
                STACK.set(outer);
            }
        }
    }

    /** Runs {@code body} with {@code names} also defined (a $let's vars, $map's "as", $lookup's let...). */
    public static <T> T with(Collection<String> names, Supplier<T> body) {
        Deque<Set<String>> stack = STACK.get();
        if (stack == null) {
            return body.get();
        }
        stack.push(new HashSet<>(names));
        try {
            return body.get();
        } finally {
            stack.pop();
        }
    }

    /** @throws io.jmongos.common.CommandFailedException 17276 when checking is on and {@code name} is unknown */
    static void check(String name) {
        Deque<Set<String>> stack = STACK.get();
        if (stack == null || Variables.isSystem(name)) {
            return;
        }
        for (Set<String> s : stack) {
            if (s.contains(name)) {
                return;
            }
        }
        throw AggErrors.fail(17276, "Use of undefined variable: " + name);
    }
}
