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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the orchestrator's events to its EventBridge bus (PutEvents), {@value #MAX_ENTRIES} entries and
 * {@value #MAX_REQUEST_BYTES} bytes per call at most (EventBridge's limits), and tells which entries it accepted: a
 * refused entry or a failed call is logged and left to the outbox, which sends it again.
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
    public Set<String> publish(List<OrchestratorEvent> events) {
        Set<String> accepted = new HashSet<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        List<OrchestratorEvent> sent = new ArrayList<>();
        int bytes = 0;
        for (OrchestratorEvent event : events) {
            Map<String, Object> entry = entry(event);
            int size = size(entry);
            if (!entries.isEmpty() && (entries.size() == MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES)) {
                accepted.addAll(put(entries, sent));
                entries = new ArrayList<>();
                sent = new ArrayList<>();
                bytes = 0;
            }
            entries.add(entry);
            sent.add(event);
            bytes += size;
        }
        if (!entries.isEmpty()) {
            accepted.addAll(put(entries, sent));
        }
        return accepted;
    }

    /** One PutEvents; the ids of the events it accepted, entry by entry. */
    private Set<String> put(List<Map<String, Object>> entries, List<OrchestratorEvent> events) {
        Set<String> accepted = new HashSet<>();
        try {
            JsonNode results = eventBridge.call("PutEvents", Map.of("Entries", entries)).path("Entries");
            for (int i = 0; i < events.size(); i++) {
                JsonNode result = results.path(i);
                if (result.hasNonNull("ErrorCode") || !result.hasNonNull("EventId")) {
                    LOG.error("EventBridge refused the '{}' event: {} {}", events.get(i).detailType(),
                            result.path("ErrorCode").asText(), result.path("ErrorMessage").asText());
                } else {
                    accepted.add(events.get(i).eventId());
                }
            }
        } catch (AwsCallException e) {
            LOG.error("Could not publish {} event(s) ({}) to bus {}: {}", events.size(),
                    events.stream().map(OrchestratorEvent::detailType).distinct().toList(), eventBusName,
                    e.getMessage());
        }
        return accepted;
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
