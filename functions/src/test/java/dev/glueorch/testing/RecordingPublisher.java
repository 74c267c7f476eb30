package dev.glueorch.testing;

import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.OrchestratorEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps every orchestrator event the bus accepted, and can fail as EventBridge does: a whole call, or some entries
 * of a call.
 */
public final class RecordingPublisher implements EventPublisher {

    private final List<OrchestratorEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failedCalls = new AtomicInteger();
    private final AtomicInteger refusedEntries = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public Set<String> publish(List<OrchestratorEvent> batch) {
        calls.incrementAndGet();
        if (failedCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("InternalException: EventBridge failed the whole PutEvents call");
        }
        Set<String> accepted = new HashSet<>();
        for (OrchestratorEvent event : batch) {
            if (refusedEntries.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                continue;
            }
            events.add(event);
            accepted.add(event.eventId());
        }
        return accepted;
    }

    /** The next {@code times} PutEvents calls fail whole. */
    public void failCalls(int times) {
        failedCalls.set(times);
    }

    /** The next {@code entries} entries are refused (FailedEntryCount), the others of their calls accepted. */
    public void refuseEntries(int entries) {
        refusedEntries.set(entries);
    }

    /** How many PutEvents calls were made. */
    public int calls() {
        return calls.get();
    }

    /** Every event accepted, repeats included. */
    public List<OrchestratorEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public <T extends OrchestratorEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
