package dev.glueorch.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a start Glue could not take is tried again within one delivery, with full-jitter exponential backoff,
 * before the action waits for a later retry. {@link Sleeper} lets a simulation skip the real waiting.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {

    /** Three attempts, 100 ms doubling up to 1 s, sleeping for real. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1),
            Sleeper.THREAD);

    /** One attempt, no waiting. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Sleeper.THREAD);

    /** Waits before attempt {@code attempt + 1} (attempts count from 1). */
    public void pauseAfter(int attempt) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        if (cap > 0) {
            sleeper.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1)));
        }
    }

    /** Waits; an interrupted wait ends early with the interrupt flag set. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        void sleep(Duration duration);
    }
}
