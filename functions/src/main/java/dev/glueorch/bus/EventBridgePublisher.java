package dev.glueorch.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.OrchestratorEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes the orchestrator's events to its EventBridge bus (PutEvents, through the SDK's client and its standard
 * retries), {@value #MAX_ENTRIES} entries and {@value #MAX_REQUEST_BYTES} bytes per call at most (EventBridge's
 * limits). A failed call or a refused entry is logged, not thrown, and reported: the outbox keeps what was not
 * accepted and sends it again.
 */
public final class EventBridgePublisher implements EventPublisher {

    static final int MAX_ENTRIES = 10;
    /** PutEvents' 256 KB, counted as EventBridge counts an entry (source, detail-type, detail, time). */
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static final int TIME_BYTES = 14;
    /** The code of a call that got no answer (connection lost, timed out) after the SDK's retries. */
    static final String NO_ANSWER = "NoAnswer";

    private static final Logger LOG = LoggerFactory.getLogger(EventBridgePublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Built on first use: most events a function receives publish nothing (a run the orchestrator did not start). */
    private final Supplier<EventBridgeClient> eventBridge;
    private final String eventBusName;
    private final String eventBusArn;

    /**
     * @param eventBridge gives the client, asked for when the first event is sent
     * @param eventBusArn the bus's ARN, put in every event's detail as {@code eventBusArn} so that another account's
     *                    orchestrator can check the event's account against it; {@code null} leaves it out
     */
    public EventBridgePublisher(Supplier<EventBridgeClient> eventBridge, String eventBusName, String eventBusArn) {
        this.eventBridge = eventBridge;
        this.eventBusName = eventBusName;
        this.eventBusArn = eventBusArn;
    }

    /** Sends {@code events} now and returns the stable ids of those EventBridge accepted (see {@link #send}). */
    @Override
    public Set<String> publish(List<OrchestratorEvent> events) {
        return send(events).accepted().stream().map(OrchestratorEvent::eventId).collect(Collectors.toSet());
    }

    /**
     * Sends {@code events} now, in as few PutEvents calls as EventBridge's limits allow, and says which it accepted
     * and which not (the whole call failed after the SDK's retries, or EventBridge refused the entry): what an outbox
     * needs to mark entries sent one by one. Failures are logged too.
     */
    public Delivery send(List<OrchestratorEvent> events) {
        List<OrchestratorEvent> accepted = new ArrayList<>();
        List<Delivery.Failure> failed = new ArrayList<>();
        List<OrchestratorEvent> call = new ArrayList<>();
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        int bytes = 0;
        for (OrchestratorEvent event : events) {
            PutEventsRequestEntry entry = entry(event);
            int size = size(entry);
            if (!entries.isEmpty() && (entries.size() == MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES)) {
                put(call, entries, accepted, failed);
                call = new ArrayList<>();
                entries = new ArrayList<>();
                bytes = 0;
            }
            call.add(event);
            entries.add(entry);
            bytes += size;
        }
        if (!entries.isEmpty()) {
            put(call, entries, accepted, failed);
        }
        return new Delivery(accepted, failed);
    }

    private void put(List<OrchestratorEvent> events, List<PutEventsRequestEntry> entries,
                     List<OrchestratorEvent> accepted, List<Delivery.Failure> failed) {
        PutEventsResponse answer;
        try {
            answer = eventBridge.get().putEvents(b -> b.entries(entries));
        } catch (SdkException e) {
            String code = e instanceof AwsServiceException refusal && refusal.awsErrorDetails() != null
                    ? refusal.awsErrorDetails().errorCode() : NO_ANSWER;
            LOG.error("Could not publish {} event(s) ({}) to bus {}: {}", events.size(),
                    events.stream().map(OrchestratorEvent::detailType).distinct().toList(), eventBusName,
                    e.getMessage());
            events.forEach(event -> failed.add(new Delivery.Failure(event, code, e.getMessage())));
            return;
        }
        List<PutEventsResultEntry> results = answer.entries();
        for (int i = 0; i < events.size(); i++) {
            // EventBridge answers one result per entry, in order; a missing one is not an acceptance
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result != null && result.errorCode() == null && result.eventId() != null) {
                accepted.add(events.get(i));
            } else {
                String code = result == null ? NO_ANSWER : result.errorCode();
                String message = result == null ? "no result for the entry" : result.errorMessage();
                LOG.error("EventBridge refused the '{}' event: {} {}", events.get(i).detailType(), code, message);
                failed.add(new Delivery.Failure(events.get(i), code, message));
            }
        }
    }

    private PutEventsRequestEntry entry(OrchestratorEvent event) {
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
        return PutEventsRequestEntry.builder().eventBusName(eventBusName).source(OrchestratorEvent.SOURCE)
                .detailType(event.detailType()).detail(detail).time(event.time()).build();
    }

    private static int size(PutEventsRequestEntry entry) {
        return TIME_BYTES + utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
