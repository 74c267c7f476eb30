package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.model.CrawlState;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbWorkflowRunStore;

import dev.glueorch.testing.RecordingGlue;
import dev.glueorch.testing.RecordingPublisher;
import dev.glueorch.testing.EngineHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The orchestrator service on DynamoDB Local, with an in-memory Glue. */
class OrchestratorTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private static final String WORKFLOW = "sales-hourly";
    private static final AtomicInteger EVENT_IDS = new AtomicInteger();

    private final EngineHarness harness = new EngineHarness(SLOT.plusSeconds(5));
    private final ManualClock clock = harness.clock;
    private final RecordingGlue glue = harness.glue;
    private final RecordingPublisher bus = harness.bus;
    private DynamoDbWorkflowRunStore store = harness.store;
    private DynamoDbDefinitionsSource source = harness.source;
    private Orchestrator orchestrator = harness.orchestrator;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void useDefinitions(Definitions definitions) {
        harness.use(definitions);
        store = harness.store;
        source = harness.source;
        orchestrator = harness.orchestrator;
    }

    private void tick(Instant at) {
        harness.tick(at);
    }

    private void jobState(String jobName, JobRunState state) {
        harness.jobState(jobName, state);
    }

    private GlueEvent.JobStateChange jobEvent(String jobName, JobRunState state) {
        return harness.jobEvent(jobName, state);
    }

    private WorkflowRun theRun() {
        return harness.run("2026-11-21T13");
    }

    @Test
    void scheduledSlot_shouldStartTheIngestJobsOnceWithThePreviousHoursPartition() {
        // GIVEN / WHEN the 14:00 tick is delivered three times
        tick(SLOT.plusSeconds(5));
        tick(SLOT.plusSeconds(5));
        tick(SLOT.plusSeconds(30));
        // THEN one run of partition 13 started each ingest job once with the guide's four arguments
        assertThat(glue.starts()).extracting(RecordingGlue.Start::name)
                .containsExactlyInAnyOrder("ingest-orders", "ingest-payments");
        assertThat(glue.startsOf("ingest-orders").get(0).arguments()).containsAllEntriesOf(Map.of(
                "--day_partition_key", "partition_0", "--hour_partition_key", "partition_1",
                "--day_partition_value", "2026-11-21", "--hour_partition_value", "13"));
        WorkflowRun run = theRun();
        assertThat(run.status()).isEqualTo(WorkflowRunStatus.RUNNING);
        assertThat(run.properties()).containsEntry("hour_partition_value", "13").containsEntry("env", "prod");
        assertThat(run.statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 0, 2, 0, 0));
        assertThat(run.actions().values()).allSatisfy(a -> {
            assertThat(a.state()).isEqualTo(JobRunState.RUNNING);
            assertThat(a.jobRunId()).startsWith("jr_");
            assertThat(a.triggerName()).isEqualTo("sales-start");
        });
        assertThat(bus.events(OrchestratorEvent.WorkflowRunStarted.class)).hasSize(1);
    }

    @Test
    void andTrigger_shouldFireOnceWhenBothIngestJobsSucceeded() {
        tick(SLOT);
        clock.advance(Duration.ofMinutes(15));
        jobState("ingest-orders", JobRunState.SUCCEEDED);
        assertThat(glue.startsOf("transform-sales")).isEmpty();
        GlueEvent.JobStateChange last = jobEvent("ingest-payments", JobRunState.SUCCEEDED);
        orchestrator.handle(last);
        orchestrator.handle(last);
        // THEN transform-sales starts once, with its placeholders replaced and its predecessors recorded
        assertThat(glue.startsOf("transform-sales")).hasSize(1);
        assertThat(glue.startsOf("transform-sales").get(0).arguments())
                .containsEntry("--target", "s3://example-lake/sales/2026-11-21/13")
                .containsEntry("--hour_partition_value", "13");
        ActionRun transform = theRun().actions().values().stream()
                .filter(a -> a.name().equals("transform-sales")).findFirst().orElseThrow();
        assertThat(transform.predecessorRuns()).extracting(PredecessorRun::jobName)
                .containsExactlyInAnyOrder("ingest-orders", "ingest-payments");
        assertThat(theRun().statistics()).isEqualTo(new Statistics(3, 0, 0, 0, 2, 1, 0, 0));
    }

    @Test
    void sameEventFrom16Threads_shouldStartTheNextJobExactlyOnce() throws Exception {
        tick(SLOT);
        jobState("ingest-orders", JobRunState.SUCCEEDED);
        GlueEvent.JobStateChange last = jobEvent("ingest-payments", JobRunState.SUCCEEDED);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> deliveries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            deliveries.add(pool.submit(() -> {
                go.await();
                orchestrator.handle(last);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> delivery : deliveries) {
            delivery.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(glue.startsOf("transform-sales")).hasSize(1);
        assertThat(theRun().statistics()).isEqualTo(new Statistics(3, 0, 0, 0, 2, 1, 0, 0));
    }

    @Test
    void wholeRun_shouldCompleteWithStatisticsThatAddUp() {
        tick(SLOT);
        jobState("ingest-orders", JobRunState.SUCCEEDED);
        jobState("ingest-payments", JobRunState.SUCCEEDED);
        jobState("transform-sales", JobRunState.SUCCEEDED);
        jobState("load-sales", JobRunState.SUCCEEDED);
        assertThat(theRun().status()).isEqualTo(WorkflowRunStatus.RUNNING);
        clock.advance(Duration.ofMinutes(50));
        orchestrator.handle(new GlueEvent.CrawlerStateChange("c1", clock.instant(), "catalog-sales",
                CrawlState.SUCCEEDED, null));
        WorkflowRun run = theRun();
        assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        assertThat(run.completedOn()).isEqualTo(clock.instant());
        assertThat(run.statistics()).isEqualTo(new Statistics(5, 0, 0, 0, 5, 0, 0, 0));
        assertThat(bus.events(OrchestratorEvent.WorkflowRunCompleted.class)).singleElement()
                .satisfies(e -> assertThat(e.statistics().succeededActions()).isEqualTo(5));
        assertThat(glue.startsOf("alert-on-failure")).isEmpty();
    }

    @Test
    void failedJob_shouldFireTheAnyTriggerAndStillCompleteTheRun() {
        tick(SLOT);
        jobState("ingest-orders", JobRunState.FAILED);
        jobState("ingest-payments", JobRunState.SUCCEEDED);
        assertThat(glue.startsOf("alert-on-failure")).hasSize(1);
        assertThat(glue.startsOf("transform-sales")).isEmpty();
        jobState("alert-on-failure", JobRunState.SUCCEEDED);
        WorkflowRun run = theRun();
        // Glue says COMPLETED even when an action failed; the statistics tell the truth
        assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        assertThat(run.statistics()).isEqualTo(new Statistics(3, 0, 1, 0, 2, 0, 0, 0));
        ActionRun failed = run.actions().values().stream().filter(a -> a.name().equals("ingest-orders"))
                .findFirst().orElseThrow();
        assertThat(failed.errorMessage()).isEqualTo("it broke");
    }

    @Test
    void eventBeforeTheStartIsRecorded_shouldStillBeApplied() {
        // GIVEN Glue reports ingest-orders SUCCEEDED before StartJobRun has returned to the orchestrator
        glue.onStart(start -> {
            if (start.name().equals("ingest-orders")) {
                orchestrator.handle(new GlueEvent.JobStateChange("early", clock.instant(), start.name(),
                        start.jobRunId(), JobRunState.SUCCEEDED, null));
            }
        });
        tick(SLOT);
        glue.onStart(start -> { });
        // THEN the early success counts
        assertThat(theRun().statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 1, 1, 0, 0));
        jobState("ingest-payments", JobRunState.SUCCEEDED);
        assertThat(glue.startsOf("transform-sales")).hasSize(1);
    }

    @Test
    void jobRunNotStartedByTheOrchestrator_shouldFireNothing() {
        tick(SLOT);
        orchestrator.handle(new GlueEvent.JobStateChange("foreign", clock.instant(), "ingest-orders",
                "jr_started_by_hand", JobRunState.SUCCEEDED, null));
        jobState("ingest-payments", JobRunState.SUCCEEDED);
        assertThat(glue.startsOf("transform-sales")).isEmpty();
        assertThat(theRun().statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 1, 1, 0, 0));
    }

    @Test
    void concurrentRunsExceeded_shouldWaitAndStartOnALaterTick() {
        glue.refuse("ingest-orders", "ConcurrentRunsExceededException", true, 2);
        tick(SLOT);
        assertThat(theRun().statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 0, 1, 0, 1));
        assertThat(glue.startsOf("ingest-orders")).isEmpty();
        tick(SLOT.plusSeconds(60));
        assertThat(glue.startsOf("ingest-orders")).hasSize(1);
        assertThat(theRun().statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 0, 2, 0, 0));
        // and the action it started is the one the run counts
        jobState("ingest-orders", JobRunState.SUCCEEDED);
        jobState("ingest-payments", JobRunState.SUCCEEDED);
        assertThat(glue.startsOf("transform-sales")).hasSize(1);
    }

    @Test
    void staleWaitingEntry_shouldBeDroppedByTheNextTickWithoutStartingAnything() {
        // GIVEN an action listed as waiting although it runs (a WAIT move lost its race after indexing)
        tick(SLOT);
        ActionRef running = theRun().actions().values().iterator().next().ref(WORKFLOW, theRun().workflowRunId());
        assertThat(store.transitionAction(running, ActionTransition.WAIT,
                new StateUpdate(JobRunState.WAITING, clock.instant(), "late"), null)).isEmpty();
        assertThat(store.waitingActions(10)).containsExactly(running);
        // WHEN the next tick retries waiting actions
        tick(SLOT.plusSeconds(60));
        // THEN the entry is gone and nothing was started twice
        assertThat(store.waitingActions(10)).isEmpty();
        assertThat(glue.starts()).hasSize(2);
    }

    @Test
    void jobGlueDoesNotKnow_shouldEndAsErroredAndLetTheRunComplete() {
        glue.refuse("ingest-orders", "EntityNotFoundException", false, 1);
        tick(SLOT);
        jobState("ingest-payments", JobRunState.SUCCEEDED);
        WorkflowRun run = theRun();
        assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        assertThat(run.statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 1, 0, 1, 0));
        assertThat(run.actions().values()).anySatisfy(a -> assertThat(a.errorMessage())
                .contains("EntityNotFoundException"));
    }

    @Test
    void missedSlots_shouldBeCaughtUpWithinTheLimit() {
        // GIVEN no concurrency limit; the tick ran at 10:00, then nothing ran until 15:00 (slots 11..15 due)
        useDefinitions(EngineHarness.exampleWith("\"MaxConcurrentRuns\": 2,", ""));
        tick(Instant.parse("2026-11-21T10:00:00Z"));
        int before = glue.starts().size();
        tick(Instant.parse("2026-11-21T15:00:10Z"));
        // THEN the newest slot and MaxCatchUpRuns (3) missed ones start, the oldest is skipped
        List<String> hours = glue.startsOf("ingest-orders").subList(before / 2, glue.startsOf("ingest-orders").size())
                .stream().map(s -> s.arguments().get("--hour_partition_value")).toList();
        assertThat(hours).containsExactlyInAnyOrder("11", "12", "13", "14");
    }

    @Test
    void maxConcurrentRuns_shouldQueueExtraRunsAndStartThemWhenOneCompletes() {
        // GIVEN MaxConcurrentRuns 2 and three hourly slots whose jobs keep running
        tick(Instant.parse("2026-11-21T12:00:00Z"));
        tick(Instant.parse("2026-11-21T13:00:00Z"));
        tick(Instant.parse("2026-11-21T14:00:00Z"));
        assertThat(glue.startsOf("ingest-orders")).hasSize(2);
        // WHEN the first run fails fast and completes
        String firstRunOrders = glue.startsOf("ingest-orders").get(0).jobRunId();
        String firstRunPayments = glue.startsOf("ingest-payments").get(0).jobRunId();
        orchestrator.handle(new GlueEvent.JobStateChange("x1", clock.instant(), "ingest-orders", firstRunOrders,
                JobRunState.STOPPED, null));
        orchestrator.handle(new GlueEvent.JobStateChange("x2", clock.instant(), "ingest-payments", firstRunPayments,
                JobRunState.STOPPED, null));
        // THEN the queued run of partition 13 starts
        assertThat(glue.startsOf("ingest-orders")).hasSize(3);
        assertThat(glue.startsOf("ingest-orders").get(2).arguments()).containsEntry("--hour_partition_value", "13");
        assertThat(theRun().status()).isEqualTo(WorkflowRunStatus.RUNNING);
    }

    @Test
    void crawlerEventOlderThanTheLatestCrawl_shouldNotFinishIt() {
        tick(SLOT);
        jobState("ingest-orders", JobRunState.SUCCEEDED);
        jobState("ingest-payments", JobRunState.SUCCEEDED);
        jobState("transform-sales", JobRunState.SUCCEEDED);
        orchestrator.handle(new GlueEvent.CrawlerStateChange("old", SLOT.minusSeconds(3600), "catalog-sales",
                CrawlState.SUCCEEDED, null));
        assertThat(theRun().statistics().runningActions()).isEqualTo(2);
    }

    @Test
    void runStartedWithOneVersion_shouldKeepItWhenDefinitionsChange() {
        tick(SLOT);
        // WHEN new definitions without the join trigger are published
        source.publish(EngineHarness.exampleWith("\"sales-join\"", "\"sales-join-v2\""));
        jobState("ingest-orders", JobRunState.SUCCEEDED);
        jobState("ingest-payments", JobRunState.SUCCEEDED);
        // THEN the run in flight fires the trigger of the version it started with
        assertThat(theRun().firedTriggers()).contains("sales-join").doesNotContain("sales-join-v2");
    }
}
