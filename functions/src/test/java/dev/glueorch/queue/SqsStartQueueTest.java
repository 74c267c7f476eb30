package dev.glueorch.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.DueSlot;
import dev.glueorch.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SQS start queue through the functions' own SQS client, against moto_server. */
class SqsStartQueueTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private static MotoServer moto;
    private static AwsClients clients;
    private static SqsClient reader;

    @BeforeAll
    static void start() {
        moto = MotoServer.shared();
        clients = moto.clients();
        reader = moto.sqs();
    }

    @AfterAll
    static void stop() {
        clients.close();
        reader.close();
    }

    /** A new queue whose messages stay invisible for 5 minutes once received. */
    private static String newQueue() {
        return reader.createQueue(b -> b.queueName("starts-" + UUID.randomUUID())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "300"))).queueUrl();
    }

    private static List<Message> receiveAll(String queueUrl, int expected) {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 20 && received.size() < expected; i++) {
            received.addAll(reader.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageSystemAttributeNamesWithStrings("ApproximateReceiveCount")).messages());
        }
        return received;
    }

    @Test
    void send_shouldPutEverySlotOnTheQueue_tenPerRequest() {
        // GIVEN 25 due slots
        String queueUrl = newQueue();
        List<DueSlot> slots = IntStream.range(0, 25).mapToObj(i -> new DueSlot("wf-" + i, "wf-" + i + "-start",
                SLOT)).toList();
        // WHEN the tick sends them
        List<DueSlot> unsent = new SqsStartQueue(clients::sqs, queueUrl).send(slots);
        // THEN SQS has each, as a body the worker reads back
        assertThat(unsent).isEmpty();
        List<DueSlot> received = receiveAll(queueUrl, 25).stream().map(m -> SlotMessage.parse(m.body())).toList();
        assertThat(received).containsExactlyInAnyOrderElementsOf(slots);
    }

    @Test
    void send_toAQueueThatDoesNotExist_shouldReturnEverySlotAsUnsent() {
        // GIVEN a queue URL that names no queue
        SqsStartQueue missing = new SqsStartQueue(clients::sqs, moto.endpoint() + "/123456789012/no-such-queue");
        List<DueSlot> slots = List.of(new DueSlot("a", "a-start", SLOT), new DueSlot("b", "b-start", SLOT));
        // WHEN the tick sends to it
        // THEN it learns that nothing was taken (and keeps the triggers' cursors)
        assertThat(missing.send(slots)).containsExactlyElementsOf(slots);
    }

    @Test
    void delayRedelivery_shouldMakeAReceivedMessageVisibleAgainAfterTheDelay() {
        // GIVEN a slot received by a worker (invisible for the queue's 5 minutes)
        String queueUrl = newQueue();
        SqsStartQueue queue = new SqsStartQueue(clients::sqs, queueUrl);
        queue.send(List.of(new DueSlot("wf", "wf-start", SLOT)));
        Message first = receiveAll(queueUrl, 1).get(0);
        assertThat(reader.receiveMessage(b -> b.queueUrl(queueUrl)).messages()).isEmpty();
        // WHEN the worker asks for it to come back at once (a zero delay)
        queue.delayRedelivery(first.receiptHandle(), Duration.ZERO);
        // THEN it is delivered again, counted as a second receive
        Message again = receiveAll(queueUrl, 1).get(0);
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
    }
}
