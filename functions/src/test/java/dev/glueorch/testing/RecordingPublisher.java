package dev.glueorch.testing;

import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.OrchestratorEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every orchestrator event published. */
public final class RecordingPublisher implements EventPublisher {

    private final List<OrchestratorEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void publish(OrchestratorEvent event) {
        events.add(event);
    }

    public List<OrchestratorEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public <T extends OrchestratorEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
