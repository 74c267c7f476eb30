package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.glueorch.model.JobRunState;
import dev.glueorch.model.WorkflowDefinition;
import dev.glueorch.testing.EngineHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Exactly once when Glue's answers are lost, retries race, repairs fail and events come from elsewhere: each test is
 * one fault of the failure model, on DynamoDB Local with an in-memory Glue that can lose answers and fail reads.
 */
class ExactlyOnceTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private static final String PARTITION = "2026-11-21T13";
    private final EngineHarness h = new EngineHarness(SLOT);

    @AfterEach
    void tearDown() {
        h.close();
    }

    private ActionRun action(String partition, String name) {
        return h.run(partition).actions().values().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private List<OrchestratorEvent.Notification> notifications(OrchestratorEvent.Notification.Kind kind) {
        return h.bus.events(OrchestratorEvent.Notification.class).stream().filter(n -> n.kind() == kind).toList();
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return h.dynamoDb.getItem(b -> b.tableName(h.table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
    }

    // --- a start whose answer is lost

    @Test
    void startAnswerLostAfterGlueStartedTheRun_shouldAdoptThatRun_neverStartASecond() {
        // GIVEN Glue starts ingest-orders but its answer never arrives
        h.glue.loseAnswerOnNextStart("ingest-orders", true);
        // WHEN the tick starts the run, and later ticks and reconcile passes follow
        h.tick(SLOT);
        h.tick(SLOT.plusSeconds(60));
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        h.tick(SLOT.plus(Duration.ofMinutes(6)));
        // THEN Glue was asked once, and the run it started is the action's
        assertThat(h.glue.startRequests("ingest-orders")).isEqualTo(1);
        ActionRun orders = action(PARTITION, "ingest-orders");
        assertThat(orders.state()).isEqualTo(JobRunState.RUNNING);
        assertThat(orders.jobRunId()).isEqualTo(h.glue.startsOf("ingest-orders").get(0).jobRunId());
        // and its events move the run on
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        h.jobState("ingest-payments", JobRunState.SUCCEEDED);
        assertThat(h.glue.startsOf("transform-sales")).hasSize(1);
    }

    @Test
    void startAnswerLostAndLookUpThrottled_shouldLookAgainBeforeAnyNewStart() {
        // GIVEN the answer is lost after Glue started the run, and the look-up right after is throttled
        h.glue.loseAnswerOnNextStart("ingest-orders", true);
        h.glue.failReads(1);
        // WHEN the tick starts the run
        h.tick(SLOT);
        // THEN the action waits, counted as waiting, with nothing sent again
        assertThat(action(PARTITION, "ingest-orders").state()).isEqualTo(JobRunState.WAITING);
        assertThat(h.run(PARTITION).statistics().waitingActions()).isEqualTo(1);
        // WHEN the next tick retries it
        h.tick(SLOT.plusSeconds(60));
        // THEN it looks first and adopts the run Glue had started
        assertThat(h.glue.startRequests("ingest-orders")).isEqualTo(1);
        assertThat(action(PARTITION, "ingest-orders").jobRunId())
                .isEqualTo(h.glue.startsOf("ingest-orders").get(0).jobRunId());
        assertThat(h.run(PARTITION).statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 0, 2, 0, 0));
    }

    @Test
    void startFailingWith5xxBeforeGlueStartedIt_shouldStartItOnceOnALaterTick() {
        // GIVEN Glue answers a 5xx without having started ingest-orders
        h.glue.loseAnswerOnNextStart("ingest-orders", false);
        // WHEN the tick starts the run
        h.tick(SLOT);
        // THEN the start is not sent again in that delivery: the action waits to be looked up first
        assertThat(h.glue.startRequests("ingest-orders")).isEqualTo(1);
        assertThat(action(PARTITION, "ingest-orders").state()).isEqualTo(JobRunState.WAITING);
        // WHEN the next tick finds no run for it in Glue
        h.tick(SLOT.plusSeconds(60));
        // THEN it is started, once
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        assertThat(action(PARTITION, "ingest-orders").state()).isEqualTo(JobRunState.RUNNING);
    }

    // --- a waiting action retried by two at once

    @Test
    void waitingActionRetriedByATickAndAPassAtOnce_shouldStartOnce() {
        // GIVEN ingest-orders waits: Glue had no capacity on every attempt of the tick
        h.glue.refuse("ingest-orders", "ConcurrentRunsExceededException", true, 2);
        h.tick(SLOT);
        assertThat(action(PARTITION, "ingest-orders").state()).isEqualTo(JobRunState.WAITING);
        // WHEN a reconcile pass retries it at the very moment the next tick's retry is inside StartJobRun
        AtomicBoolean passed = new AtomicBoolean();
        h.glue.onStart(start -> {
            if (start.name().equals("ingest-orders") && passed.compareAndSet(false, true)) {
                h.reconciler.reconcile();
            }
        });
        h.tick(SLOT.plusSeconds(60));
        // THEN Glue started it once, and the run counts one running action for it
        assertThat(passed).isTrue();
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        assertThat(h.run(PARTITION).statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 0, 2, 0, 0));
    }

    @Test
    void eventOfASecondJobRunOfAnAction_shouldNotDecideTheAction() {
        // GIVEN ingest-orders runs, and a second job run was recorded for the same action (as an unclaimed race did)
        h.tick(SLOT);
        ActionRun orders = action(PARTITION, "ingest-orders");
        h.store.recordJobRunStarted(orders.ref(EngineHarness.WORKFLOW, h.run(PARTITION).workflowRunId()),
                JobRunState.STARTING, "jr_duplicate", SLOT);
        // WHEN the duplicate fails
        h.orchestrator.handle(new GlueEvent.JobStateChange("dup-1", SLOT.plusSeconds(300), "ingest-orders",
                "jr_duplicate", JobRunState.FAILED, "the duplicate broke"));
        // THEN the action still runs its own job run, and nobody is told it failed
        ActionRun after = action(PARTITION, "ingest-orders");
        assertThat(after.state()).isEqualTo(JobRunState.RUNNING);
        assertThat(after.jobRunId()).isEqualTo(orders.jobRunId());
        assertThat(notifications(OrchestratorEvent.Notification.Kind.RUN_FAILED)).isEmpty();
    }

    // --- a run opened but never started

    @Test
    void runTakenFromTheQueueByAHandlerThatDied_shouldGetItsStartTriggerFired() {
        // GIVEN one run at a time; partition 13's run holds the slot and partition 14's waits in the queue
        h.use(EngineHarness.exampleWith("\"MaxConcurrentRuns\": 2", "\"MaxConcurrentRuns\": 1"));
        String version = h.source.current().version();
        WorkflowDefinition workflow = h.source.current().workflow(EngineHarness.WORKFLOW).orElseThrow();
        WorkflowRun first = WorkflowRun.ofPartition(workflow, Partitions.forId(workflow.workflow(), PARTITION), SLOT,
                version);
        WorkflowRun second = WorkflowRun.ofPartition(workflow, Partitions.forId(workflow.workflow(),
                "2026-11-21T14"), SLOT.plus(Duration.ofHours(1)), version);
        assertThat(h.store.startRun(first, "sales-start", 1).outcome()).isEqualTo(RunStart.Outcome.STARTED);
        assertThat(h.store.startRun(second, "sales-start", 1).outcome()).isEqualTo(RunStart.Outcome.QUEUED);
        // WHEN the first ends and a handler takes the second from the queue, then dies before firing its start
        h.store.completeRun(EngineHarness.WORKFLOW, first.workflowRunId(), WorkflowRunStatus.RUNNING,
                SLOT.plus(Duration.ofHours(1)));
        assertThat(h.store.startQueuedRun(EngineHarness.WORKFLOW, 1, SLOT.plus(Duration.ofHours(1)))).isPresent();
        h.reconcile(SLOT.plus(Duration.ofMinutes(62)));
        assertThat(h.glue.startsOf("ingest-orders")).as("within the grace a handler may still fire it").isEmpty();
        h.reconcile(SLOT.plus(Duration.ofMinutes(66)));
        // THEN the reconciler fires its start trigger, once, with partition 14's arguments
        h.reconcile(SLOT.plus(Duration.ofMinutes(71)));
        assertThat(h.glue.startsOf("ingest-orders")).singleElement().satisfies(start ->
                assertThat(start.arguments()).containsEntry("--hour_partition_value", "14"));
        assertThat(h.run("2026-11-21T14").firedTriggers()).containsExactly("sales-start");
    }

    @Test
    void definitionsWithoutAnyScheduledTrigger_shouldTickQuietlyAndStillRepair() {
        // GIVEN the only start is ON_DEMAND, and a run of it whose ingest events were lost
        h.use(EngineHarness.exampleWith("\"Type\": \"SCHEDULED\", \"Schedule\": \"cron(0 * * * ? *)\"",
                "\"Type\": \"ON_DEMAND\""));
        WorkflowDefinition workflow = h.source.current().workflow(EngineHarness.WORKFLOW).orElseThrow();
        WorkflowRun run = h.store.startRun(WorkflowRun.ofPartition(workflow, Partitions.forId(workflow.workflow(),
                PARTITION), SLOT, h.source.current().version()), "sales-start", 2).run();
        h.orchestrator.lifecycle().begin(run, "sales-start");
        h.glue.startsOf("ingest-orders").forEach(s -> h.glue.endJobRun(s.jobRunId(), JobRunState.SUCCEEDED, SLOT));
        h.glue.startsOf("ingest-payments").forEach(s -> h.glue.endJobRun(s.jobRunId(), JobRunState.SUCCEEDED, SLOT));
        // WHEN ticks and a reconcile pass come
        assertThatCode(() -> h.tick(SLOT.plusSeconds(60))).doesNotThrowAnyException();
        h.reconcile(SLOT.plus(Duration.ofMinutes(20)));
        // THEN the pass applied Glue's states and the run moved on
        assertThat(h.glue.startsOf("transform-sales")).hasSize(1);
        assertThat(h.metrics.repairsFailed()).isEmpty();
    }

    // --- repairs in isolation

    @Test
    void runWhoseRepairThrows_shouldNotStopThePassForTheOthers() {
        // GIVEN the runs of partitions 13 and 14, whose ingest events were all lost; Glue answers every read of
        // partition 13's ingest-orders run with an error (say, throttled past every retry)
        h.tick(SLOT);
        h.tick(SLOT.plus(Duration.ofHours(1)));
        for (String job : List.of("ingest-orders", "ingest-payments")) {
            h.glue.startsOf(job).forEach(s -> h.glue.endJobRun(s.jobRunId(), JobRunState.SUCCEEDED,
                    SLOT.plus(Duration.ofMinutes(65))));
        }
        h.glue.failReadsOf(action(PARTITION, "ingest-orders").jobRunId());
        // WHEN a reconcile pass runs
        h.reconcile(SLOT.plus(Duration.ofMinutes(80)));
        // THEN partition 14's run moved on, partition 13's repair failed alone and was counted
        assertThat(h.glue.startsOf("transform-sales")).singleElement().satisfies(start ->
                assertThat(start.arguments()).containsEntry("--hour_partition_value", "14"));
        assertThat(h.metrics.repairsFailed()).singleElement().asString()
                .contains(h.run(PARTITION).workflowRunId());
    }

    // --- what TTL may delete

    @Test
    void runningRun_shouldNeverExpire_andAnEndedOneExpiresAfterItsHistory() {
        // GIVEN a run that started
        h.tick(SLOT);
        String runKey = "RUN#" + h.run(PARTITION).workflowRunId();
        // THEN it carries no expiry while it runs
        assertThat(item("WORKFLOW#" + EngineHarness.WORKFLOW, runKey)).doesNotContainKey("ExpiresAt");
        // WHEN it completes
        Instant end = SLOT.plus(Duration.ofMinutes(30));
        h.clock.set(end);
        h.jobState("ingest-orders", JobRunState.FAILED);
        h.jobState("ingest-payments", JobRunState.FAILED);
        h.jobState("alert-on-failure", JobRunState.SUCCEEDED);
        assertThat(h.run(PARTITION).status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        // THEN it expires 90 days after it ended
        assertThat(item("WORKFLOW#" + EngineHarness.WORKFLOW, runKey).get("ExpiresAt").n())
                .isEqualTo(Long.toString(end.plus(Duration.ofDays(90)).getEpochSecond()));
    }

    // --- bounded writes from events

    @Test
    void eventOfAJobTheOrchestratorNeverStarts_shouldWriteNothing() {
        h.orchestrator.handle(new GlueEvent.JobStateChange("other-1", SLOT, "someone-elses-job", "jr_other",
                JobRunState.FAILED, "not ours"));
        assertThat(item("JOBRUN#jr_other", "JOBRUN")).isEmpty();
    }

    @Test
    void eventWithAJobRunIdBeyondGluesLimit_shouldBeDroppedWithoutError() {
        String id = "jr_" + "a".repeat(3_000);
        assertThatCode(() -> h.orchestrator.handle(new GlueEvent.JobStateChange("long-1", SLOT, "ingest-orders", id,
                JobRunState.FAILED, "broken"))).doesNotThrowAnyException();
    }

    @Test
    void failureMessageOfHundredsOfKilobytes_shouldBeKeptCut() {
        h.tick(SLOT);
        String huge = "x".repeat(200_000);
        GlueEvent.JobStateChange failed = h.jobEvent("ingest-orders", JobRunState.FAILED);
        h.orchestrator.handle(new GlueEvent.JobStateChange(failed.eventId(), failed.time(), failed.jobName(),
                failed.jobRunId(), JobRunState.FAILED, huge));
        ActionRun orders = action(PARTITION, "ingest-orders");
        assertThat(orders.state()).isEqualTo(JobRunState.FAILED);
        assertThat(orders.errorMessage()).startsWith("xxx").hasSizeLessThan(2_100).endsWith("[cut: 200000 characters]");
    }

    // --- runs waiting for a MaxConcurrentRuns slot

    @Test
    void queuedRun_shouldBeQueuedNotRunning_andStartWhenItLeavesTheQueue() {
        // GIVEN one run at a time, and partition 13's run under way
        h.use(EngineHarness.exampleWith("\"MaxConcurrentRuns\": 2", "\"MaxConcurrentRuns\": 1"));
        h.tick(SLOT);
        // WHEN the 15:00 tick comes while it runs
        h.tick(SLOT.plus(Duration.ofHours(1)));
        // THEN partition 14's run is QUEUED, not among the RUNNING ones, and nothing of it started
        assertThat(h.run("2026-11-21T14").status()).isEqualTo(WorkflowRunStatus.QUEUED);
        assertThat(h.store.runs(EngineHarness.WORKFLOW, null, WorkflowRunStatus.RUNNING, 10, null).runs())
                .extracting(WorkflowRun::partitionId).containsExactly(PARTITION);
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        // WHEN partition 13's run ends at 15:20
        Instant end = SLOT.plus(Duration.ofMinutes(80));
        h.clock.set(end);
        h.jobState("ingest-orders", JobRunState.FAILED);
        h.jobState("ingest-payments", JobRunState.FAILED);
        h.jobState("alert-on-failure", JobRunState.SUCCEEDED);
        // THEN partition 14's run starts then, not at its slot: never two runs at once
        WorkflowRun started = h.run("2026-11-21T14");
        assertThat(started.status()).isEqualTo(WorkflowRunStatus.RUNNING);
        assertThat(started.startedOn()).isEqualTo(end);
        assertThat(started.startedOn()).isAfterOrEqualTo(h.run(PARTITION).completedOn());
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(2);
    }

    @Test
    void stoppingAQueuedRun_shouldStopItWithoutEverStartingIt() {
        // GIVEN partition 14's run waits behind partition 13's
        h.use(EngineHarness.exampleWith("\"MaxConcurrentRuns\": 2", "\"MaxConcurrentRuns\": 1"));
        h.tick(SLOT);
        h.tick(SLOT.plus(Duration.ofHours(1)));
        WorkflowOperations operations = new WorkflowOperations(h.source, h.store, h.orchestrator.lifecycle(), h.glue,
                h.clock);
        // WHEN an operator stops it, and then partition 13's run ends
        WorkflowRun stopped = operations.stopWorkflowRun(EngineHarness.WORKFLOW, h.run("2026-11-21T14")
                .workflowRunId());
        h.jobState("ingest-orders", JobRunState.FAILED);
        h.jobState("ingest-payments", JobRunState.FAILED);
        h.jobState("alert-on-failure", JobRunState.SUCCEEDED);
        // THEN it is STOPPED and never started anything
        assertThat(stopped.status()).isEqualTo(WorkflowRunStatus.STOPPED);
        assertThat(h.run("2026-11-21T14").status()).isEqualTo(WorkflowRunStatus.STOPPED);
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
    }

    // --- notifications that must not wait for a pass

    @Test
    void actionWaitingPastThirtyMinutes_shouldBeReportedOnTheFirstTickAfter() {
        // GIVEN Glue has no capacity for ingest-orders for an hour
        h.glue.refuse("ingest-orders", "ConcurrentRunsExceededException", true, 1_000);
        h.tick(SLOT);
        // WHEN only ticks come (no reconcile pass), every minute
        for (int minute = 1; minute <= 30; minute++) {
            h.tick(SLOT.plus(Duration.ofMinutes(minute)));
        }
        assertThat(notifications(OrchestratorEvent.Notification.Kind.ACTION_START_FAILED)).isEmpty();
        h.tick(SLOT.plus(Duration.ofMinutes(31)));
        h.tick(SLOT.plus(Duration.ofMinutes(32)));
        // THEN the tick right after 30 minutes reported it, once
        assertThat(notifications(OrchestratorEvent.Notification.Kind.ACTION_START_FAILED)).singleElement()
                .satisfies(n -> {
                    assertThat(n.name()).isEqualTo("ingest-orders");
                    assertThat(n.time()).isEqualTo(SLOT.plus(Duration.ofMinutes(31)));
                });
    }

    @Test
    void runNotStarted_shouldNameTheRunIdOfItsPartition() {
        h.use(EngineHarness.exampleWith("\"MaxConcurrentRuns\": 2,",
                "\"MaxConcurrentRuns\": 2, \"ExpectedStartBy\": 20,"));
        h.tick(SLOT.minus(Duration.ofMinutes(1)));
        h.reconcile(SLOT.plus(Duration.ofMinutes(25)));
        assertThat(notifications(OrchestratorEvent.Notification.Kind.RUN_NOT_STARTED)).singleElement()
                .satisfies(n -> assertThat(n.workflowRunId())
                        .isEqualTo(RunIds.forPartition(EngineHarness.WORKFLOW, PARTITION)));
    }
}
