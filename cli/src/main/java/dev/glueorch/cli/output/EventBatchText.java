package dev.glueorch.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.EventBatchCondition;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a batch of an EVENT trigger started a workflow run or joined it, in words: what the simulate table and the run
 * report show of Glue's {@code StartingEventBatchCondition} and {@code aws:eventIds}.
 */
public final class EventBatchText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBatchText() {
    }

    /**
     * {@code started by EVENT trigger partner-files: batch of 3 (size reached)} or {@code ... (window of 900 s
     * expired)} for a run a batch started; {@code joined by EVENT trigger partner-files: batch of 1} for a run a batch
     * joined (the run keeps the batch's events, not how it closed); empty for a run no batch started or joined.
     */
    public static Optional<String> line(WorkflowRun run, WorkflowDefinition workflow) {
        List<String> ids = eventIds(run);
        EventBatchCondition condition = run.startingEventBatchCondition();
        if (condition != null) {
            String closed = condition.batchSize() > 0 ? "size reached"
                    : "window of " + condition.batchWindow() + " s expired";
            return Optional.of("started by EVENT trigger " + run.startTrigger() + ": " + batch(ids) + " (" + closed
                    + ")");
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> trigger = workflow == null ? Optional.empty() : workflow.triggers().stream()
                .filter(t -> t instanceof Trigger.Event && run.hasFired(t.name())).map(Trigger::name).findFirst();
        return Optional.of("joined by " + trigger.map(t -> "EVENT trigger " + t).orElse("an EVENT trigger's batch")
                + ": " + batch(ids));
    }

    /**
     * The ids of Glue's run property {@code aws:eventIds} (a JSON array in a string); empty when the run has none or
     * it is no array.
     */
    public static List<String> eventIds(WorkflowRun run) {
        String property = run.properties().get(WorkflowRun.EVENT_IDS_PROPERTY);
        List<String> ids = new ArrayList<>();
        if (property == null) {
            return ids;
        }
        try {
            JsonNode array = JSON.readTree(property);
            if (array != null && array.isArray()) {
                array.forEach(id -> ids.add(id.asText()));
            }
        } catch (JsonProcessingException e) {
            // an operator may set run properties: a malformed value is shown as no ids, never as a failure
            return ids;
        }
        return ids;
    }

    private static String batch(List<String> ids) {
        return "batch of " + ids.size();
    }
}
