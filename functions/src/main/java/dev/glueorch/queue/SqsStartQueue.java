package dev.glueorch.queue;

import dev.glueorch.engine.DueSlot;
import dev.glueorch.engine.StartQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The start queue on SQS (a standard queue: at-least-once, which the claims make harmless; a FIFO queue's ordering
 * is not needed and would cap the burst): the tick sends the due slots with SendMessageBatch, ten per request (SQS's
 * limit), and a start worker asks for a message to come back later ({@link #delayRedelivery}).
 */
public final class SqsStartQueue implements StartQueue {

    private static final Logger LOG = LoggerFactory.getLogger(SqsStartQueue.class);
    /** SQS takes at most ten messages per SendMessageBatch. */
    static final int BATCH = 10;
    /** Entries SQS failed on its side are sent again this many times in all (the SDK retries whole requests). */
    private static final int ENTRY_ATTEMPTS = 3;
    /** SQS's longest visibility timeout: 12 hours. */
    private static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    /** @param sqs asked for the client on first use (built once, in {@code AwsClients}) */
    public SqsStartQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public List<DueSlot> send(List<DueSlot> slots) {
        List<DueSlot> unsent = new ArrayList<>();
        for (int from = 0; from < slots.size(); from += BATCH) {
            unsent.addAll(sendBatch(slots.subList(from, Math.min(slots.size(), from + BATCH))));
        }
        return unsent;
    }

    /** One SendMessageBatch, and again for the entries SQS failed on its side; returns what was not sent. */
    private List<DueSlot> sendBatch(List<DueSlot> batch) {
        Map<String, DueSlot> pending = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            pending.put(Integer.toString(i), batch.get(i));
        }
        for (int attempt = 1; attempt <= ENTRY_ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> entries = pending.entrySet().stream()
                    .map(e -> SendMessageBatchRequestEntry.builder().id(e.getKey())
                            .messageBody(SlotMessage.body(e.getValue())).build())
                    .toList();
            SendMessageBatchResponse response;
            try {
                response = sqs.get().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                // past the SDK's own retries: the tick leaves these triggers' cursors where they are
                LOG.error("SendMessageBatch of {} due slot(s) failed: {}", pending.size(), e.toString());
                return List.copyOf(pending.values());
            }
            response.successful().forEach(sent -> pending.remove(sent.id()));
            for (BatchResultErrorEntry failed : response.failed()) {
                LOG.warn("SQS did not take the due slot {} ({}: {}){}", pending.get(failed.id()), failed.code(),
                        failed.message(), failed.senderFault() ? "" : "; sending it again");
                if (failed.senderFault()) {
                    // the request itself is wrong: sending it again would fail the same way
                    return List.copyOf(pending.values());
                }
            }
        }
        return List.copyOf(pending.values());
    }

    /**
     * Makes a received message visible again after {@code delay} instead of the queue's visibility timeout, for a
     * slot whose starts wait for Glue; best effort: if SQS refuses, the message comes back after the timeout anyway.
     */
    public void delayRedelivery(String receiptHandle, Duration delay) {
        Duration bounded = delay.compareTo(MAX_VISIBILITY) > 0 ? MAX_VISIBILITY : delay;
        try {
            sqs.get().changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                    .visibilityTimeout((int) bounded.toSeconds()));
        } catch (SdkException e) {
            LOG.warn("Could not delay a start queue message by {} s ({}): it comes back after the queue's visibility "
                    + "timeout", bounded.toSeconds(), e.toString());
        }
    }
}
