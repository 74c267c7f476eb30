package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EVENT triggers on DynamoDB Local: batching, exactly once, partitions and joins, the tick's window. */
class EventTriggersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-21T14:05:00Z");
    /** Hourly: a schedule starts ingest-orders; partner files of the hour start load-partner, 3 a batch. */
    private static final String LANDING = """
        {"Workflow": {"Name": "landing", "Partitioning": {"Granularity": "HOUR"}},
         "Triggers": [
           {"Name": "hourly", "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)",
            "Actions": [{"JobName": "ingest-orders"}]},
           {"Name": "on-drop", "Type": "EVENT",
            "EventBatchingCondition": {"BatchSize": 3, "BatchWindow": 120},
            "EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"],
                             "detail": {"bucket": {"name": ["partner-drops"]}}},
            "PartitionFrom": {"Path": "detail.object.key",
                              "Pattern": "dt=(?<day>\\\\d{4}-\\\\d{2}-\\\\d{2})/hr=(?<hour>\\\\d{1,2})/"},
            "Actions": [{"JobName": "load-partner"}]}]}
        """;
    /** Unpartitioned, one run at a time: every 2 partner events start a copy. */
    private static final String DROPS = """
        {"Workflow": {"Name": "drops", "MaxConcurrentRuns": 1},
         "Triggers": [
           {"Name": "on-file", "Type": "EVENT", "EventBatchingCondition": {"BatchSize": 2, "BatchWindow": 60},
            "EventPattern": {"source": ["com.example.partners"]},
            "Actions": [{"JobName": "copy"}]}]}
        """;

    private EngineHarness harness;
    private int eventIds;

    @BeforeEach
    void setUp() {
        harness = new EngineHarness(T0);
        harness.use(new DefinitionValidator().validateAll(Map.of("workflows/landing.json", LANDING,
                "workflows/drops.json", DROPS)));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** The S3 sample event with its own id and {@code key}. */
    private GlueEvent.TriggerEvent s3Event(String id, String key) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Resources.event("s3-object-created.json"));
        event.put("id", id);
        ((ObjectNode) event.path("detail").path("object")).put("key", key);
        return new GlueEvent.TriggerEvent(id, harness.clock.instant(), "landing", "on-drop", event);
    }

    private GlueEvent.TriggerEvent hour13(String id) throws Exception {
        return s3Event(id, "orders/dt=2026-11-21/hr=13/part-" + id + ".parquet");
    }

    private GlueEvent.TriggerEvent partnerEvent() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Resources.event("custom-partner-file-landed.json"));
        String id = "partner-" + (++eventIds);
        event.put("id", id);
        return new GlueEvent.TriggerEvent(id, harness.clock.instant(), "drops", "on-file", event);
    }

    private WorkflowRun run13() {
        return harness.store.run("landing", RunIds.forPartition("landing", "2026-11-21T13")).orElseThrow();
    }

    @Test
    void batchSizeReached_shouldStartThePartitionsRunWithGluesBatchRecord() throws Exception {
        // GIVEN / WHEN three files of hour 13 land
        for (String id : List.of("e1", "e2", "e3")) {
            harness.orchestrator.handle(hour13(id));
        }
        // THEN the run of hour 13 starts load-partner once, recording the batch as Glue does
        assertThat(harness.glue.startsOf("load-partner")).hasSize(1);
        WorkflowRun run = run13();
        assertThat(run.startingEventBatchCondition()).isEqualTo(new EventBatchCondition(3, 0));
        assertThat(run.properties()).containsEntry("aws:eventIds", "[\"e1\",\"e2\",\"e3\"]")
                .containsEntry("hour_partition_value", "13");
        assertThat(harness.store.openEventBatches()).isEmpty();
        assertThat(harness.store.closedEventBatches()).isEmpty();
    }

    @Test
    void duplicateDelivery_shouldCountOnce() throws Exception {
        // GIVEN e1 delivered three times and e2 once
        harness.orchestrator.handle(hour13("e1"));
        harness.orchestrator.handle(hour13("e1"));
        harness.orchestrator.handle(hour13("e2"));
        harness.orchestrator.handle(hour13("e1"));
        // THEN the batch holds two events and nothing started
        assertThat(harness.glue.startsOf("load-partner")).isEmpty();
        assertThat(harness.store.openEventBatches()).singleElement()
                .satisfies(batch -> assertThat(batch.eventIds()).containsExactly("e1", "e2"));
        // WHEN a third distinct event lands THEN the batch closes with the three
        harness.orchestrator.handle(hour13("e3"));
        assertThat(harness.glue.startsOf("load-partner")).hasSize(1);
        assertThat(run13().properties()).containsEntry("aws:eventIds", "[\"e1\",\"e2\",\"e3\"]");
    }

    @Test
    void windowExpired_shouldBeClosedByTheTick() throws Exception {
        // GIVEN one file at 14:05
        harness.orchestrator.handle(hour13("e1"));
        // WHEN the tick comes within the 120 s window THEN nothing starts
        harness.tick(T0.plusSeconds(60));
        assertThat(harness.glue.startsOf("load-partner")).isEmpty();
        // WHEN the tick comes after it THEN the batch of one starts the run, the window recorded
        harness.tick(T0.plusSeconds(120));
        assertThat(harness.glue.startsOf("load-partner")).hasSize(1);
        assertThat(run13().startingEventBatchCondition()).isEqualTo(new EventBatchCondition(0, 120));
        assertThat(run13().properties()).containsEntry("aws:eventIds", "[\"e1\"]");
    }

    @Test
    void concurrentHandlers_shouldCloseOnceAndStartOneRun() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 5; round++) {
                // GIVEN two events of a batch of two, handled at the same moment
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> handled = new ArrayList<>();
                for (GlueEvent.TriggerEvent event : List.of(partnerEvent(), partnerEvent())) {
                    handled.add(threads.submit(() -> {
                        go.await();
                        harness.orchestrator.handle(event);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> future : handled) {
                    future.get();
                }
                // THEN exactly one batch closed and one copy started for it
                assertThat(harness.glue.startsOf("copy")).hasSize(round);
                harness.jobState("copy", JobRunState.SUCCEEDED);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(harness.store.runs("drops")).hasSize(5)
                .allSatisfy(run -> assertThat(run.startingEventBatchCondition()).isEqualTo(
                        new EventBatchCondition(2, 0)));
    }

    @Test
    void crashBetweenCloseAndRunStart_shouldBeFinishedByTheNextTick() throws Exception {
        // GIVEN a batch a handler closed and then died before starting its run
        harness.orchestrator.handle(hour13("e1"));
        harness.orchestrator.handle(hour13("e2"));
        EventBatch open = harness.store.openEventBatch("on-drop", "2026-11-21T13").orElseThrow();
        assertThat(harness.store.closeEventBatch(open, EventBatchCondition.sizeReached(2))).isPresent();
        assertThat(harness.glue.startsOf("load-partner")).isEmpty();
        // WHEN the tick comes (twice)
        harness.tick(T0.plusSeconds(30));
        harness.tick(T0.plusSeconds(90));
        // THEN the run started once, with the closed batch's events
        assertThat(harness.glue.startsOf("load-partner")).hasSize(1);
        assertThat(run13().properties()).containsEntry("aws:eventIds", "[\"e1\",\"e2\"]");
        assertThat(harness.store.closedEventBatches()).isEmpty();
    }

    @Test
    void keyWithoutPartition_shouldBeIgnored() throws Exception {
        // WHEN a file lands outside any dt=/hr= folder, and one with an hour that is no hour
        harness.orchestrator.handle(s3Event("e1", "orders/latest/part-0000.parquet"));
        harness.orchestrator.handle(s3Event("e2", "orders/dt=2026-11-21/hr=27/part-0000.parquet"));
        // THEN nothing is counted
        assertThat(harness.store.openEventBatches()).isEmpty();
    }

    @Test
    void partitionFromKey_shouldBatchPerPartition() throws Exception {
        // WHEN files of two hours land (with and without a leading zero)
        harness.orchestrator.handle(s3Event("e1", "orders/dt=2026-11-21/hr=09/a"));
        harness.orchestrator.handle(s3Event("e2", "orders/dt=2026-11-21/hr=9/b"));
        harness.orchestrator.handle(hour13("e3"));
        // THEN they are two batches, by partition
        assertThat(harness.store.openEventBatches()).extracting(EventBatch::partitionId, EventBatch::size)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("2026-11-21T09", 2),
                        org.assertj.core.groups.Tuple.tuple("2026-11-21T13", 1));
    }

    @Test
    void batchOfAScheduledPartition_shouldJoinItsRunAndFireOnceThere() throws Exception {
        // GIVEN the 14:00 slot opened the run of hour 13
        harness.tick(Instant.parse("2026-11-21T14:00:00Z"));
        assertThat(harness.glue.startsOf("ingest-orders")).hasSize(1);
        // WHEN hour 13's three files land
        for (String id : List.of("e1", "e2", "e3")) {
            harness.orchestrator.handle(hour13(id));
        }
        // THEN the EVENT trigger fired in that same run
        WorkflowRun run = run13();
        assertThat(run.firedTriggers()).containsExactly("hourly", "on-drop");
        assertThat(harness.glue.startsOf("load-partner")).hasSize(1);
        assertThat(run.properties()).containsEntry("aws:eventIds", "[\"e1\",\"e2\",\"e3\"]");
        assertThat(harness.store.runs("landing")).hasSize(1);
        // WHEN three more files of hour 13 land THEN the trigger, fired in that run already, starts nothing
        for (String id : List.of("e4", "e5", "e6")) {
            harness.orchestrator.handle(hour13(id));
        }
        assertThat(harness.glue.startsOf("load-partner")).hasSize(1);
        assertThat(harness.store.closedEventBatches()).isEmpty();
    }

    @Test
    void maxConcurrentRuns_shouldQueueTheNextBatchsRun() throws Exception {
        // GIVEN a batch's run holds the only slot
        harness.orchestrator.handle(partnerEvent());
        harness.orchestrator.handle(partnerEvent());
        // WHEN the next batch closes
        harness.orchestrator.handle(partnerEvent());
        harness.orchestrator.handle(partnerEvent());
        // THEN its run waits QUEUED
        assertThat(harness.glue.startsOf("copy")).hasSize(1);
        assertThat(harness.store.runs("drops")).extracting(WorkflowRun::status)
                .containsExactlyInAnyOrder(WorkflowRunStatus.RUNNING, WorkflowRunStatus.QUEUED);
        // WHEN the first run's copy succeeds THEN the queued run starts its copy
        harness.jobState("copy", JobRunState.SUCCEEDED);
        assertThat(harness.glue.startsOf("copy")).hasSize(2);
    }

    @Test
    void deactivatedTrigger_shouldIgnoreEvents() throws Exception {
        // GIVEN the EVENT trigger is deactivated
        harness.source.setTriggerState("on-drop", TriggerState.DEACTIVATED);
        // WHEN three files land THEN nothing is counted or started
        for (String id : List.of("e1", "e2", "e3")) {
            harness.orchestrator.handle(hour13(id));
        }
        assertThat(harness.store.openEventBatches()).isEmpty();
        assertThat(harness.glue.startsOf("load-partner")).isEmpty();
    }
}
