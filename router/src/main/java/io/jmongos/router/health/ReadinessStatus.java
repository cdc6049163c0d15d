package io.jmongos.router.health;

import java.util.Objects;

/**
 * The answer of one {@link ReadinessCheck}.
 *
 * @param ready  whether the condition holds
 * @param reason why not (empty when ready)
 */
public record ReadinessStatus(boolean ready, String reason) {
    private static final ReadinessStatus READY = new ReadinessStatus(true, "");

    public ReadinessStatus {
        Objects.requireNonNull(reason);
    }

    public static ReadinessStatus passed() {
        return READY;
    }

    public static ReadinessStatus failed(String reason) {
        return new ReadinessStatus(false, reason);
    }
}
