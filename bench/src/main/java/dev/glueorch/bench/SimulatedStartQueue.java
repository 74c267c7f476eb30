package dev.glueorch.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.glueorch.engine.DueSlot;
import dev.glueorch.engine.StartQueue;
import dev.glueorch.handler.StartWorker;
import dev.glueorch.queue.SlotMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An SQS standard queue and its Lambda event source mapping, in this JVM, as the start workers meet them: messages
 * sent ten per SendMessageBatch, received up to ten at a time and hidden for the visibility timeout, deleted when the
 * worker's response does not list them, visible again after the worker's delay (ChangeMessageVisibility) or the
 * timeout when it does; {@code ApproximateReceiveCount} per delivery; at most {@code workers} batches handled at once.
 * At least once, as SQS: every {@code duplicateEvery}-th message is put on the queue twice, so that two workers may
 * receive the same slot at the same time.
 */
final class SimulatedStartQueue implements StartQueue {

    private static final Duration VISIBILITY_TIMEOUT = Duration.ofMinutes(30);
    private static final int BATCH = 10;

    /** One message on the queue. */
    private static final class Message {
        final String id;
        final String body;
        long visibleAtNanos;
        int receives;
        String receipt;

        Message(String id, String body) {
            this.id = id;
            this.body = body;
        }
    }

    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger sendRequests = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger redeliveries = new AtomicInteger();
    private final int duplicateEvery;

    SimulatedStartQueue(int duplicateEvery) {
        this.duplicateEvery = duplicateEvery;
    }

    @Override
    public synchronized List<DueSlot> send(List<DueSlot> slots) {
        for (int from = 0; from < slots.size(); from += BATCH) {
            sendRequests.incrementAndGet();
            for (DueSlot slot : slots.subList(from, Math.min(slots.size(), from + BATCH))) {
                put(SlotMessage.body(slot));
                if (duplicateEvery > 0 && ids.get() % duplicateEvery == 0) {
                    put(SlotMessage.body(slot));
                    duplicates.incrementAndGet();
                }
            }
        }
        notifyAll();
        return List.of();
    }

    private void put(String body) {
        String id = "m-" + ids.incrementAndGet();
        messages.put(id, new Message(id, body));
    }

    /** Up to ten visible messages, hidden for the visibility timeout; waits up to {@code wait} for one. */
    private synchronized List<SQSEvent.SQSMessage> receive(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long now = System.nanoTime();
            List<SQSEvent.SQSMessage> batch = new ArrayList<>();
            for (Message message : messages.values()) {
                if (message.visibleAtNanos <= now) {
                    message.visibleAtNanos = now + VISIBILITY_TIMEOUT.toNanos();
                    message.receives++;
                    message.receipt = message.id + "#" + message.receives;
                    if (message.receives > 1) {
                        redeliveries.incrementAndGet();
                    }
                    SQSEvent.SQSMessage delivered = new SQSEvent.SQSMessage();
                    delivered.setMessageId(message.id);
                    delivered.setReceiptHandle(message.receipt);
                    delivered.setBody(message.body);
                    delivered.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(message.receives)));
                    batch.add(delivered);
                    if (batch.size() == BATCH) {
                        break;
                    }
                }
            }
            if (!batch.isEmpty() || now >= deadline) {
                return batch;
            }
            wait(Math.max(1, Math.min(50, (deadline - now) / 1_000_000)));
        }
    }

    /** ChangeMessageVisibility, for the message's current receipt only. */
    synchronized void delay(String receipt, Duration delay) {
        for (Message message : messages.values()) {
            if (receipt.equals(message.receipt)) {
                message.visibleAtNanos = System.nanoTime() + delay.toNanos();
            }
        }
        notifyAll();
    }

    /** DeleteMessage of each delivered message the worker did not list as failed. */
    private synchronized void deleteHandled(List<SQSEvent.SQSMessage> batch, SQSBatchResponse response) {
        Set<String> failed = new HashSet<>();
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        for (SQSEvent.SQSMessage delivered : batch) {
            Message message = messages.get(delivered.getMessageId());
            if (!failed.contains(delivered.getMessageId()) && message != null
                    && delivered.getReceiptHandle().equals(message.receipt)) {
                messages.remove(delivered.getMessageId());
            }
        }
    }

    synchronized boolean isEmpty() {
        return messages.isEmpty();
    }

    /**
     * Runs {@code workers} pollers, as the event source mapping with that maximum concurrency: each receives a batch
     * and invokes its own worker (a Lambda execution environment, with its own paced Glue) with it, until
     * {@code stop} says so.
     */
    List<Thread> poll(int workers, Function<Integer, StartWorker> workerOf, java.util.function.BooleanSupplier stop) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            StartWorker worker = workerOf.apply(i);
            Thread thread = new Thread(() -> {
                while (!stop.getAsBoolean()) {
                    List<SQSEvent.SQSMessage> batch;
                    try {
                        batch = receive(Duration.ofMillis(200));
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (batch.isEmpty()) {
                        continue;
                    }
                    SQSEvent event = new SQSEvent();
                    event.setRecords(batch);
                    deleteHandled(batch, worker.handle(event));
                }
            }, "start-worker-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    int sendRequests() {
        return sendRequests.get();
    }

    int duplicatesInjected() {
        return duplicates.get();
    }

    int redeliveries() {
        return redeliveries.get();
    }
}
