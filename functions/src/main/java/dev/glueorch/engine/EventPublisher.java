package dev.glueorch.engine;

/** Publishes the orchestrator's own events. */
public interface EventPublisher {

    void publish(OrchestratorEvent event);
}
