package dev.glueorch.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * One schedule slot of a SCHEDULED trigger that is due: the run of its partition is to be opened and the trigger
 * fired. What the tick hands to the start workers; handling it twice, or by two workers at once, opens one run and
 * fires the trigger once (both are conditional writes).
 */
public record DueSlot(String workflowName, String triggerName, Instant slot) {

    public DueSlot {
        Objects.requireNonNull(workflowName, "workflowName");
        Objects.requireNonNull(triggerName, "triggerName");
        Objects.requireNonNull(slot, "slot");
    }
}
