package dev.glueorch.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.model.NodeType;
import dev.glueorch.testing.WireStub;
import dev.glueorch.testing.WireStub.Answer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * PutEvents failing at the wire, whole or per entry: the SDK retries the call, and the publisher says which events
 * EventBridge did not take, so that they can be sent again.
 */
class EventBridgePublisherFaultsTest {

    private static final Instant TIME = Instant.parse("2026-11-21T14:00:05Z");

    private WireStub eventBridge;
    private AwsClients clients;
    private EventBridgePublisher publisher;

    @BeforeEach
    void stub() throws IOException {
        eventBridge = new WireStub();
        clients = AwsClients.create(Region.US_EAST_1, Map.of(AwsClients.ENDPOINT_URL,
                eventBridge.endpoint().toString()));
        publisher = new EventBridgePublisher(clients::eventBridge, "glue-orchestrator", null);
    }

    @AfterEach
    void close() {
        clients.close();
        eventBridge.close();
    }

    @Test
    void send_shouldReportEveryEventUnsent_whenPutEventsFailsOnEveryAttempt() {
        // GIVEN EventBridge answers 500 to every attempt
        for (int i = 0; i < 5; i++) {
            eventBridge.script("PutEvents", Answer.error(500, "InternalException", "oops"));
        }
        List<OrchestratorEvent> events = List.of(actionStarted("ingest-orders"), actionStarted("ingest-payments"));

        // WHEN the publisher sends two events
        Delivery delivery = publisher.send(events);

        // THEN the SDK tried the call three times, and both events are reported unsent with the reason
        assertThat(eventBridge.received("PutEvents")).isEqualTo(3);
        assertThat(delivery.accepted()).isEmpty();
        assertThat(delivery.allAccepted()).isFalse();
        assertThat(delivery.failed()).extracting(Delivery.Failure::event).containsExactlyElementsOf(events);
        assertThat(delivery.failed()).extracting(Delivery.Failure::errorCode).containsOnly("InternalException");
    }

    @Test
    void send_shouldReportTheEntryEventBridgeRefused_whenOneEntryFails() {
        // GIVEN EventBridge takes the first entry and refuses the second
        eventBridge.script("PutEvents", Answer.ok("{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"e-1\"},"
                + "{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"try again\"}]}"));
        OrchestratorEvent first = actionStarted("ingest-orders");
        OrchestratorEvent second = actionStarted("ingest-payments");

        // WHEN the publisher sends both
        Delivery delivery = publisher.send(List.of(first, second));

        // THEN one call, the first is accepted, the second is reported with EventBridge's reason
        assertThat(eventBridge.received("PutEvents")).isEqualTo(1);
        assertThat(delivery.accepted()).containsExactly(first);
        assertThat(delivery.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.event()).isEqualTo(second);
            assertThat(failure.errorCode()).isEqualTo("InternalFailure");
            assertThat(failure.errorMessage()).isEqualTo("try again");
        });
    }

    @Test
    void publish_shouldReportNothingAcceptedNotThrow_whenPutEventsFails() {
        for (int i = 0; i < 3; i++) {
            eventBridge.script("PutEvents", Answer.error(500, "InternalException", "oops"));
        }

        // the state change the event reports is durable, and the outbox keeps the event: the handling goes on
        assertThat(publisher.publish(List.of(actionStarted("ingest-orders")))).isEmpty();

        assertThat(eventBridge.received("PutEvents")).isEqualTo(3);
    }

    private static OrchestratorEvent actionStarted(String job) {
        return new OrchestratorEvent.ActionStarted("sales-hourly", "wr_1", "2026-11-21T13", Map.of("hour", "13"),
                "wr_1:sales-start:0", "sales-start", NodeType.JOB, job, "jr_1", TIME);
    }
}
