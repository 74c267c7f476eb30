package dev.glueorch.cli.simulate;

import dev.glueorch.engine.ManualClock;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * What happens next in the simulation, in time order (ties in the order they were scheduled). Not thread-safe: the
 * local orchestrator holds one lock around it and the simulated Glue.
 */
public final class EventQueue {

    private record Entry(Instant at, long sequence, Runnable action) {
    }

    private final PriorityQueue<Entry> entries = new PriorityQueue<>((a, b) -> {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : Long.compare(a.sequence(), b.sequence());
    });
    private long sequence;

    public void at(Instant at, Runnable action) {
        entries.add(new Entry(at, sequence++, action));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Instant nextTime() {
        return entries.peek().at();
    }

    /** Runs the next action after moving {@code clock} to its time. */
    void runNext(ManualClock clock) {
        Entry entry = entries.poll();
        clock.set(entry.at());
        entry.action().run();
    }

    /**
     * Runs the next action if its time is not after {@code now} (a clock that moves by itself); false when none is
     * due yet.
     */
    public boolean runDue(Instant now) {
        if (entries.isEmpty() || entries.peek().at().isAfter(now)) {
            return false;
        }
        entries.poll().action().run();
        return true;
    }
}
