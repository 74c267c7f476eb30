package dev.glueorch.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.engine.DueSlot;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A due slot as the body of a start queue message, in Glue's vocabulary:
 * {@code {"WorkflowName": "sales-hourly", "TriggerName": "sales-start", "Slot": "2026-11-21T14:00:00Z"}}.
 */
public final class SlotMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String WORKFLOW_NAME = "WorkflowName";
    static final String TRIGGER_NAME = "TriggerName";
    static final String SLOT = "Slot";

    private SlotMessage() {
    }

    public static String body(DueSlot slot) {
        ObjectNode body = JSON.createObjectNode();
        body.put(WORKFLOW_NAME, slot.workflowName());
        body.put(TRIGGER_NAME, slot.triggerName());
        body.put(SLOT, slot.slot().toString());
        return body.toString();
    }

    /**
     * @throws InvalidSlotMessageException when the body is not a due slot (a message another sender put on the queue,
     *                                     or a body cut short)
     */
    public static DueSlot parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            String workflow = json.path(WORKFLOW_NAME).asText(null);
            String trigger = json.path(TRIGGER_NAME).asText(null);
            String slot = json.path(SLOT).asText(null);
            if (workflow == null || trigger == null || slot == null) {
                throw new InvalidSlotMessageException("a start queue message needs " + WORKFLOW_NAME + ", "
                        + TRIGGER_NAME + " and " + SLOT + "; got " + abbreviated(body));
            }
            return new DueSlot(workflow, trigger, Instant.parse(slot));
        } catch (JsonProcessingException | DateTimeParseException e) {
            throw new InvalidSlotMessageException("a start queue message is not a due slot (" + e.getMessage()
                    + "): " + abbreviated(body));
        }
    }

    private static String abbreviated(String body) {
        return body == null ? "no body" : body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
