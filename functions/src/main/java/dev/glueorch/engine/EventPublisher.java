package dev.glueorch.engine;

import java.util.List;
import java.util.Set;

/** Publishes the orchestrator's own events. */
public interface EventPublisher {

    /**
     * Publishes {@code events} (in as few calls as the bus's limits allow) and returns the {@link
     * OrchestratorEvent#eventId()} of each one the bus accepted; the others may be published again later. Throws only
     * when nothing could be sent at all.
     */
    Set<String> publish(List<OrchestratorEvent> events);
}
