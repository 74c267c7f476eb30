package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionGridTest {

    /** Hourly with Offset -1: the slot at 14:00 runs partition 13. Two jobs, then a third after both. */
    private static final WorkflowDefinition HOURLY = new DefinitionValidator().validate("hourly.json", """
            {"Workflow": {"Name": "hourly", "Partitioning": {"Granularity": "HOUR"}},
             "Triggers": [
               {"Name": "start", "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)",
                "Actions": [{"JobName": "ingest-orders"}, {"JobName": "ingest-payments"}]},
               {"Name": "join", "Type": "CONDITIONAL",
                "Predicate": {"Logical": "AND", "Conditions": [
                  {"LogicalOperator": "EQUALS", "JobName": "ingest-orders", "State": "SUCCEEDED"},
                  {"LogicalOperator": "EQUALS", "JobName": "ingest-payments", "State": "SUCCEEDED"}]},
                "Actions": [{"JobName": "transform-sales"}, {"CrawlerName": "catalog-sales"}]}]}
            """);

    private static final Instant NOW = Instant.parse("2026-11-21T14:30:00Z");

    @Test
    void completedRunWithEverySucceeded_shouldBeSucceeded() {
        assertThat(stateOf(run(WorkflowRunStatus.COMPLETED, JobRunState.SUCCEEDED, JobRunState.SUCCEEDED,
                JobRunState.SUCCEEDED))).isEqualTo(PartitionState.SUCCEEDED);
    }

    @Test
    void completedRunWithAFailedTimedOutOrErroredAction_shouldBeFailed() {
        for (JobRunState bad : List.of(JobRunState.FAILED, JobRunState.TIMEOUT, JobRunState.ERROR)) {
            assertThat(stateOf(run(WorkflowRunStatus.COMPLETED, JobRunState.SUCCEEDED, bad))).as(bad.name())
                    .isEqualTo(PartitionState.FAILED);
        }
        assertThat(stateOf(run(WorkflowRunStatus.ERROR))).isEqualTo(PartitionState.FAILED);
    }

    @Test
    void runningOrStoppingRun_shouldBeRunning() {
        assertThat(stateOf(run(WorkflowRunStatus.RUNNING, JobRunState.RUNNING))).isEqualTo(PartitionState.RUNNING);
        assertThat(stateOf(run(WorkflowRunStatus.STOPPING, JobRunState.STOPPING)))
                .isEqualTo(PartitionState.RUNNING);
    }

    @Test
    void queuedRun_shouldBeQueued() {
        assertThat(stateOf(run(WorkflowRunStatus.QUEUED))).isEqualTo(PartitionState.QUEUED);
    }

    @Test
    void stoppedRunOrCompletedWithAStoppedAction_shouldBeStopped() {
        assertThat(stateOf(run(WorkflowRunStatus.STOPPED, JobRunState.STOPPED))).isEqualTo(PartitionState.STOPPED);
        assertThat(stateOf(run(WorkflowRunStatus.COMPLETED, JobRunState.SUCCEEDED, JobRunState.STOPPED)))
                .isEqualTo(PartitionState.STOPPED);
    }

    @Test
    void slotPassedWithoutRun_shouldBeMissing_andSlotToComeNotDue() {
        // GIVEN the slots of 13:00, 14:00 and 15:00 (partitions 12, 13, 14), none with a run, at 14:30
        Map<String, Instant> slots = Partitions.scheduled(HOURLY, Instant.parse("2026-11-21T12:30:00Z"),
                Instant.parse("2026-11-21T15:30:00Z"));

        // WHEN
        PartitionGrid grid = PartitionGrid.of(HOURLY, "2026-11-21T12", null, slots, List.of(), NOW);

        // THEN newest first: 14's slot (15:00) is still to come
        assertThat(grid.partitions()).extracting(PartitionHealth::partitionId, PartitionHealth::state)
                .containsExactly(tuple("2026-11-21T14", PartitionState.NOT_DUE),
                        tuple("2026-11-21T13", PartitionState.MISSING),
                        tuple("2026-11-21T12", PartitionState.MISSING));
        PartitionHealth missing = grid.partitions().get(1);
        assertThat(missing.workflowRunId()).isNull();
        assertThat(missing.jobs()).containsOnlyKeys("ingest-orders", "ingest-payments", "transform-sales")
                .containsValues((JobRunState) null);
        assertThat(grid.to()).isEqualTo("2026-11-21T14");
    }

    @Test
    void grid_shouldShowEachJobsStateInTheRunOfItsPartition_andCountEveryState() {
        // GIVEN partition 12 failed in transform, 13 runs its ingest jobs, an event started 09 (no slot in range)
        Map<String, Instant> slots = Partitions.scheduled(HOURLY, Instant.parse("2026-11-21T11:30:00Z"), NOW);
        WorkflowRun failed = run("2026-11-21T12", WorkflowRunStatus.COMPLETED, JobRunState.SUCCEEDED,
                JobRunState.SUCCEEDED, JobRunState.TIMEOUT);
        WorkflowRun running = run("2026-11-21T13", WorkflowRunStatus.RUNNING, JobRunState.STARTING,
                JobRunState.WAITING);
        WorkflowRun byEvent = run("2026-11-21T09", WorkflowRunStatus.COMPLETED, JobRunState.SUCCEEDED,
                JobRunState.SUCCEEDED, JobRunState.SUCCEEDED);
        WorkflowRun beforePeriod = run("2026-11-21T08", WorkflowRunStatus.COMPLETED, JobRunState.FAILED);

        // WHEN
        PartitionGrid grid = PartitionGrid.of(HOURLY, "2026-11-21T09", "2026-11-21T13", slots,
                List.of(running, failed, byEvent, beforePeriod), NOW);

        // THEN
        assertThat(grid.partitions()).extracting(PartitionHealth::partitionId, PartitionHealth::state)
                .containsExactly(tuple("2026-11-21T13", PartitionState.RUNNING),
                        tuple("2026-11-21T12", PartitionState.FAILED),
                        tuple("2026-11-21T11", PartitionState.MISSING),
                        tuple("2026-11-21T09", PartitionState.SUCCEEDED));
        assertThat(grid.partitions().get(1).jobs()).containsExactly(entry("ingest-orders", JobRunState.SUCCEEDED),
                entry("ingest-payments", JobRunState.SUCCEEDED), entry("transform-sales", JobRunState.TIMEOUT));
        Map<String, JobRunState> runningJobs = new LinkedHashMap<>();
        runningJobs.put("ingest-orders", JobRunState.RUNNING);
        runningJobs.put("ingest-payments", JobRunState.WAITING);
        runningJobs.put("transform-sales", null);
        assertThat(grid.partitions().get(0).jobs()).containsExactlyEntriesOf(runningJobs);
        assertThat(grid.partitions().get(0).workflowRunId()).isEqualTo(running.workflowRunId());
        assertThat(grid.counts()).containsEntry(PartitionState.SUCCEEDED, 1).containsEntry(PartitionState.FAILED, 1)
                .containsEntry(PartitionState.RUNNING, 1).containsEntry(PartitionState.MISSING, 1)
                .containsEntry(PartitionState.QUEUED, 0).hasSize(PartitionState.values().length);
    }

    @Test
    void resumedRun_shouldStandForItsPartition() {
        // GIVEN runs newest first: the resume of partition 12 succeeded after the first run failed
        WorkflowRun resumed = run("2026-11-21T12", WorkflowRunStatus.COMPLETED, JobRunState.SUCCEEDED,
                JobRunState.SUCCEEDED, JobRunState.SUCCEEDED);
        WorkflowRun first = run("2026-11-21T12", WorkflowRunStatus.COMPLETED, JobRunState.FAILED);

        // WHEN
        PartitionGrid grid = PartitionGrid.of(HOURLY, "2026-11-21T12", "2026-11-21T12", Map.of(),
                List.of(resumed, first), NOW);

        // THEN
        assertThat(grid.partitions()).singleElement().satisfies(partition -> {
            assertThat(partition.state()).isEqualTo(PartitionState.SUCCEEDED);
            assertThat(partition.workflowRunId()).isEqualTo(resumed.workflowRunId());
        });
    }

    private static PartitionState stateOf(WorkflowRun run) {
        return PartitionGrid.of(HOURLY, null, null, Map.of(), List.of(run), NOW).partitions().get(0).state();
    }

    private static WorkflowRun run(WorkflowRunStatus status, JobRunState... jobs) {
        return run("2026-11-21T13", status, jobs);
    }

    /** A run of the partition whose jobs are in {@code jobs}, in the workflow's job order. */
    private static WorkflowRun run(String partitionId, WorkflowRunStatus status, JobRunState... jobs) {
        List<String> names = List.of("ingest-orders", "ingest-payments", "transform-sales");
        Map<String, ActionRun> actions = new LinkedHashMap<>();
        String runId = RunIds.random();
        for (int i = 0; i < jobs.length; i++) {
            String trigger = i < 2 ? "start" : "join";
            ActionRun action = new ActionRun(RunIds.action(runId, trigger, i % 2), trigger, i % 2, NodeType.JOB,
                    names.get(i), "jr_" + i, jobs[i], Map.of(), NOW.minusSeconds(600 - i), null, List.of(), null);
            actions.put(action.actionId(), action);
        }
        Partition partition = Partitions.forId(HOURLY.workflow(), partitionId);
        return new WorkflowRun(HOURLY.name(), runId, partition, Map.of(), NOW.minusSeconds(900), null, status,
                Statistics.EMPTY, "v1", actions, Set.of(), Map.of(), null, null, null);
    }
}
