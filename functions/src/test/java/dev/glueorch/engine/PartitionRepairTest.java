package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeId;
import dev.glueorch.model.NodeType;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.RecordingGlue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code glueorch partitions repair}'s engine: a period's failed partitions resumed with Glue's rules and its missing
 * ones started as their slots would have, each once however often and however many repairs run, on DynamoDB Local
 * with an in-memory Glue.
 */
class PartitionRepairTest {

    private static final String WORKFLOW = EngineHarness.WORKFLOW;
    private static final String FROM = "2026-11-21T10";
    private static final String TO = "2026-11-21T18";
    /** A day after the period: every slot of it has passed. */
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final EngineHarness h = new EngineHarness(NOW);
    private final Map<String, String> runIds = new HashMap<>();
    private int eventIds;

    @BeforeEach
    void setUp() {
        // no crawler: the in-memory Glue lets two crawls of one crawler overlap (Glue refuses), and a crawler's
        // event names no run; failedCrawl_shouldBeCrawledAgain has one crawl at a time
        h.use(EngineHarness.exampleWith(", {\"CrawlerName\": \"catalog-sales\"}", ""));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private PartitionOperations operations() {
        return new PartitionOperations(h.source, h.store, h.orchestrator.lifecycle(), h.clock);
    }

    private WorkflowOperations workflowOperations() {
        return new WorkflowOperations(h.source, h.store, h.orchestrator.lifecycle(), h.glue, h.clock);
    }

    /**
     * Hours 10 to 18 of 2026-11-21, each started on demand a minute after the one before and taken to its end by
     * Glue's events: 10 succeeded; 11's ingest-orders failed; 12's transform timed out; Glue refused to start 13's
     * load (errored); 14's ingest-orders was stopped and its ingest-payments failed; an operator stopped 15's run;
     * 16's ingest-orders was stopped and nothing failed; 17 never ran; 18 is running.
     */
    private void aPeriodOfEveryState() {
        start("10");
        ended("ingest-orders", JobRunState.SUCCEEDED, "ingest-payments", JobRunState.SUCCEEDED,
                "transform-sales", JobRunState.SUCCEEDED, "load-sales", JobRunState.SUCCEEDED);
        start("11");
        ended("ingest-orders", JobRunState.FAILED, "ingest-payments", JobRunState.SUCCEEDED,
                "alert-on-failure", JobRunState.SUCCEEDED);
        start("12");
        ended("ingest-orders", JobRunState.SUCCEEDED, "ingest-payments", JobRunState.SUCCEEDED,
                "transform-sales", JobRunState.TIMEOUT, "alert-on-failure", JobRunState.SUCCEEDED);
        start("13");
        h.glue.refuse("load-sales", "EntityNotFoundException", false, 1);
        ended("ingest-orders", JobRunState.SUCCEEDED, "ingest-payments", JobRunState.SUCCEEDED,
                "transform-sales", JobRunState.SUCCEEDED);
        start("14");
        ended("ingest-orders", JobRunState.STOPPED, "ingest-payments", JobRunState.FAILED,
                "alert-on-failure", JobRunState.SUCCEEDED);
        start("15");
        workflowOperations().stopWorkflowRun(WORKFLOW, runIds.get("15"));
        ended("ingest-orders", JobRunState.STOPPED, "ingest-payments", JobRunState.STOPPED);
        start("16");
        ended("ingest-orders", JobRunState.STOPPED, "ingest-payments", JobRunState.SUCCEEDED);
        start("18");
        h.clock.set(NOW);
        PartitionGrid grid = operations().partitions(WORKFLOW, FROM, TO);
        assertThat(grid.partitions()).extracting(PartitionHealth::state).containsExactly(PartitionState.RUNNING,
                PartitionState.MISSING, PartitionState.STOPPED, PartitionState.STOPPED, PartitionState.FAILED,
                PartitionState.FAILED, PartitionState.FAILED, PartitionState.FAILED, PartitionState.SUCCEEDED);
    }

    private void start(String hour) {
        h.clock.set(NOW.minus(Duration.ofHours(1)).plus(Duration.ofMinutes(Integer.parseInt(hour))));
        runIds.put(hour, workflowOperations().startWorkflowRun(WORKFLOW, Map.of(), "2026-11-21T" + hour)
                .workflowRunId());
    }

    /** Glue's events for the latest run of each job, in order: {@code job, state, job, state...}. */
    private void ended(Object... jobThenState) {
        for (int i = 0; i < jobThenState.length; i += 2) {
            h.jobState((String) jobThenState[i], (JobRunState) jobThenState[i + 1]);
        }
    }

    /** Each start as (name, --hour_partition_value); a crawl has no arguments. */
    private static List<Tuple> startsOf(List<RecordingGlue.Start> starts) {
        return starts.stream().map(s -> tuple(s.name(), s.arguments().get("--hour_partition_value"))).toList();
    }

    @Test
    void planRepair_shouldResumeFailuresStartTheMissingSkipStopsAndStartNothing() {
        // GIVEN
        aPeriodOfEveryState();
        int starts = h.glue.starts().size();

        // WHEN
        RepairPlan plan = operations().planRepair(operations().partitions(WORKFLOW, FROM, TO), true, true);

        // THEN newest first: the slot's run for 17, the failed nodes of 11 to 14, the stops listed and left
        assertThat(plan.partitions()).isEqualTo(9);
        assertThat(plan.repairs()).extracting(PartitionRepair::partitionId).containsExactly("2026-11-21T17",
                "2026-11-21T16", "2026-11-21T15", "2026-11-21T14", "2026-11-21T13", "2026-11-21T12",
                "2026-11-21T11");
        assertThat(plan.repairs().get(0)).isEqualTo(new PartitionRepair.Start("2026-11-21T17",
                RunIds.forPartition(WORKFLOW, "2026-11-21T17")));
        assertThat(plan.repairs().get(1)).isInstanceOfSatisfying(PartitionRepair.Skip.class, skip -> {
            assertThat(skip.refused()).isFalse();
            assertThat(skip.reason()).isEqualTo("JOB:ingest-orders stopped, nothing failed: repair leaves stops "
                    + "alone; to rerun, glueorch runs resume sales-hourly " + runIds.get("16")
                    + " --node JOB:ingest-orders");
        });
        assertThat(plan.repairs().get(2)).isInstanceOfSatisfying(PartitionRepair.Skip.class, skip ->
                assertThat(skip.reason()).startsWith("stopped by an operator (StopWorkflowRun)"));
        assertThat(plan.repairs().subList(3, 7)).extracting(r -> ((PartitionRepair.Resume) r).previousRunId(),
                r -> ((PartitionRepair.Resume) r).nodeIds(), PartitionRepair::runId).containsExactly(
                tuple(runIds.get("14"), List.of(job("ingest-orders"), job("ingest-payments")),
                        RunIds.resumeOf(WORKFLOW, runIds.get("14"))),
                tuple(runIds.get("13"), List.of(job("load-sales")), RunIds.resumeOf(WORKFLOW, runIds.get("13"))),
                tuple(runIds.get("12"), List.of(job("transform-sales")),
                        RunIds.resumeOf(WORKFLOW, runIds.get("12"))),
                tuple(runIds.get("11"), List.of(job("ingest-orders")), RunIds.resumeOf(WORKFLOW, runIds.get("11"))));
        assertThat(plan.repairs().get(6).describe()).isEqualTo("resume " + runIds.get("11")
                + " rerunning JOB:ingest-orders and what follows them");
        assertThat(plan.refused()).isEmpty();
        // AND planning started nothing
        assertThat(h.glue.starts()).hasSize(starts);
        assertThat(h.store.runs(WORKFLOW)).hasSize(8);
    }

    @Test
    void repair_shouldStartExactlyWhatShouldRunOnce_andARepeatStartsNothing() {
        // GIVEN
        aPeriodOfEveryState();
        int before = h.glue.starts().size();
        Set<String> finished = new HashSet<>();
        List<RecordingGlue.Start> startedByTheRepair = new ArrayList<>();
        int[] mostActive = {0};

        // WHEN the failed and the missing partitions are repaired, at most 10 at once: all start before it waits
        RepairResult result = operations().repair(operations().planRepair(operations().partitions(WORKFLOW, FROM,
                TO), true, true), 10, progress -> mostActive[0] = Math.max(mostActive[0],
                progress.started() - progress.finished()), d -> {
                    if (startedByTheRepair.isEmpty()) {
                        startedByTheRepair.addAll(h.glue.starts().subList(before, h.glue.starts().size()));
                    }
                    h.glueSucceedsFrom(before, finished);
                });

        // THEN Glue was asked for each failed, timed-out, errored and stopped job of a failed run and for the missing
        // partition's first jobs, once, with the partition's arguments
        assertThat(startsOf(startedByTheRepair)).containsExactlyInAnyOrder(tuple("ingest-orders", "11"),
                tuple("transform-sales", "12"), tuple("load-sales", "13"), tuple("ingest-orders", "14"),
                tuple("ingest-payments", "14"), tuple("ingest-orders", "17"), tuple("ingest-payments", "17"));
        assertThat(startedByTheRepair).allSatisfy(start -> assertThat(start.arguments())
                .containsEntry("--day_partition_value", "2026-11-21"));
        assertThat(result.resumed()).isEqualTo(4);
        assertThat(result.started()).isEqualTo(1);
        assertThat(result.alreadyRepaired()).isZero();
        assertThat(result.finished()).isEqualTo(5);
        assertThat(mostActive[0]).isEqualTo(5);
        assertThat(result.results()).containsOnlyKeys("2026-11-21T11", "2026-11-21T12", "2026-11-21T13",
                "2026-11-21T14", "2026-11-21T17").allSatisfy((id, state) -> assertThat(state)
                .isEqualTo(PartitionState.SUCCEEDED));
        // AND each resumed run records the run it resumes, and is the one the grid shows for its partition
        for (String hour : List.of("11", "12", "13", "14")) {
            WorkflowRun resumed = h.store.run(WORKFLOW, RunIds.resumeOf(WORKFLOW, runIds.get(hour))).orElseThrow();
            assertThat(resumed.previousRunId()).isEqualTo(runIds.get(hour));
            assertThat(resumed.partitionId()).isEqualTo("2026-11-21T" + hour);
        }
        PartitionGrid grid = operations().partitions(WORKFLOW, FROM, TO);
        assertThat(grid.partitions()).extracting(PartitionHealth::partitionId, PartitionHealth::state,
                PartitionHealth::workflowRunId).containsExactly(
                tuple("2026-11-21T18", PartitionState.RUNNING, runIds.get("18")),
                tuple("2026-11-21T17", PartitionState.SUCCEEDED, RunIds.forPartition(WORKFLOW, "2026-11-21T17")),
                tuple("2026-11-21T16", PartitionState.STOPPED, runIds.get("16")),
                tuple("2026-11-21T15", PartitionState.STOPPED, runIds.get("15")),
                tuple("2026-11-21T14", PartitionState.SUCCEEDED, RunIds.resumeOf(WORKFLOW, runIds.get("14"))),
                tuple("2026-11-21T13", PartitionState.SUCCEEDED, RunIds.resumeOf(WORKFLOW, runIds.get("13"))),
                tuple("2026-11-21T12", PartitionState.SUCCEEDED, RunIds.resumeOf(WORKFLOW, runIds.get("12"))),
                tuple("2026-11-21T11", PartitionState.SUCCEEDED, RunIds.resumeOf(WORKFLOW, runIds.get("11"))),
                tuple("2026-11-21T10", PartitionState.SUCCEEDED, runIds.get("10")));

        // WHEN the same repair runs again THEN it starts nothing, and lists the stops it leaves
        int afterFirst = h.glue.starts().size();
        RepairResult again = operations().repair(operations().planRepair(operations().partitions(WORKFLOW, FROM,
                TO), true, true), 10, progress -> { }, d -> { });
        assertThat(h.glue.starts()).hasSize(afterFirst);
        assertThat(again.plan().repairs()).extracting(PartitionRepair::partitionId)
                .containsExactly("2026-11-21T16", "2026-11-21T15");
        assertThat(again.resumed() + again.started() + again.alreadyRepaired()).isZero();
    }

    @Test
    void repair_withAStalePlan_shouldStartNothingTwice() {
        // GIVEN a plan read before another repair of the same period carried its own out
        aPeriodOfEveryState();
        RepairPlan stale = operations().planRepair(operations().partitions(WORKFLOW, FROM, TO), true, true);
        int before = h.glue.starts().size();
        operations().repair(operations().planRepair(operations().partitions(WORKFLOW, FROM, TO), true, true), 10,
                progress -> { }, d -> h.glueSucceedsFrom(before, new HashSet<>()));
        int starts = h.glue.starts().size();

        // WHEN the stale plan is carried out
        RepairResult late = operations().repair(stale, 10, progress -> { }, d -> { });

        // THEN every run it would start is there already: it starts nothing
        assertThat(h.glue.starts()).hasSize(starts);
        assertThat(late.alreadyRepaired()).isEqualTo(5);
        assertThat(late.resumed() + late.started()).isZero();
    }

    @Test
    void twoRepairsAtOnce_shouldStartEachRunOnce() throws Exception {
        // GIVEN two repairs of the same period that both planned before either started anything
        aPeriodOfEveryState();
        int before = h.glue.starts().size();
        Set<String> finished = Collections.synchronizedSet(new HashSet<>());
        CyclicBarrier planned = new CyclicBarrier(2);

        // WHEN they run at once
        List<CompletableFuture<RepairResult>> repairs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            repairs.add(CompletableFuture.supplyAsync(() -> {
                RepairPlan plan = operations().planRepair(operations().partitions(WORKFLOW, FROM, TO), true, true);
                try {
                    planned.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return operations().repair(plan, 10, progress -> { }, d -> h.glueSucceedsFrom(before, finished));
            }));
        }
        RepairResult first = repairs.get(0).get(120, TimeUnit.SECONDS);
        RepairResult second = repairs.get(1).get(120, TimeUnit.SECONDS);

        // THEN each failed run was resumed by one of them, and Glue started each job once: what the repair reruns
        // and starts, and what follows when they succeed
        assertThat(first.resumed() + second.resumed()).isEqualTo(4);
        assertThat(startsOf(h.glue.starts().subList(before, h.glue.starts().size()))).containsExactlyInAnyOrder(
                tuple("ingest-orders", "11"), tuple("transform-sales", "11"), tuple("load-sales", "11"),
                tuple("transform-sales", "12"), tuple("load-sales", "12"),
                tuple("load-sales", "13"),
                tuple("ingest-orders", "14"), tuple("ingest-payments", "14"), tuple("transform-sales", "14"),
                tuple("load-sales", "14"),
                tuple("ingest-orders", "17"), tuple("ingest-payments", "17"), tuple("transform-sales", "17"),
                tuple("load-sales", "17"));
        assertThat(h.glue.startsOf("ingest-orders")).extracting(s -> s.arguments().get("--hour_partition_value"))
                .containsExactlyInAnyOrder("10", "11", "11", "12", "13", "14", "14", "15", "16", "17", "18");
        assertThat(operations().partitions(WORKFLOW, FROM, TO).counts()).containsEntry(PartitionState.SUCCEEDED, 6)
                .containsEntry(PartitionState.FAILED, 0);
    }

    @Test
    void repair_atMostMaxConcurrentActive_shouldWaitForRunsToFinish() {
        // GIVEN
        aPeriodOfEveryState();
        int before = h.glue.starts().size();
        Set<String> finished = new HashSet<>();
        List<PartitionOperations.BackfillProgress> seen = new ArrayList<>();

        // WHEN at most 2 run at once
        RepairResult result = operations().repair(operations().planRepair(operations().partitions(WORKFLOW, FROM,
                TO), true, true), 2, seen::add, d -> h.glueSucceedsFrom(before, finished));

        // THEN never more than two, and all five finished; the progress counts the two skips as done
        assertThat(seen).allSatisfy(p -> assertThat(p.started() - p.finished()).isLessThanOrEqualTo(2));
        assertThat(seen.get(seen.size() - 1)).isEqualTo(new PartitionOperations.BackfillProgress(7, 5, 2, 5));
        assertThat(result.finished()).isEqualTo(5);
    }

    @Test
    void failedOnly_shouldLeaveTheMissingPartition_andMissingOnlyTheFailedOnes() {
        aPeriodOfEveryState();
        PartitionGrid grid = operations().partitions(WORKFLOW, FROM, TO);
        assertThat(operations().planRepair(grid, true, false).repairs()).extracting(PartitionRepair::partitionId)
                .doesNotContain("2026-11-21T17").contains("2026-11-21T11");
        assertThat(operations().planRepair(grid, false, true).repairs()).extracting(PartitionRepair::partitionId)
                .containsExactly("2026-11-21T17");
        assertThatThrownBy(() -> operations().planRepair(grid, false, false))
                .isInstanceOfSatisfying(OperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OperationException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("--failed", "--missing");
                });
    }

    @Test
    void runningAndQueuedPartitions_shouldNeverBeTouched() {
        // GIVEN 10 and 11 running (the example's MaxConcurrentRuns is 2) and 12 queued behind them
        start("10");
        start("11");
        start("12");
        h.clock.set(NOW);
        assertThat(operations().partitions(WORKFLOW, "2026-11-21T10", "2026-11-21T12").partitions())
                .extracting(PartitionHealth::state).containsExactly(PartitionState.QUEUED, PartitionState.RUNNING,
                        PartitionState.RUNNING);
        int starts = h.glue.starts().size();

        // WHEN
        RepairStep step = operations().repairStep(WORKFLOW, "2026-11-21T10", "2026-11-21T12", true, true, 5,
                null);

        // THEN there is nothing to do, and nothing of the repair's to wait for
        assertThat(step).isEqualTo(new RepairStep(3, 0, 0, 0, 0, 0, 0, NOW));
        assertThat(step.done()).isTrue();
        assertThat(h.glue.starts()).hasSize(starts);
    }

    @Test
    void repairStep_shouldRepairEachPartitionOnce_andEndWhenAResumedRunFailsAgain() {
        // GIVEN
        aPeriodOfEveryState();
        int before = h.glue.starts().size();

        // WHEN a first step, two at most, then steps after Glue ended the runs: the resumed 11 failing again
        RepairStep step = operations().repairStep(WORKFLOW, FROM, TO, true, true, 2, null);
        assertThat(step.resumedNow() + step.startedNow()).isEqualTo(2);
        assertThat(step.notStarted()).isEqualTo(3);
        assertThat(step.skipped()).isEqualTo(2);
        int steps = 1;
        while (!step.done() && steps++ < 20) {
            h.clock.set(h.clock.instant().plusSeconds(30));
            for (RecordingGlue.Start start : h.glue.starts().subList(before, h.glue.starts().size())) {
                boolean eleven = "11".equals(start.arguments().get("--hour_partition_value"))
                        && start.name().equals("ingest-orders");
                if (h.store.jobRunOwner(start.jobRunId()).map(ref -> h.store.run(WORKFLOW, ref.workflowRunId())
                        .orElseThrow().actions().get(ref.actionId()).state() == JobRunState.RUNNING).orElse(false)) {
                    h.orchestrator.handle(new GlueEvent.JobStateChange("e-" + ++eventIds, h.clock.instant(),
                            start.name(), start.jobRunId(), eleven ? JobRunState.FAILED : JobRunState.SUCCEEDED,
                            null));
                }
            }
            step = operations().repairStep(WORKFLOW, FROM, TO, true, true, 2, step.before());
        }

        // THEN it ended, every partition repaired once: 11's resumed run failed again and was not resumed again
        assertThat(step.done()).isTrue();
        assertThat(step.finished()).isEqualTo(5);
        assertThat(h.glue.startsOf("ingest-orders").stream().filter(s -> "11".equals(s.arguments()
                .get("--hour_partition_value")))).hasSize(2);
        assertThat(operations().partitions(WORKFLOW, FROM, TO).partitions()).filteredOn(p -> p.partitionId()
                .equals("2026-11-21T11")).singleElement().satisfies(p -> {
                    assertThat(p.state()).isEqualTo(PartitionState.FAILED);
                    assertThat(p.workflowRunId()).isEqualTo(RunIds.resumeOf(WORKFLOW, runIds.get("11")));
                });
        // AND a new repair, later, resumes the run that failed again
        h.clock.set(h.clock.instant().plusSeconds(30));
        RepairStep next = operations().repairStep(WORKFLOW, FROM, TO, true, false, 2, null);
        assertThat(next.resumedNow()).isEqualTo(1);
        assertThat(h.store.run(WORKFLOW, RunIds.resumeOf(WORKFLOW, RunIds.resumeOf(WORKFLOW, runIds.get("11")))))
                .isPresent();
    }

    @Test
    void failedCrawl_shouldBeCrawledAgain() {
        // GIVEN the example with its crawler, whose crawl of 13 failed
        h.use(EngineHarness.exampleWith());
        start("13");
        ended("ingest-orders", JobRunState.SUCCEEDED, "ingest-payments", JobRunState.SUCCEEDED,
                "transform-sales", JobRunState.SUCCEEDED, "load-sales", JobRunState.SUCCEEDED);
        h.orchestrator.handle(new GlueEvent.CrawlerStateChange("c-1", h.clock.instant(), "catalog-sales",
                CrawlState.FAILED, "it broke"));
        h.clock.set(NOW);
        int before = h.glue.starts().size();

        // WHEN
        RepairResult result = operations().repair(operations().planRepair(operations().partitions(WORKFLOW,
                "2026-11-21T13", "2026-11-21T13"), true, false), 2, p -> { }, d -> h.glueSucceedsFrom(before,
                new HashSet<>()));

        // THEN only the crawler ran again, and the partition succeeded
        assertThat(result.plan().repairs()).singleElement().isInstanceOfSatisfying(PartitionRepair.Resume.class,
                resume -> assertThat(resume.nodeIds()).containsExactly(NodeId.of(NodeType.CRAWLER,
                        "catalog-sales")));
        assertThat(h.glue.starts().subList(before, h.glue.starts().size())).extracting(RecordingGlue.Start::name)
                .containsExactly("catalog-sales");
        assertThat(result.results()).containsEntry("2026-11-21T13", PartitionState.SUCCEEDED);
    }

    @Test
    void missing_withoutAScheduledTrigger_shouldBeRefusedNamingFailedOnly() {
        h.use(EngineHarness.exampleWith("\"Type\": \"SCHEDULED\", \"Schedule\": \"cron(0 * * * ? *)\"",
                "\"Type\": \"ON_DEMAND\""));
        h.clock.set(NOW);
        PartitionGrid grid = operations().partitions(WORKFLOW, FROM, TO);
        assertThatThrownBy(() -> operations().planRepair(grid, true, true))
                .isInstanceOfSatisfying(OperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OperationException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).isEqualTo("workflow sales-hourly has no SCHEDULED trigger, so no "
                            + "partition misses a slot's run: repair it with --failed only");
                });
    }

    private static NodeId job(String name) {
        return NodeId.of(NodeType.JOB, name);
    }
}
