package dev.glueorch.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.glueorch.engine.AccountTrust;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.DueSlot;
import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.ScheduledStarts;
import dev.glueorch.engine.Statistics;
import dev.glueorch.model.JobRunState;
import dev.glueorch.queue.SlotMessage;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.GeneratedDefinitions;
import dev.glueorch.testing.InMemoryStartQueue;
import dev.glueorch.testing.RecordingGlue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tick hands due slots to the start queue and start workers start them: exactly once however the queue delivers
 * (twice, to concurrent workers, after a worker died), with throttling absorbed by waiting. DynamoDB Local and an
 * in-memory Glue; the queue's delivery is played by the test, as SQS and the event source mapping would.
 */
class StartWorkerTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private static final String PARTITION = "2026-11-21T13";
    private static final RetryPolicy NO_WAIT = new RetryPolicy(2, Duration.ZERO, Duration.ZERO, d -> { });

    private final EngineHarness h = new EngineHarness(SLOT);
    private final InMemoryStartQueue queue = new InMemoryStartQueue();
    private final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger messageIds = new AtomicInteger();
    private Orchestrator ticking;
    private StartWorker worker;

    @BeforeEach
    void wire() {
        ticking = new Orchestrator(h.source, h.store, h.glue, h.outbox, h.metrics, h.clock, NO_WAIT,
                AccountTrust.SINGLE_ACCOUNT, queue);
        Orchestrator workers = new Orchestrator(h.source, h.store, h.glue, h.outbox, h.metrics, h.clock, NO_WAIT);
        ScheduledStarts starts = new ScheduledStarts(workers, h.source, h.store, h.clock);
        worker = new StartWorker(starts::start, (receiptHandle, delay) -> delays.add(delay));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private void tick(Instant at) {
        h.clock.set(at);
        ticking.handle(new GlueEvent.ScheduleTick("tick-" + at, at));
    }

    /** The message SQS would deliver for {@code slot}, on its {@code receive}-th delivery. */
    private SQSEvent.SQSMessage message(DueSlot slot, int receive) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-" + messageIds.incrementAndGet());
        message.setReceiptHandle("r-" + message.getMessageId());
        message.setBody(SlotMessage.body(slot));
        message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receive)));
        return message;
    }

    private static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private ActionRun action(String name) {
        return h.run(PARTITION).actions().values().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow();
    }

    // --- the tick

    @Test
    void tick_shouldHandTheDueSlotToTheQueue_andStartNothingItself() {
        // WHEN the 14:00 tick comes, and the next one
        tick(SLOT.plusSeconds(5));
        tick(SLOT.plusSeconds(65));
        // THEN the slot was handed over once, and Glue was not called by the tick
        assertThat(queue.sent()).containsExactly(new DueSlot(EngineHarness.WORKFLOW, "sales-start", SLOT));
        assertThat(h.glue.starts()).isEmpty();
    }

    @Test
    void queueNotTakingTheSlot_shouldLeaveItToTheNextTick() {
        // GIVEN a tick at 13:59 (the trigger's cursor is kept), then SQS does not take the 14:00 slot
        tick(SLOT.minusSeconds(55));
        queue.refuse(1);
        tick(SLOT.plusSeconds(5));
        assertThat(queue.sent()).isEmpty();
        // WHEN the next tick comes
        tick(SLOT.plusSeconds(65));
        // THEN it hands the slot over: the cursor had not moved past it
        assertThat(queue.sent()).containsExactly(new DueSlot(EngineHarness.WORKFLOW, "sales-start", SLOT));
    }

    // --- the workers

    @Test
    void slotStartedByAWorker_shouldStartItsActionsAndBeAcknowledged() {
        tick(SLOT.plusSeconds(5));
        // WHEN a worker receives the slot
        SQSBatchResponse response = worker.handle(batch(message(queue.sent().get(0), 1)));
        // THEN both first actions run, and the message is done
        assertThat(failed(response)).isEmpty();
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        assertThat(h.glue.startsOf("ingest-payments")).hasSize(1);
        assertThat(h.run(PARTITION).statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 0, 2, 0, 0));
    }

    @Test
    void everySlotDeliveredTwiceToConcurrentWorkers_shouldStartEachActionOnce() throws Exception {
        // GIVEN 40 hourly workflows of one job each, all due at 14:00
        h.use(GeneratedDefinitions.scheduled(40, 40));
        wire();
        tick(SLOT.plusSeconds(5));
        assertThat(queue.sent()).hasSize(40);
        // WHEN SQS delivers every message twice, in no order, to 6 workers taking batches of up to 3 at once
        List<SQSEvent.SQSMessage> deliveries = new ArrayList<>();
        for (DueSlot slot : queue.sent()) {
            deliveries.add(message(slot, 1));
            deliveries.add(message(slot, 2));
        }
        Collections.shuffle(deliveries, new Random(13));
        Queue<SQSEvent.SQSMessage> pending = new ConcurrentLinkedQueue<>(deliveries);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(6);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(workers.submit(() -> {
                go.await();
                List<String> failures = new ArrayList<>();
                List<SQSEvent.SQSMessage> taken = new ArrayList<>();
                for (SQSEvent.SQSMessage next = pending.poll(); next != null; next = pending.poll()) {
                    taken.add(next);
                    if (taken.size() == 3 || pending.isEmpty()) {
                        failures.addAll(failed(worker.handle(batch(taken.toArray(SQSEvent.SQSMessage[]::new)))));
                        taken.clear();
                    }
                }
                if (!taken.isEmpty()) {
                    failures.addAll(failed(worker.handle(batch(taken.toArray(SQSEvent.SQSMessage[]::new)))));
                }
                return failures;
            }));
        }
        go.countDown();
        List<String> failures = new ArrayList<>();
        for (Future<List<String>> result : results) {
            failures.addAll(result.get());
        }
        workers.shutdown();
        // THEN every job was started exactly once, and no message is left to deliver again
        assertThat(failures).isEmpty();
        for (int i = 0; i < 40; i++) {
            assertThat(h.glue.startsOf("job-" + i)).as("starts of job-%d", i).hasSize(1);
        }
        assertThat(h.glue.starts()).hasSize(40);
    }

    @Test
    void startThrottledPastTheRetries_shouldComeBackLater_andStartOnce() {
        // GIVEN Glue throttles every attempt of the worker's first delivery at ingest-orders
        tick(SLOT.plusSeconds(5));
        DueSlot slot = queue.sent().get(0);
        h.glue.refuse("ingest-orders", "ThrottlingException", true, 2);
        // WHEN the worker handles the slot
        SQSEvent.SQSMessage first = message(slot, 1);
        SQSBatchResponse response = worker.handle(batch(first));
        // THEN the action waits, durably, and the message comes back after a delay rather than being dropped
        assertThat(failed(response)).containsExactly(first.getMessageId());
        assertThat(delays).containsExactly(StartWorker.FIRST_DELAY);
        assertThat(action("ingest-orders").state()).isEqualTo(JobRunState.WAITING);
        assertThat(h.glue.startsOf("ingest-payments")).hasSize(1);
        // WHEN it comes back and Glue takes it
        h.clock.set(SLOT.plusSeconds(20));
        SQSBatchResponse again = worker.handle(batch(message(slot, 2)));
        // THEN it is started once, and the message is done
        assertThat(failed(again)).isEmpty();
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        assertThat(h.glue.startsOf("ingest-payments")).hasSize(1);
        assertThat(h.run(PARTITION).statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 0, 2, 0, 0));
    }

    @Test
    void stillThrottledAtTheLastRedelivery_shouldBeLeftToTheTicksRetries() {
        // GIVEN the slot's fifth delivery, and Glue still throttling ingest-orders
        tick(SLOT.plusSeconds(5));
        DueSlot slot = queue.sent().get(0);
        h.glue.refuse("ingest-orders", "ThrottlingException", true, 2);
        // WHEN the worker handles it
        SQSBatchResponse response = worker.handle(batch(message(slot, StartWorker.WAITING_REDELIVERIES)));
        // THEN the message is let go (not to the dead-letter queue), the action waits in the table
        assertThat(failed(response)).isEmpty();
        assertThat(action("ingest-orders").state()).isEqualTo(JobRunState.WAITING);
        // and the next tick starts it, once
        tick(SLOT.plusSeconds(65));
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        assertThat(action("ingest-orders").state()).isEqualTo(JobRunState.RUNNING);
    }

    @Test
    void workerDyingAfterGlueStartedTheRun_shouldNeverStartItTwice() {
        // GIVEN the worker's process dies inside StartJobRun of ingest-orders, after Glue started it
        tick(SLOT.plusSeconds(5));
        DueSlot slot = queue.sent().get(0);
        h.glue.crashOnNextStart("ingest-orders", true);
        assertThatThrownBy(() -> worker.handle(batch(message(slot, 1)))).isInstanceOf(RecordingGlue.Crash.class);
        // WHEN SQS delivers the slot again (the invocation failed: the batch comes back) and the reconciler passes
        SQSBatchResponse again = worker.handle(batch(message(slot, 2)));
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        // THEN ingest-orders was started once, and that run is the action's
        assertThat(failed(again)).isEmpty();
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        assertThat(action("ingest-orders").jobRunId())
                .isEqualTo(h.glue.startsOf("ingest-orders").get(0).jobRunId());
        assertThat(h.glue.startsOf("ingest-payments")).hasSize(1);
    }

    @Test
    void failingStart_shouldComeBackAfterADelay() {
        // GIVEN the worker cannot read the definitions' workflow store (say, DynamoDB refuses)
        tick(SLOT.plusSeconds(5));
        StartWorker failing = new StartWorker(slot -> {
            throw new IllegalStateException("DynamoDB unavailable");
        }, (receiptHandle, delay) -> delays.add(delay));
        SQSEvent.SQSMessage message = message(queue.sent().get(0), 3);
        // WHEN it handles the slot
        SQSBatchResponse response = failing.handle(batch(message));
        // THEN the message is delivered again (up to the queue's maximum receives, then the dead-letter queue)
        assertThat(failed(response)).containsExactly(message.getMessageId());
        assertThat(delays).containsExactly(Duration.ofSeconds(40));
    }

    @Test
    void invocationNearItsTimeout_shouldHandBackTheSlotsNotBegun() {
        // GIVEN two due slots in one batch, and an invocation with 30 s left
        tick(SLOT.plusSeconds(5));
        SQSEvent.SQSMessage first = message(queue.sent().get(0), 1);
        SQSEvent.SQSMessage second = message(new DueSlot(EngineHarness.WORKFLOW, "sales-start",
                SLOT.minus(Duration.ofHours(1))), 1);
        // WHEN the worker handles the batch
        SQSBatchResponse response = worker.handle(batch(first, second), () -> 30_000);
        // THEN it begins neither: both come back at once, to a worker with time
        assertThat(failed(response)).containsExactly(first.getMessageId(), second.getMessageId());
        assertThat(delays).containsExactly(Duration.ZERO, Duration.ZERO);
        assertThat(h.glue.starts()).isEmpty();
    }

    @Test
    void bodyThatIsNotADueSlot_shouldBeReportedForTheDeadLetterQueue() {
        SQSEvent.SQSMessage message = message(new DueSlot("w", "t", SLOT), 1);
        message.setBody("{\"WorkflowName\": \"w\"}");
        assertThat(failed(worker.handle(batch(message)))).containsExactly(message.getMessageId());
        assertThat(h.glue.starts()).isEmpty();
    }

    @Test
    void slotOfATriggerNoLongerScheduled_shouldBeDoneWithoutStartingAnything() {
        SQSEvent.SQSMessage message = message(new DueSlot(EngineHarness.WORKFLOW, "gone-trigger", SLOT), 1);
        assertThat(failed(worker.handle(batch(message)))).isEmpty();
        assertThat(h.glue.starts()).isEmpty();
    }
}
