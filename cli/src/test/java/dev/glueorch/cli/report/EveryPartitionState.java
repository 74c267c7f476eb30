package dev.glueorch.cli.report;

import static dev.glueorch.cli.report.RunFixtures.crawl;
import static dev.glueorch.cli.report.RunFixtures.job;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.Partitions;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Eleven hours of the example workflow as its table holds them at 10:30, a partition in every state and a job run in
 * every state a grid cell shows: hours 00 and 06 succeeded; 01 failed (ingest-orders FAILED, the alert ran), 02
 * failed (transform-sales TIMEOUT), 03 failed (ingest-orders ERROR: Glue refused the start); 04 never ran (MISSING);
 * an operator stopped 05 (ingest-orders STOPPED); 07 is transforming, 08 waits for Glue capacity (ingest-payments
 * WAITING), 09 waits for a MaxConcurrentRuns slot (QUEUED), and 10's slot, 11:00, is still to come (NOT_DUE).
 */
final class EveryPartitionState {

    static final Instant SINCE = Instant.parse("2026-11-21T00:30:00Z");
    static final Instant NOW = Instant.parse("2026-11-21T10:30:00Z");
    private static final String WORKFLOW = "sales-hourly";
    private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");

    final WorkflowDefinition definition = RunFixtures.example();
    final List<WorkflowRun> runs = new ArrayList<>();

    EveryPartitionState() {
        runs.add(succeeded(0));
        runs.add(completed(1, List.of(JobRunState.FAILED, JobRunState.SUCCEEDED), null, true));
        runs.add(completed(2, List.of(JobRunState.SUCCEEDED, JobRunState.SUCCEEDED), JobRunState.TIMEOUT, true));
        runs.add(completed(3, List.of(JobRunState.ERROR, JobRunState.SUCCEEDED), null, false));
        runs.add(RunFixtures.withStatus(completed(5, List.of(JobRunState.STOPPED, JobRunState.SUCCEEDED), null,
                false), WorkflowRunStatus.STOPPED));
        runs.add(succeeded(6));
        runs.add(completed(7, List.of(JobRunState.SUCCEEDED, JobRunState.SUCCEEDED), JobRunState.RUNNING, false));
        runs.add(completed(8, List.of(JobRunState.SUCCEEDED, JobRunState.WAITING), null, false));
        runs.add(RunFixtures.withStatus(RunFixtures.run(WORKFLOW, partition(9), slot(9), Set.of(), List.of()),
                WorkflowRunStatus.QUEUED));
    }

    /** As {@code glueorch report --since 00:30} at 10:30 would have it: the slots up to 11:30, the next one's too. */
    WorkflowHistory history() {
        return new WorkflowHistory(definition, runs, List.of(), NotificationSource.DERIVED)
                .withPartitions(Partitions.scheduled(definition, SINCE, NOW.plus(Duration.ofHours(1))), NOW);
    }

    Report report() {
        return new Report("Run report: sales-hourly, every partition state", NOW, SINCE, NOW,
                List.of(WorkflowReport.of(history(), null)));
    }

    /** The run of hour {@code hour}: every job and the crawl succeeded. */
    private static WorkflowRun succeeded(int hour) {
        Instant start = slot(hour);
        String runId = RunIds.forPartition(WORKFLOW, partition(hour));
        return RunFixtures.run(WORKFLOW, partition(hour), start, Set.of("sales-start", "sales-join", "sales-publish"),
                List.of(job(runId, "sales-start", 0, "ingest-orders", jobRunId(hour, 'a'), JobRunState.SUCCEEDED,
                                start, minutes(start, 20), Map.of()),
                        job(runId, "sales-start", 1, "ingest-payments", jobRunId(hour, 'b'), JobRunState.SUCCEEDED,
                                start, minutes(start, 15), Map.of()),
                        job(runId, "sales-join", 0, "transform-sales", jobRunId(hour, 'c'), JobRunState.SUCCEEDED,
                                minutes(start, 20), minutes(start, 45), Map.of()),
                        job(runId, "sales-publish", 0, "load-sales", jobRunId(hour, 'd'), JobRunState.SUCCEEDED,
                                minutes(start, 45), minutes(start, 55), Map.of()),
                        crawl(runId, "sales-publish", 1, "catalog-sales", JobRunState.SUCCEEDED, minutes(start, 45),
                                minutes(start, 50))));
    }

    /**
     * The run of hour {@code hour} with its two ingests in {@code ingests}, then transform-sales in
     * {@code transform} when that is not {@code null}, and alert-on-failure SUCCEEDED when {@code alert}. A WAITING
     * ingest has no job run yet; a RUNNING transform has not ended.
     */
    private static WorkflowRun completed(int hour, List<JobRunState> ingests, JobRunState transform, boolean alert) {
        Instant start = slot(hour);
        String runId = RunIds.forPartition(WORKFLOW, partition(hour));
        List<ActionRun> actions = new ArrayList<>();
        Set<String> fired = new TreeSet<>(Set.of("sales-start"));
        String[] names = {"ingest-orders", "ingest-payments"};
        for (int i = 0; i < names.length; i++) {
            JobRunState state = ingests.get(i);
            // Glue started no job run for a WAITING action, nor for one whose start it refused (ERROR)
            boolean started = state != JobRunState.WAITING && state != JobRunState.ERROR;
            actions.add(job(runId, "sales-start", i, names[i], started ? jobRunId(hour, (char) ('a' + i)) : null,
                    state, start, state == JobRunState.WAITING ? null : minutes(start, 10 + 5 * i), Map.of()));
        }
        if (transform != null) {
            fired.add("sales-join");
            actions.add(job(runId, "sales-join", 0, "transform-sales", jobRunId(hour, 'c'), transform,
                    minutes(start, 15), transform == JobRunState.RUNNING ? null : minutes(start, 75), Map.of()));
        }
        if (alert) {
            fired.add("sales-alert");
            actions.add(job(runId, "sales-alert", 0, "alert-on-failure", jobRunId(hour, 'e'),
                    JobRunState.SUCCEEDED, minutes(start, 76), minutes(start, 77),
                    Map.of("--workflow", WORKFLOW)));
        }
        return RunFixtures.run(WORKFLOW, partition(hour), start, fired, actions);
    }

    /** Hour {@code hour}'s partition, whose slot is an hour later (Offset -1). */
    private static String partition(int hour) {
        return String.format("2026-11-21T%02d", hour);
    }

    private static Instant slot(int hour) {
        return DAY.plus(Duration.ofHours(hour + 1L));
    }

    private static String jobRunId(int hour, char job) {
        return String.format("jr_%02d%c", hour, job);
    }

    private static Instant minutes(Instant from, int minutes) {
        return from.plus(Duration.ofMinutes(minutes));
    }
}
