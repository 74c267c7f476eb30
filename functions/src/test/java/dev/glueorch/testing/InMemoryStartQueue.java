package dev.glueorch.testing;

import dev.glueorch.engine.DueSlot;
import dev.glueorch.engine.StartQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A start queue that keeps what it is sent, and can refuse the next sends (SQS unavailable past the SDK's retries). */
public final class InMemoryStartQueue implements StartQueue {

    private final List<DueSlot> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger refusals = new AtomicInteger();

    @Override
    public List<DueSlot> send(List<DueSlot> slots) {
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return List.copyOf(slots);
        }
        sent.addAll(slots);
        return List.of();
    }

    /** The next {@code times} sends take nothing. */
    public void refuse(int times) {
        refusals.set(times);
    }

    /** Every slot taken, in order. */
    public List<DueSlot> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }
}
