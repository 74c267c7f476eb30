package dev.glueorch.handler;

import dev.glueorch.contract.EventTriggerInput;
import dev.glueorch.contract.EventTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads EventBridge events (the shapes in {@code events/}) into the engine's {@link GlueEvent}s. */
public final class EventParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    public GlueEvent parse(InputStream input) {
        JsonNode event;
        try {
            event = JSON.readTree(input);
        } catch (IOException e) {
            throw new InvalidEventException("event is not JSON: " + e.getMessage(), e);
        }
        return parse(event);
    }

    public GlueEvent parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("event is not a JSON object; expected an EventBridge event");
        }
        if (event.has(EventTriggerInput.ENVELOPE_FIELD)) {
            return triggerEvent(event);
        }
        String id = text(event, "id", "(no id)");
        String detailType = required(event, "detail-type", id);
        Instant time = time(event, id);
        JsonNode detail = event.path("detail");
        switch (detailType) {
            case EventTypes.GLUE_JOB_STATE_CHANGE -> {
                String state = required(detail, "state", id);
                JobRunState jobRunState;
                try {
                    jobRunState = JobRunState.valueOf(state);
                } catch (IllegalArgumentException e) {
                    throw new InvalidEventException("event " + id + ": detail.state '" + state + "' is not a Glue job "
                            + "run state", e);
                }
                return new GlueEvent.JobStateChange(id, time, required(detail, "jobName", id),
                        required(detail, "jobRunId", id), jobRunState, text(detail, "message", null),
                        text(event, "account", null));
            }
            case EventTypes.GLUE_JOB_RUN_STATUS -> {
                JsonNode delay = detail.path("notificationCondition").path("NotifyDelayAfter");
                if (!delay.isNumber()) {
                    throw new InvalidEventException("event " + id + ": field 'notificationCondition.NotifyDelayAfter' "
                            + "is missing");
                }
                String startedOn = text(detail, "startedOn", null);
                Instant started;
                try {
                    started = startedOn == null ? null : Instant.parse(startedOn);
                } catch (DateTimeParseException e) {
                    throw new InvalidEventException("event " + id + ": startedOn '" + startedOn + "' is not an "
                            + "ISO-8601 instant", e);
                }
                return new GlueEvent.JobRunDelayed(id, time, required(detail, "jobName", id),
                        required(detail, "jobRunId", id), (int) Math.round(delay.asDouble()), started);
            }
            case EventTypes.GLUE_CRAWLER_STATE_CHANGE -> {
                String state = required(detail, "state", id);
                CrawlState crawlState = CrawlState.fromEventState(state).orElseThrow(() -> new InvalidEventException(
                        "event " + id + ": detail.state '" + state + "' is not a crawler state (Started, Succeeded, "
                        + "Failed)"));
                return new GlueEvent.CrawlerStateChange(id, time, required(detail, "crawlerName", id), crawlState,
                        text(detail, "errorMessage", null));
            }
            case EventTypes.ACTION_COMPLETED -> {
                if (!OrchestratorEvent.SOURCE.equals(text(event, "source", null))) {
                    throw new InvalidEventException("event " + id + ": an \"Action Completed\" event must come from "
                            + "source " + OrchestratorEvent.SOURCE);
                }
                boolean job = detail.hasNonNull("jobName");
                String state = required(detail, "state", id);
                JobRunState reached;
                try {
                    reached = JobRunState.valueOf(state);
                } catch (IllegalArgumentException e) {
                    throw new InvalidEventException("event " + id + ": detail.state '" + state + "' is not a run state",
                            e);
                }
                return new GlueEvent.RemoteActionCompleted(id, time, required(event, "account", id),
                        required(event, "region", id), text(detail, "eventBusArn", null),
                        required(detail, "workflowName", id), required(detail, "partition", id),
                        job ? NodeType.JOB : NodeType.CRAWLER, required(detail, job ? "jobName" : "crawlerName", id),
                        text(detail, "jobRunId", null), reached);
            }
            case EventTypes.SCHEDULED_EVENT -> {
                return new GlueEvent.ScheduleTick(id, time);
            }
            default -> throw new InvalidEventException("event " + id + ": detail-type '" + detailType + "' is not "
                    + "handled here; route only \"" + EventTypes.GLUE_JOB_STATE_CHANGE + "\", \""
                    + EventTypes.GLUE_JOB_RUN_STATUS + "\", \"" + EventTypes.GLUE_CRAWLER_STATE_CHANGE + "\", \""
                    + EventTypes.ACTION_COMPLETED + "\" and \"" + EventTypes.SCHEDULED_EVENT
                    + "\" events to the orchestrator");
        }
    }

    /** An event an EVENT trigger's rule matched, in the envelope of {@link EventTriggerInput}. */
    private static GlueEvent triggerEvent(JsonNode envelope) {
        if (!EventTriggerInput.ENVELOPE.equals(text(envelope, EventTriggerInput.ENVELOPE_FIELD, null))) {
            throw new InvalidEventException("field '" + EventTriggerInput.ENVELOPE_FIELD + "' must be \""
                    + EventTriggerInput.ENVELOPE + "\": the input of an EVENT trigger's rule");
        }
        JsonNode event = envelope.get(EventTriggerInput.EVENT_FIELD);
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("an EVENT trigger's input has no '" + EventTriggerInput.EVENT_FIELD
                    + "' object: the rule's input transformer must pass <" + EventTriggerInput.EVENT_VARIABLE + ">");
        }
        String id = required(event, "id", "(no id)");
        return new GlueEvent.TriggerEvent(id, time(event, id),
                required(envelope, EventTriggerInput.WORKFLOW_FIELD, id),
                required(envelope, EventTriggerInput.TRIGGER_FIELD, id), event);
    }

    private static Instant time(JsonNode event, String id) {
        String time = required(event, "time", id);
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("event " + id + ": time '" + time + "' is not an ISO-8601 instant", e);
        }
    }

    private static String required(JsonNode node, String field, String id) {
        String value = text(node, field, null);
        if (value == null || value.isEmpty()) {
            throw new InvalidEventException("event " + id + ": field '" + field + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
