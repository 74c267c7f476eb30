package dev.glueorch.model;

import java.util.List;
import java.util.Optional;

/**
 * One workflow file: the workflow and its triggers, with the file it came from and its JSON text as written
 * (what is stored as the immutable definition version).
 */
public record WorkflowDefinition(String source, Workflow workflow, List<Trigger> triggers, String json) {

    public WorkflowDefinition {
        triggers = List.copyOf(triggers);
    }

    public String name() {
        return workflow.name();
    }

    public Optional<Trigger> trigger(String name) {
        return triggers.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
