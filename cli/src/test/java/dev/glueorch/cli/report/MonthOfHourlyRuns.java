package dev.glueorch.cli.report;

import static dev.glueorch.cli.report.RunFixtures.crawl;
import static dev.glueorch.cli.report.RunFixtures.job;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.OrchestratorEvent.Notification;
import dev.glueorch.engine.Partitions;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Thirty days of hourly runs of the ten-job {@code lakehouse-hourly} workflow, as the orchestrator would have run
 * them (built directly, not simulated, so that the speed check measures the report and not a simulation): a run
 * runs all ten jobs and the crawler, but every 41st hour an ingest fails, every 53rd the model times out (the
 * metrics job runs then too), and every 29th the model is delayed.
 */
final class MonthOfHourlyRuns {

    static final String WORKFLOW = "lakehouse-hourly";
    static final int DAYS = 30;
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")
            .withZone(ZoneOffset.UTC);

    final WorkflowDefinition definition = RunFixtures.testWorkflow("lakehouse-hourly.json");
    final Instant from;
    private final int days;
    final List<WorkflowRun> runs = new ArrayList<>();
    final List<Notification> notifications = new ArrayList<>();
    private int jobRuns;

    MonthOfHourlyRuns(Instant from) {
        this(from, DAYS);
    }

    /** {@code days} days of the month's runs, from {@code from}. */
    MonthOfHourlyRuns(Instant from, int days) {
        this.from = from;
        this.days = days;
        for (int hour = 0; hour < days * 24; hour++) {
            runs.add(run(hour, from.plus(Duration.ofHours(hour))));
        }
    }

    WorkflowHistory history() {
        return new WorkflowHistory(definition, runs, notifications, NotificationSource.SENT);
    }

    Instant to() {
        return from.plus(Duration.ofDays(days)).plus(Duration.ofHours(2));
    }

    /**
     * The slots a report of the month sees at {@link #to()}, as {@code glueorch report} takes them: from the first
     * run's on, to the one after {@code to()}; the three hours after the last run are missing, the next not due.
     */
    Map<String, Instant> slots() {
        return Partitions.scheduled(definition, from.minusSeconds(1), to().plus(Duration.ofHours(1)));
    }

    private WorkflowRun run(int hour, Instant start) {
        String partition = PARTITION.format(start.minus(Duration.ofHours(1)));
        String runId = RunIds.forPartition(WORKFLOW, partition);
        Map<String, String> arguments = Map.of("--day_partition_key", "partition_0", "--hour_partition_key",
                "partition_1", "--day_partition_value", partition.substring(0, 10), "--hour_partition_value",
                String.valueOf(Integer.parseInt(partition.substring(11))));
        List<ActionRun> actions = new ArrayList<>();
        Set<String> fired = new LinkedHashSet<>(List.of("lakehouse-start"));
        boolean ingestFails = hour % 41 == 7;
        actions.add(job(runId, "lakehouse-start", 0, "ingest-orders", nextJobRunId(),
                ingestFails ? JobRunState.FAILED : JobRunState.SUCCEEDED, start, minutes(start, ingestFails ? 5 : 12),
                arguments));
        actions.add(job(runId, "lakehouse-start", 1, "ingest-payments", nextJobRunId(), JobRunState.SUCCEEDED,
                start, minutes(start, 9 + hour % 4), arguments));
        actions.add(job(runId, "lakehouse-start", 2, "ingest-customers", nextJobRunId(), JobRunState.SUCCEEDED,
                start, minutes(start, 7), arguments));
        if (ingestFails) {
            metrics(runId, minutes(start, 5), arguments, actions, fired);
            notifications.add(notification(Notification.Kind.RUN_FAILED, runId, partition, actions.get(0), null));
            return RunFixtures.run(WORKFLOW, partition, start, fired, actions);
        }
        Instant cleaned = minutes(start, 13);
        fired.add("lakehouse-clean");
        actions.add(job(runId, "lakehouse-clean", 0, "clean-orders", nextJobRunId(), JobRunState.SUCCEEDED, cleaned,
                minutes(cleaned, 10), arguments));
        actions.add(job(runId, "lakehouse-clean", 1, "enrich-payments", nextJobRunId(), JobRunState.SUCCEEDED,
                cleaned, minutes(cleaned, 12), arguments));
        Instant modelled = minutes(cleaned, 12);
        fired.add("lakehouse-model");
        boolean timesOut = hour % 53 == 11;
        boolean delayed = hour % 29 == 3;
        ActionRun facts = job(runId, "lakehouse-model", 0, "build-facts", nextJobRunId(),
                timesOut ? JobRunState.TIMEOUT : JobRunState.SUCCEEDED, modelled,
                minutes(modelled, timesOut ? 30 : delayed ? 28 : 15), withTarget(arguments, partition));
        actions.add(facts);
        if (delayed) {
            notifications.add(notification(Notification.Kind.RUN_DELAYED, runId, partition, facts, 3L));
        }
        if (timesOut) {
            notifications.add(notification(Notification.Kind.RUN_TIMED_OUT, runId, partition, facts, null));
            metrics(runId, facts.completedOn(), arguments, actions, fired);
            return RunFixtures.run(WORKFLOW, partition, start, fired, actions);
        }
        Instant published = facts.completedOn();
        fired.add("lakehouse-publish");
        actions.add(job(runId, "lakehouse-publish", 0, "load-warehouse", nextJobRunId(), JobRunState.SUCCEEDED,
                published, minutes(published, 8), arguments));
        actions.add(job(runId, "lakehouse-publish", 1, "export-reports", nextJobRunId(), JobRunState.SUCCEEDED,
                published, minutes(published, 5), arguments));
        actions.add(crawl(runId, "lakehouse-publish", 2, "catalog-lake", JobRunState.SUCCEEDED, published,
                minutes(published, 4)));
        fired.add("lakehouse-quality");
        actions.add(job(runId, "lakehouse-quality", 0, "check-quality", nextJobRunId(), JobRunState.SUCCEEDED,
                minutes(published, 8), minutes(published, 11), arguments));
        metrics(runId, minutes(published, 11), arguments, actions, fired);
        return RunFixtures.run(WORKFLOW, partition, start, fired, actions);
    }

    private void metrics(String runId, Instant at, Map<String, String> arguments, List<ActionRun> actions,
                         Set<String> fired) {
        fired.add("lakehouse-metrics");
        actions.add(job(runId, "lakehouse-metrics", 0, "publish-metrics", nextJobRunId(), JobRunState.SUCCEEDED, at,
                minutes(at, 2), arguments));
    }

    private static Notification notification(Notification.Kind kind, String runId, String partition,
                                             ActionRun action, Long lateBy) {
        return new Notification(kind, WORKFLOW, runId, partition, Map.of(), NodeType.JOB, action.name(),
                action.jobRunId(), lateBy, null, action.name() + ": " + kind.detailType(),
                action.completedOn(), action.jobRunId());
    }

    private static Map<String, String> withTarget(Map<String, String> arguments, String partition) {
        Map<String, String> withTarget = new HashMap<>(arguments);
        withTarget.put("--target", "s3://example-lake/facts/" + partition.substring(0, 10) + "/"
                + partition.substring(11));
        return withTarget;
    }

    /** Glue's job run id shape: {@code jr_} and 64 hex digits. */
    private String nextJobRunId() {
        return String.format("jr_%064x", ++jobRuns);
    }

    private static Instant minutes(Instant from, int minutes) {
        return from.plus(Duration.ofMinutes(minutes));
    }
}
