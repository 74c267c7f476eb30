package dev.glueorch.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.OrchestratorEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Publishes the orchestrator's events to its EventBridge bus. A failed publish is logged and counted, not thrown:
 * the state change it reports is already durable, and a retry of the whole delivery would find it done and not
 * publish again either.
 */
public final class EventBridgePublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EventBridgePublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgeClient eventBridge;
    private final String eventBusName;
    private final String eventBusArn;

    /**
     * @param eventBusArn the bus's ARN, put in every event's detail as {@code eventBusArn} so that another account's
     *                    orchestrator can check the event's account against it; {@code null} leaves it out
     */
    public EventBridgePublisher(EventBridgeClient eventBridge, String eventBusName, String eventBusArn) {
        this.eventBridge = eventBridge;
        this.eventBusName = eventBusName;
        this.eventBusArn = eventBusArn;
    }

    @Override
    public void publish(OrchestratorEvent event) {
        String detail;
        try {
            java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>(event.detail());
            if (eventBusArn != null) {
                fields.put("eventBusArn", eventBusArn);
            }
            detail = JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("orchestrator event detail is not serializable: " + event.detailType(), e);
        }
        try {
            PutEventsRequestEntry entry = PutEventsRequestEntry.builder().eventBusName(eventBusName)
                    .source(OrchestratorEvent.SOURCE).detailType(event.detailType()).detail(detail)
                    .time(event.time()).build();
            PutEventsResponse response = eventBridge.putEvents(b -> b.entries(entry));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                LOG.error("EventBridge refused the '{}' event: {} {}", event.detailType(),
                        response.entries().get(0).errorCode(), response.entries().get(0).errorMessage());
            }
        } catch (SdkException e) {
            LOG.error("Could not publish the '{}' event to bus {}: {}", event.detailType(), eventBusName,
                    e.getMessage());
        }
    }
}
