package dev.glueorch.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.testing.MotoServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** PutEvents on the wire, against moto's EventBridge: what reaches a rule on the bus, in how many calls. */
class EventBridgePublisherTest {

    private static final String BUS = "publisher-test";
    private static final String BUS_ARN = "arn:aws:events:us-east-1:123456789012:event-bus/" + BUS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2026-11-21T14:00:05Z");

    private final MotoServer moto = MotoServer.shared();
    private final SqsClient sqs = moto.sqs();
    private final AwsClients clients = moto.clients();
    private final CountingInterceptor putEvents = new CountingInterceptor();
    private final EventBridgeClient eventBridge = clients.build(EventBridgeClient.builder()
            .overrideConfiguration(o -> o.addExecutionInterceptor(putEvents)), "EVENTBRIDGE");
    private final EventBridgePublisher publisher = new EventBridgePublisher(() -> eventBridge, BUS, BUS_ARN);
    private String queueUrl;

    @BeforeEach
    void busWithARuleToAQueue() {
        moto.reset();
        try (EventBridgeClient events = moto.eventBridge()) {
            events.createEventBus(b -> b.name(BUS));
            queueUrl = sqs.createQueue(b -> b.queueName("publisher-test")).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            events.putRule(b -> b.name("everything").eventBusName(BUS)
                    .eventPattern("{\"source\": [\"glue-orchestrator\"]}"));
            events.putTargets(b -> b.rule("everything").eventBusName(BUS).targets(t -> t.id("queue").arn(arn)));
        }
    }

    @AfterEach
    void close() {
        sqs.close();
        eventBridge.close();
        clients.close();
    }

    @Test
    void publish_shouldSendAFiringEventsTwoEventsInOneCall_andReportBothAccepted() throws Exception {
        // WHEN a handling's two events are published ("Action Started" of the fired trigger, "Workflow Run Started")
        OrchestratorEvent started = actionStarted("transform-sales", 0);
        OrchestratorEvent runStarted = new OrchestratorEvent.WorkflowRunStarted("sales-hourly", "wr_2",
                "2026-11-21T14", Map.of("hour", "14"), TIME);
        Set<String> accepted = publisher.publish(List.of(started, runStarted));

        // THEN one PutEvents accepted both, and both reach the rule's target with their stable ids and the bus's ARN
        assertThat(putEvents.count.get()).isEqualTo(1);
        assertThat(accepted).containsExactlyInAnyOrder(started.eventId(), runStarted.eventId());
        List<JsonNode> received = received(2);
        assertThat(received).extracting(e -> e.path("detail-type").asText())
                .containsExactlyInAnyOrder("Action Started", "Workflow Run Started");
        assertThat(received).extracting(e -> e.path("detail").path("eventId").asText())
                .containsExactlyInAnyOrder(started.eventId(), runStarted.eventId());
        assertThat(received).allSatisfy(e -> {
            assertThat(e.path("source").asText()).isEqualTo("glue-orchestrator");
            assertThat(e.path("detail").path("eventBusArn").asText()).isEqualTo(BUS_ARN);
            assertThat(e.path("time").asText()).isEqualTo("2026-11-21T14:00:05Z");
        });
    }

    @Test
    void publish_shouldSendTenEntriesPerCallAndLoseNone() throws Exception {
        List<OrchestratorEvent> events = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            events.add(actionStarted("job-" + i, i));
        }

        Set<String> accepted = publisher.publish(events);

        assertThat(putEvents.count.get()).as("10 + 10 + 3 entries, EventBridge's limit per call").isEqualTo(3);
        assertThat(accepted).hasSize(23);
        assertThat(received(23)).extracting(e -> e.path("detail").path("jobName").asText()).doesNotHaveDuplicates()
                .hasSize(23);
    }

    @Test
    void unknownBus_shouldReportNothingAccepted() {
        EventBridgePublisher lost = new EventBridgePublisher(clients::eventBridge, "no-such-bus", null);
        // the state change the event reports is durable and its outbox keeps the event for another try
        assertThat(lost.publish(List.of(actionStarted("ingest-orders", 0)))).isEmpty();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages()).isEmpty();
    }

    private static OrchestratorEvent actionStarted(String job, int i) {
        return new OrchestratorEvent.ActionStarted("sales-hourly", "wr_" + i, "2026-11-21T13", Map.of("hour", "13"),
                "wr_" + i + ":sales-start:0", "sales-start", dev.glueorch.model.NodeType.JOB, job, "jr_" + i, TIME);
    }

    /** Reads the queue until {@code count} events came (moto delivers at once). */
    private List<JsonNode> received(int count) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (int reads = 0; events.size() < count && reads < 20; reads++) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages()) {
                events.add(JSON.readTree(message.body()));
            }
        }
        return events;
    }

    /** Counts the PutEvents calls the publisher's client makes (each attempt). */
    private static final class CountingInterceptor implements ExecutionInterceptor {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME).equals("PutEvents")) {
                count.incrementAndGet();
            }
        }
    }
}
