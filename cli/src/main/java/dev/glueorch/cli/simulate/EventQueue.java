package dev.glueorch.cli.simulate;

import dev.glueorch.engine.ManualClock;
import java.time.Instant;
import java.util.PriorityQueue;

/** What happens next in the simulation, in time order (ties in the order they were scheduled). */
final class EventQueue {

    private record Entry(Instant at, long sequence, Runnable action) {
    }

    private final PriorityQueue<Entry> entries = new PriorityQueue<>((a, b) -> {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : Long.compare(a.sequence(), b.sequence());
    });
    private long sequence;

    void at(Instant at, Runnable action) {
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
}
