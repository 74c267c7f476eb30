package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.model.DefinitionLimits;
import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.EngineHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Glue's operations on glue-orchestrator, on DynamoDB Local with an in-memory Glue. */
class WorkflowOperationsTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    /** The example's ON_DEMAND trigger, as the file writes it. */
    private static final String ON_DEMAND = """
                {"Name": "sales-on-demand", "Type": "ON_DEMAND",
                 "Description": "Starts a run when an operator asks (glueorch runs start sales-hourly --partition ...).",
                 "Actions": [{"JobName": "ingest-orders"}, {"JobName": "ingest-payments"}]},
            """;
    private final EngineHarness h = new EngineHarness(SLOT);

    @AfterEach
    void tearDown() {
        h.close();
    }

    private WorkflowOperations operations() {
        return new WorkflowOperations(h.source, h.store, h.orchestrator.lifecycle(), h.glue, h.clock);
    }

    @Test
    void deactivatedScheduledTrigger_shouldStartNothingUntilActivatedAgain() {
        WorkflowOperations ops = operations();
        h.tick(SLOT.minusSeconds(60));
        ops.setTriggerState("sales-start", TriggerState.DEACTIVATED);
        assertThat(ops.triggerState("sales-start")).isEqualTo(TriggerState.DEACTIVATED);
        h.tick(SLOT);
        assertThat(h.glue.starts()).isEmpty();
        ops.setTriggerState("sales-start", TriggerState.ACTIVATED);
        h.tick(SLOT.plus(Duration.ofHours(1)));
        assertThat(h.glue.startsOf("ingest-orders")).singleElement()
                .satisfies(s -> assertThat(s.arguments()).containsEntry("--hour_partition_value", "14"));
    }

    @Test
    void deactivatedConditionalTrigger_shouldNotFireAndTheRunCompletes() {
        WorkflowOperations ops = operations();
        h.tick(SLOT);
        ops.setTriggerState("sales-join", TriggerState.DEACTIVATED);
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        h.jobState("ingest-payments", JobRunState.SUCCEEDED);
        assertThat(h.glue.startsOf("transform-sales")).isEmpty();
        assertThat(h.run("2026-11-21T13").status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    }

    @Test
    void unknownTrigger_shouldBeNamed() {
        assertThatThrownBy(() -> operations().setTriggerState("nope", TriggerState.DEACTIVATED))
                .isInstanceOfSatisfying(OperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OperationException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("no trigger named nope");
                });
    }

    @Test
    void startWorkflowRun_shouldFireOnDemandTriggersWithPropertiesOverDefaults() {
        WorkflowRun run = operations().startWorkflowRun("sales-hourly", Map.of("env", "dev"), "2026-11-21T09");
        assertThat(run.properties()).containsEntry("env", "dev").containsEntry("hour_partition_value", "9");
        assertThat(run.firedTriggers()).containsExactly("sales-on-demand");
        assertThat(h.glue.startsOf("ingest-orders")).singleElement()
                .satisfies(s -> assertThat(s.arguments()).containsEntry("--hour_partition_value", "9"));
        // one run per partition: asking again is refused, naming the run
        assertThatThrownBy(() -> operations().startWorkflowRun("sales-hourly", Map.of(), "2026-11-21T09"))
                .isInstanceOfSatisfying(OperationException.class, e -> assertThat(e.kind())
                        .isEqualTo(OperationException.Kind.INVALID_STATE));
    }

    @Test
    void startWorkflowRun_withoutOnDemandTrigger_shouldSaySo() {
        h.use(EngineHarness.exampleWith(ON_DEMAND, ""));
        assertThatThrownBy(() -> operations().startWorkflowRun("sales-hourly", Map.of(), null))
                .isInstanceOfSatisfying(OperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OperationException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("has no ON_DEMAND trigger");
                });
    }

    @Test
    void listWorkflowRuns_shouldPageNewestFirstAndFilter() {
        // GIVEN five runs of an unlimited workflow (MaxConcurrentRuns would queue the third)
        h.use(EngineHarness.exampleWith("\"MaxConcurrentRuns\": 2,", ""));
        WorkflowOperations ops = operations();
        for (int hour = 0; hour < 5; hour++) {
            h.clock.set(SLOT.plus(Duration.ofMinutes(hour)));
            ops.startWorkflowRun("sales-hourly", Map.of(), "2026-11-21T0" + hour);
        }
        RunPage first = ops.listWorkflowRuns("sales-hourly", null, null, 2, null);
        assertThat(first.runs()).extracting(WorkflowRun::partitionId)
                .containsExactly("2026-11-21T04", "2026-11-21T03");
        RunPage second = ops.listWorkflowRuns("sales-hourly", null, null, 2, first.nextToken());
        assertThat(second.runs()).extracting(WorkflowRun::partitionId)
                .containsExactly("2026-11-21T02", "2026-11-21T01");
        assertThat(ops.listWorkflowRuns("sales-hourly", SLOT.plus(Duration.ofMinutes(3)), null, 10, null).runs())
                .hasSize(2);
        assertThat(ops.listWorkflowRuns("sales-hourly", null, WorkflowRunStatus.COMPLETED, 10, null).runs())
                .isEmpty();
    }

    @Test
    void putWorkflowRunProperties_shouldReachActionsFiredLater() {
        WorkflowOperations ops = operations();
        h.tick(SLOT);
        String runId = h.run("2026-11-21T13").workflowRunId();
        ops.putWorkflowRunProperties("sales-hourly", runId, Map.of("env", "staging"));
        assertThat(ops.getWorkflowRunProperties("sales-hourly", runId)).containsEntry("env", "staging");
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        h.jobState("ingest-payments", JobRunState.SUCCEEDED);
        h.jobState("transform-sales", JobRunState.SUCCEEDED);
        assertThat(h.glue.startsOf("load-sales")).singleElement()
                .satisfies(s -> assertThat(s.arguments()).containsEntry("--env", "staging"));
    }

    @Test
    void putWorkflowRunProperties_shouldRefuseMoreThanOneUpdateHolds() {
        // GIVEN one property more than the one UpdateItem that stores them can hold
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (int i = 0; i <= DefinitionLimits.MAX_RUN_PROPERTIES; i++) {
            properties.put("p" + i, "v");
        }
        // WHEN / THEN they are refused as the caller's mistake, naming the count, the limit and the way out
        assertThatThrownBy(() -> operations().putWorkflowRunProperties("sales-hourly", "any-run", properties))
                .isInstanceOfSatisfying(OperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OperationException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).isEqualTo("227 run properties in one call; at most 226 fit the one "
                            + "DynamoDB update that stores them: put them in several calls");
                });
    }

    @Test
    void stopWorkflowRun_shouldStopItsJobRunsFireNothingAndEndStopped() {
        WorkflowOperations ops = operations();
        h.tick(SLOT);
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        String runId = h.run("2026-11-21T13").workflowRunId();
        // WHEN the run is stopped while ingest-payments runs
        WorkflowRun stopping = ops.stopWorkflowRun("sales-hourly", runId);
        assertThat(stopping.status()).isEqualTo(WorkflowRunStatus.STOPPING);
        assertThat(h.glue.stopped()).containsExactly(h.glue.startsOf("ingest-payments").get(0).jobRunId());
        // and Glue reports the stopped run (a SUCCEEDED would not fire anything either)
        h.jobState("ingest-payments", JobRunState.STOPPED);
        // THEN nothing fired and the run is STOPPED
        assertThat(h.glue.startsOf("transform-sales")).isEmpty();
        WorkflowRun stopped = ops.getWorkflowRun("sales-hourly", runId);
        assertThat(stopped.status()).isEqualTo(WorkflowRunStatus.STOPPED);
        assertThat(stopped.statistics()).isEqualTo(new Statistics(2, 0, 0, 1, 1, 0, 0, 0));
        // and a finished run cannot be stopped
        assertThatThrownBy(() -> ops.stopWorkflowRun("sales-hourly", runId))
                .isInstanceOfSatisfying(OperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OperationException.Kind.INVALID_STATE);
                    assertThat(e.getMessage()).contains("is STOPPED, not RUNNING");
                });
    }

    @Test
    void resumeWorkflowRun_shouldRerunTheChosenJobAndWhatFollowsUnderANewRunId() {
        // GIVEN a completed run whose transform failed (the alert ran instead of load and catalog)
        WorkflowOperations ops = operations();
        WorkflowRun failed = completedRunWhoseTransformFailed();
        assertThat(failed.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        // WHEN it is resumed from transform-sales
        WorkflowRun resumed = ops.resumeWorkflowRun("sales-hourly", failed.workflowRunId(),
                java.util.List.of("JOB:transform-sales"));
        // THEN transform runs again under a new run that records the previous one, with the same partition
        assertThat(resumed.workflowRunId()).isNotEqualTo(failed.workflowRunId());
        assertThat(resumed.previousRunId()).isEqualTo(failed.workflowRunId());
        assertThat(resumed.partitionId()).isEqualTo("2026-11-21T13");
        assertThat(h.glue.startsOf("transform-sales")).hasSize(2);
        assertThat(h.glue.startsOf("transform-sales").get(1).arguments()).containsEntry("--hour_partition_value",
                "13");
        assertThat(h.glue.startsOf("ingest-orders")).as("upstream keeps its results").hasSize(1);
        // and when it succeeds, what follows it runs, and the run completes counting only what it ran
        h.jobState("transform-sales", JobRunState.SUCCEEDED);
        assertThat(h.glue.startsOf("load-sales")).hasSize(1);
        h.jobState("load-sales", JobRunState.SUCCEEDED);
        h.orchestrator.handle(new GlueEvent.CrawlerStateChange("c1", h.clock.instant(), "catalog-sales",
                dev.glueorch.model.CrawlState.SUCCEEDED, null));
        WorkflowRun done = ops.getWorkflowRun("sales-hourly", resumed.workflowRunId());
        assertThat(done.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        assertThat(done.statistics()).isEqualTo(new Statistics(3, 0, 0, 0, 3, 0, 0, 0));
    }

    @Test
    void resumeWorkflowRun_withAReconcilePassRightAfterTheRunIsWritten_shouldStillRunTheChosenJob() {
        // GIVEN a completed run whose transform failed, and a reconcile pass that runs the moment a run is written
        WorkflowRun failed = completedRunWhoseTransformFailed();
        WorkflowRunStore reconciledMeanwhile = (WorkflowRunStore) java.lang.reflect.Proxy.newProxyInstance(
                WorkflowRunStore.class.getClassLoader(), new Class<?>[] {WorkflowRunStore.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(h.store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("startRun")) {
                        h.reconciler.reconcile();
                    }
                    return result;
                });
        WorkflowOperations ops = new WorkflowOperations(h.source, reconciledMeanwhile, h.orchestrator.lifecycle(),
                h.glue, h.clock);

        // WHEN it is resumed from transform-sales
        WorkflowRun resumed = ops.resumeWorkflowRun("sales-hourly", failed.workflowRunId(),
                java.util.List.of("JOB:transform-sales"));

        // THEN the pass found transform-sales counted as running in the new run, which stays RUNNING until it ends
        assertThat(resumed.status()).isEqualTo(WorkflowRunStatus.RUNNING);
        assertThat(h.glue.startsOf("transform-sales")).hasSize(2);
        assertThat(resumed.statistics().runningActions()).isEqualTo(1);
    }

    /** The slot's run, completed after its transform failed (the alert ran instead of load and catalog). */
    private WorkflowRun completedRunWhoseTransformFailed() {
        h.tick(SLOT);
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        h.jobState("ingest-payments", JobRunState.SUCCEEDED);
        h.jobState("transform-sales", JobRunState.FAILED);
        h.jobState("alert-on-failure", JobRunState.SUCCEEDED);
        return h.run("2026-11-21T13");
    }

    @Test
    void resumeWorkflowRun_shouldRefuseRunsNotCompletedAndUnknownNodes() {
        WorkflowOperations ops = operations();
        h.tick(SLOT);
        String running = h.run("2026-11-21T13").workflowRunId();
        assertThatThrownBy(() -> ops.resumeWorkflowRun("sales-hourly", running, java.util.List.of("JOB:load-sales")))
                .isInstanceOfSatisfying(OperationException.class, e -> assertThat(e.getMessage())
                        .contains("only a COMPLETED run can be resumed"));
        h.jobState("ingest-orders", JobRunState.FAILED);
        h.jobState("ingest-payments", JobRunState.SUCCEEDED);
        h.jobState("alert-on-failure", JobRunState.SUCCEEDED);
        assertThatThrownBy(() -> ops.resumeWorkflowRun("sales-hourly", running, java.util.List.of("JOB:nope")))
                .isInstanceOfSatisfying(OperationException.class, e -> assertThat(e.getMessage())
                        .contains("has no node JOB:nope"));
    }

    @Test
    void putAndDeleteTrigger_shouldPublishNewVersionsThatRunsInFlightDoNotSee() {
        WorkflowOperations ops = operations();
        String before = h.source.current().version();
        h.tick(SLOT);
        // WHEN the join trigger is replaced by one that waits for ingest-orders only
        String version = ops.putTrigger("{\"Name\": \"sales-join\", \"WorkflowName\": \"sales-hourly\", "
                + "\"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": [{\"JobName\": "
                + "\"ingest-orders\", \"State\": \"SUCCEEDED\"}]}, \"Actions\": [{\"JobName\": "
                + "\"transform-sales\"}]}");
        assertThat(version).isNotEqualTo(before);
        assertThat(h.source.current().version()).isEqualTo(version);
        // THEN the run in flight keeps its version: ingest-orders alone does not fire its join
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        assertThat(h.glue.startsOf("transform-sales")).isEmpty();
        // AND a trigger that would leave a condition unmeetable is refused with the validator's words
        assertThatThrownBy(() -> ops.deleteTrigger("sales-join"))
                .isInstanceOfSatisfying(OperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OperationException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("watches job 'transform-sales'");
                });
        assertThatThrownBy(() -> ops.putTrigger("{\"Name\": \"x\", \"WorkflowName\": \"sales-hourly\", "
                + "\"Type\": \"SCHEDULED\", \"Actions\": [{\"JobName\": \"y\"}]}"))
                .isInstanceOfSatisfying(OperationException.class, e -> assertThat(e.getMessage())
                        .contains("Schedule: required for a SCHEDULED trigger"));
        ops.deleteTrigger("sales-alert");
        assertThat(h.source.current().workflow("sales-hourly").orElseThrow().trigger("sales-alert")).isEmpty();
    }

    @Test
    void unknownRun_shouldBeNamed() {
        assertThatThrownBy(() -> operations().getWorkflowRun("sales-hourly", "wr_nope"))
                .isInstanceOfSatisfying(OperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OperationException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("has no run wr_nope");
                });
    }
}
