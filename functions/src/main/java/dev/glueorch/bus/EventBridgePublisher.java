package dev.glueorch.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.aws.AwsCallException;
import dev.glueorch.aws.AwsJsonClient;
import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.OrchestratorEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the orchestrator's events to its EventBridge bus (PutEvents). A failed publish is logged, not thrown:
 * the state change it reports is already durable, and a retry of the whole delivery would find it done and not
 * publish again either.
 *
 * <p>Inside {@link #batching}, events wait and leave together when the work ends — one PutEvents for the
 * "Action Completed" and "Action Started" of a firing event instead of one each — or as soon as
 * {@value #MAX_ENTRIES} wait (EventBridge's limit per call, as is {@value #MAX_REQUEST_BYTES} bytes).
 */
public final class EventBridgePublisher implements EventPublisher {

    static final int MAX_ENTRIES = 10;
    /** PutEvents' 256 KB, counted as EventBridge counts an entry (source, detail-type, detail, time). */
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static final int TIME_BYTES = 14;

    private static final Logger LOG = LoggerFactory.getLogger(EventBridgePublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsJsonClient eventBridge;
    private final String eventBusName;
    private final String eventBusArn;
    /** The events of the work under way on this thread, while {@link #batching} runs it. */
    private final ThreadLocal<List<OrchestratorEvent>> pending = new ThreadLocal<>();

    /**
     * @param eventBusArn the bus's ARN, put in every event's detail as {@code eventBusArn} so that another account's
     *                    orchestrator can check the event's account against it; {@code null} leaves it out
     */
    public EventBridgePublisher(AwsJsonClient eventBridge, String eventBusName, String eventBusArn) {
        this.eventBridge = eventBridge;
        this.eventBusName = eventBusName;
        this.eventBusArn = eventBusArn;
    }

    @Override
    public void publish(OrchestratorEvent event) {
        List<OrchestratorEvent> batch = pending.get();
        if (batch != null) {
            batch.add(event);
            if (batch.size() == MAX_ENTRIES) {
                // a full call's worth leaves now: a function stopped mid-work loses no more than one call's events
                send(List.copyOf(batch));
                batch.clear();
            }
        } else {
            send(List.of(event));
        }
    }

    /**
     * Runs {@code work} and publishes the events it publishes once it ends, in as few calls as the limits allow —
     * also when it throws, since what they report is durable by then.
     */
    public void batching(Runnable work) {
        if (pending.get() != null) {
            work.run();
            return;
        }
        List<OrchestratorEvent> batch = new ArrayList<>();
        pending.set(batch);
        try {
            work.run();
        } finally {
            pending.remove();
            send(batch);
        }
    }

    private void send(List<OrchestratorEvent> events) {
        List<Map<String, Object>> entries = new ArrayList<>();
        List<OrchestratorEvent> sent = new ArrayList<>();
        int bytes = 0;
        for (OrchestratorEvent event : events) {
            Map<String, Object> entry = entry(event);
            int size = size(entry);
            if (!entries.isEmpty() && (entries.size() == MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES)) {
                put(entries, sent);
                entries = new ArrayList<>();
                sent = new ArrayList<>();
                bytes = 0;
            }
            entries.add(entry);
            sent.add(event);
            bytes += size;
        }
        if (!entries.isEmpty()) {
            put(entries, sent);
        }
    }

    private void put(List<Map<String, Object>> entries, List<OrchestratorEvent> events) {
        try {
            JsonNode answer = eventBridge.call("PutEvents", Map.of("Entries", entries));
            if (answer.path("FailedEntryCount").asInt() > 0) {
                JsonNode results = answer.path("Entries");
                for (int i = 0; i < events.size(); i++) {
                    JsonNode result = results.path(i);
                    if (result.hasNonNull("ErrorCode")) {
                        LOG.error("EventBridge refused the '{}' event: {} {}", events.get(i).detailType(),
                                result.get("ErrorCode").asText(), result.path("ErrorMessage").asText());
                    }
                }
            }
        } catch (AwsCallException e) {
            LOG.error("Could not publish {} event(s) ({}) to bus {}: {}", events.size(),
                    events.stream().map(OrchestratorEvent::detailType).distinct().toList(), eventBusName,
                    e.getMessage());
        }
    }

    private Map<String, Object> entry(OrchestratorEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>(event.detail());
        if (eventBusArn != null) {
            fields.put("eventBusArn", eventBusArn);
        }
        String detail;
        try {
            detail = JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("orchestrator event detail is not serializable: " + event.detailType(), e);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("EventBusName", eventBusName);
        entry.put("Source", OrchestratorEvent.SOURCE);
        entry.put("DetailType", event.detailType());
        entry.put("Detail", detail);
        // The JSON protocol's timestamps: seconds since the epoch
        entry.put("Time", event.time().toEpochMilli() / 1000.0);
        return entry;
    }

    private static int size(Map<String, Object> entry) {
        return TIME_BYTES + utf8((String) entry.get("Source")) + utf8((String) entry.get("DetailType"))
                + utf8((String) entry.get("Detail"));
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
