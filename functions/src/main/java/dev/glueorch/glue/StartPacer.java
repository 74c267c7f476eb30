package dev.glueorch.glue;

import dev.glueorch.engine.RetryPolicy;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces one process's Glue starts evenly: at most {@code perSecond} of them in any second, each waiting for its turn
 * (a start is never dropped or failed for the pace). There is no burst: a worker that was idle starts its first
 * request at once and the next one an interval later, so {@code N} workers paced at {@code rate / N} each never send
 * more than {@code rate} per second together.
 */
public final class StartPacer {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final RetryPolicy.Sleeper sleeper;
    /** When the next start may go, on {@link #nanoTime}'s scale. */
    private long next;

    /** Paced on the system's monotonic clock, sleeping for real. */
    public StartPacer(double perSecond) {
        this(perSecond, System::nanoTime, RetryPolicy.Sleeper.THREAD);
    }

    StartPacer(double perSecond, LongSupplier nanoTime, RetryPolicy.Sleeper sleeper) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a start pace must be more than 0 per second, was " + perSecond);
        }
        this.intervalNanos = Math.round(1e9 / perSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.next = nanoTime.getAsLong();
    }

    /** Waits for this caller's turn (callers of one process queue up in the order they asked). */
    public void await() {
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long turn = Math.max(now, next);
            next = turn + intervalNanos;
            wait = turn - now;
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    /** The time between two starts. */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }
}
