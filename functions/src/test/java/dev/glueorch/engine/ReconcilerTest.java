package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.RecordingGlue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reconciler repairing what events and crashes leave behind, on DynamoDB Local with an in-memory Glue. */
class ReconcilerTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private final EngineHarness h = new EngineHarness(SLOT);

    @AfterEach
    void tearDown() {
        h.close();
    }

    private List<OrchestratorEvent.Notification> notifications(OrchestratorEvent.Notification.Kind kind) {
        return h.bus.events(OrchestratorEvent.Notification.class).stream().filter(n -> n.kind() == kind).toList();
    }

    @Test
    void lostTerminalEvents_shouldBeAppliedFromGetJobRun() {
        // GIVEN both ingest runs ended in Glue, but neither event arrived
        h.tick(SLOT);
        h.glue.endJobRun(h.glue.startsOf("ingest-orders").get(0).jobRunId(), JobRunState.SUCCEEDED,
                SLOT.plusSeconds(900));
        h.glue.endJobRun(h.glue.startsOf("ingest-payments").get(0).jobRunId(), JobRunState.SUCCEEDED,
                SLOT.plusSeconds(960));
        // WHEN the reconciler runs before their expected time, nothing is asked; after it, Glue's state is applied
        h.reconcile(SLOT.plusSeconds(300));
        assertThat(h.glue.startsOf("transform-sales")).isEmpty();
        h.reconcile(SLOT.plus(Duration.ofMinutes(20)));
        // THEN the run moves on as if the events had come, with Glue's completion times
        assertThat(h.glue.startsOf("transform-sales")).hasSize(1);
        WorkflowRun run = h.run("2026-11-21T13");
        assertThat(run.statistics()).isEqualTo(new Statistics(3, 0, 0, 0, 2, 1, 0, 0));
        assertThat(run.actions().values()).filteredOn(a -> a.name().equals("ingest-orders"))
                .extracting(ActionRun::completedOn).containsExactly(SLOT.plusSeconds(900));
    }

    @Test
    void crashBeforeStartJobRun_shouldStartTheClaimedActionOnce() {
        // GIVEN the tick handler dies after claiming the start trigger, before Glue started ingest-orders
        h.glue.crashOnNextStart("ingest-orders", false);
        assertThatThrownBy(() -> h.tick(SLOT)).isInstanceOf(RecordingGlue.Crash.class);
        // and Lambda's retry of the tick finds the trigger fired
        h.tick(SLOT.plusSeconds(60));
        assertThat(h.glue.startsOf("ingest-orders")).isEmpty();
        // WHEN the reconciler passes after the claim grace
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        h.reconcile(SLOT.plus(Duration.ofMinutes(10)));
        // THEN the action was started exactly once and the run counts it as running
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        assertThat(h.run("2026-11-21T13").statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 0, 2, 0, 0));
    }

    @Test
    void crashAfterGlueStartedTheRun_shouldFindItByItsActionIdNotStartASecond() {
        h.glue.crashOnNextStart("ingest-orders", true);
        assertThatThrownBy(() -> h.tick(SLOT)).isInstanceOf(RecordingGlue.Crash.class);
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        ActionRun orders = h.run("2026-11-21T13").actions().values().stream()
                .filter(a -> a.name().equals("ingest-orders")).findFirst().orElseThrow();
        assertThat(orders.state()).isEqualTo(JobRunState.RUNNING);
        assertThat(orders.jobRunId()).isEqualTo(h.glue.startsOf("ingest-orders").get(0).jobRunId());
        // and its event, when it comes, moves the run on
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        h.jobState("ingest-payments", JobRunState.SUCCEEDED);
        assertThat(h.glue.startsOf("transform-sales")).hasSize(1);
    }

    @Test
    void lostCrawlerEvent_shouldBeAppliedFromGetCrawler() {
        h.tick(SLOT);
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        h.jobState("ingest-payments", JobRunState.SUCCEEDED);
        h.jobState("transform-sales", JobRunState.SUCCEEDED);
        h.jobState("load-sales", JobRunState.SUCCEEDED);
        h.glue.endCrawl("catalog-sales", CrawlState.SUCCEEDED, SLOT);
        h.reconcile(SLOT.plus(Duration.ofMinutes(30)));
        WorkflowRun run = h.run("2026-11-21T13");
        assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        assertThat(run.statistics()).isEqualTo(new Statistics(5, 0, 0, 0, 5, 0, 0, 0));
    }

    @Test
    void failedAndTimedOutRuns_shouldBeNotifiedOnceEachWhateverTheDuplicates() {
        h.tick(SLOT);
        GlueEvent.JobStateChange failed = h.jobEvent("ingest-orders", JobRunState.FAILED);
        h.orchestrator.handle(failed);
        h.orchestrator.handle(failed);
        h.jobState("ingest-payments", JobRunState.TIMEOUT);
        h.reconcile(SLOT.plus(Duration.ofMinutes(30)));
        assertThat(notifications(OrchestratorEvent.Notification.Kind.RUN_FAILED)).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("ingest-orders");
            assertThat(n.jobRunId()).isEqualTo(failed.jobRunId());
            assertThat(n.partition()).isEqualTo("2026-11-21T13");
            assertThat(n.consolePath()).isEqualTo("/gluestudio/home#/job/ingest-orders/run/" + failed.jobRunId());
            assertThat(n.detail()).containsKeys("workflowName", "workflowRunId", "partition", "jobName", "jobRunId",
                    "consolePath", "at");
        });
        assertThat(notifications(OrchestratorEvent.Notification.Kind.RUN_TIMED_OUT)).singleElement()
                .satisfies(n -> assertThat(n.name()).isEqualTo("ingest-payments"));
    }

    @Test
    void delayEventAndExpectedDuration_shouldGiveOneRunDelayed() {
        // GIVEN transform-sales is expected to take 30 minutes
        h.use(EngineHarness.exampleWith("\"Timeout\": 60}", "\"Timeout\": 60, \"ExpectedDurationMinutes\": 30}"));
        h.tick(SLOT);
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        h.jobState("ingest-payments", JobRunState.SUCCEEDED);
        String transform = h.glue.startsOf("transform-sales").get(0).jobRunId();
        // WHEN the reconciler sees it running after 45 minutes, and Glue's own delay event also comes
        h.reconcile(SLOT.plus(Duration.ofMinutes(45)));
        h.orchestrator.handle(new GlueEvent.JobRunDelayed("d1", SLOT.plus(Duration.ofMinutes(46)), "transform-sales",
                transform, 30, SLOT));
        h.reconcile(SLOT.plus(Duration.ofMinutes(50)));
        // THEN one Run Delayed, saying how late
        assertThat(notifications(OrchestratorEvent.Notification.Kind.RUN_DELAYED)).singleElement().satisfies(n -> {
            assertThat(n.jobRunId()).isEqualTo(transform);
            assertThat(n.lateByMinutes()).isEqualTo(15L);
        });
    }

    @Test
    void partitionNotStartedByItsDeadline_shouldBeNotifiedOnce() {
        // GIVEN runs are expected to start within 20 minutes of their slot, and the 14:00 tick never came
        h.use(EngineHarness.exampleWith("\"MaxConcurrentRuns\": 2,",
                "\"MaxConcurrentRuns\": 2, \"ExpectedStartBy\": 20,"));
        h.tick(SLOT.minus(Duration.ofMinutes(1)));
        // WHEN the reconciler runs at 14:25 (it also catches the slot up) and again at 14:30
        h.reconcile(SLOT.plus(Duration.ofMinutes(25)));
        h.reconcile(SLOT.plus(Duration.ofMinutes(30)));
        // THEN one Run Not Started for partition 13, five minutes late
        assertThat(notifications(OrchestratorEvent.Notification.Kind.RUN_NOT_STARTED)).singleElement()
                .satisfies(n -> {
                    assertThat(n.partition()).isEqualTo("2026-11-21T13");
                    assertThat(n.workflowName()).isEqualTo(EngineHarness.WORKFLOW);
                    assertThat(n.lateByMinutes()).isEqualTo(5L);
                });
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
    }

    @Test
    void runStartedInTime_shouldNotBeNotified() {
        h.use(EngineHarness.exampleWith("\"MaxConcurrentRuns\": 2,",
                "\"MaxConcurrentRuns\": 2, \"ExpectedStartBy\": 20,"));
        h.tick(SLOT);
        h.reconcile(SLOT.plus(Duration.ofMinutes(25)));
        assertThat(notifications(OrchestratorEvent.Notification.Kind.RUN_NOT_STARTED)).isEmpty();
    }

    @Test
    void slotKeptByACrashAtCompletion_shouldBeReleasedAndTheQueuedRunStarted() {
        // GIVEN MaxConcurrentRuns 2: runs of partitions 11 and 12 run, 13 waits in the queue
        h.tick(Instant.parse("2026-11-21T12:00:00Z"));
        h.tick(Instant.parse("2026-11-21T13:00:00Z"));
        h.tick(Instant.parse("2026-11-21T14:00:00Z"));
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(2);
        // and partition 11's run ended, but the handler died before its release: still indexed, slot still taken
        WorkflowRun eleven = h.run("2026-11-21T11");
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("WORKFLOW#sales-hourly"),
                "SK", AttributeValue.fromS("RUN#" + eleven.workflowRunId()));
        h.dynamoDb.updateItem(b -> b.tableName(h.table).key(key).updateExpression("SET #s = :done")
                .expressionAttributeNames(Map.of("#s", "Status"))
                .expressionAttributeValues(Map.of(":done", AttributeValue.fromS("COMPLETED"))));
        assertThat(h.store.activeRuns()).extracting(WorkflowRun::workflowRunId).contains(eleven.workflowRunId());
        // WHEN the reconciler passes
        h.reconcile(Instant.parse("2026-11-21T14:05:00Z"));
        // THEN the slot is free again and the queued run of partition 13 started
        assertThat(h.store.activeRuns()).extracting(WorkflowRun::workflowRunId)
                .doesNotContain(eleven.workflowRunId());
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(3);
        assertThat(h.glue.startsOf("ingest-orders").get(2).arguments()).containsEntry("--hour_partition_value", "13");
    }

    @Test
    void actionWaitingTooLong_shouldBeNotifiedOnceAndKeepWaiting() {
        h.glue.refuse("ingest-orders", "ConcurrentRunsExceededException", true, 100);
        h.tick(SLOT);
        h.reconcile(SLOT.plus(Duration.ofMinutes(20)));
        assertThat(notifications(OrchestratorEvent.Notification.Kind.ACTION_START_FAILED)).isEmpty();
        h.reconcile(SLOT.plus(Duration.ofMinutes(35)));
        h.reconcile(SLOT.plus(Duration.ofMinutes(40)));
        assertThat(notifications(OrchestratorEvent.Notification.Kind.ACTION_START_FAILED)).singleElement()
                .satisfies(n -> assertThat(n.name()).isEqualTo("ingest-orders"));
        assertThat(h.run("2026-11-21T13").statistics().waitingActions()).isEqualTo(1);
    }
}
