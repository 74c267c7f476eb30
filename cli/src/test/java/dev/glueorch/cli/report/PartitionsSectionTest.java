package dev.glueorch.cli.report;

import static dev.glueorch.cli.report.RunFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.glueorch.cli.output.PartitionStateText;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.PartitionState;
import dev.glueorch.engine.Partitions;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The partitions of a workflow in its report: the health bar, the counts and the grid, as the HTML has them. */
class PartitionsSectionTest {

    private static final EveryPartitionState FIXTURE = new EveryPartitionState();

    @Test
    void grid_shouldHaveARowPerPartitionNewestFirstInItsStateWithItsRun() {
        // GIVEN
        Report report = FIXTURE.report();
        WorkflowReport workflow = report.workflows().get(0);

        // WHEN
        List<ReportPage.GridRow> rows = render(report).gridRows();

        // THEN missing and not-due partitions are rows too, without run
        assertThat(rows).extracting(ReportPage.GridRow::partition).containsExactly("2026-11-21T10",
                "2026-11-21T09", "2026-11-21T08", "2026-11-21T07", "2026-11-21T06", "2026-11-21T05", "2026-11-21T04",
                "2026-11-21T03", "2026-11-21T02", "2026-11-21T01", "2026-11-21T00");
        assertThat(rows).extracting(ReportPage.GridRow::state).containsExactly("NOT_DUE", "QUEUED", "RUNNING",
                "RUNNING", "SUCCEEDED", "STOPPED", "MISSING", "FAILED", "FAILED", "FAILED", "SUCCEEDED");
        for (ReportPage.GridRow row : rows) {
            WorkflowRun run = runOf(row.partition());
            assertThat(row.run()).as(row.partition())
                    .isEqualTo(run == null ? null : workflow.runs().indexOf(run));
        }
    }

    @Test
    void gridCells_shouldBeEachJobsStateInThePartitionsRunWithItsWord() {
        // WHEN
        ReportPage page = render(FIXTURE.report());

        // THEN a column per job the triggers start; a cell per job: its latest job run's state in the run
        assertThat(page.gridJobs()).containsExactly("ingest-orders", "ingest-payments", "transform-sales",
                "load-sales", "alert-on-failure");
        List<String> shown = new ArrayList<>();
        for (ReportPage.GridRow row : page.gridRows()) {
            WorkflowRun run = runOf(row.partition());
            List<String> expected = new ArrayList<>();
            List<String> words = new ArrayList<>();
            for (String job : page.gridJobs()) {
                String state = run == null ? "" : recordedState(run, job);
                expected.add(state);
                words.add(state.isEmpty() ? "" : ShownState.valueOf(state).label());
            }
            assertThat(row.cells()).as(row.partition()).isEqualTo(expected);
            assertThat(row.words()).as(row.partition()).isEqualTo(words);
            shown.addAll(row.cells());
        }
        assertThat(shown).contains("SUCCEEDED", "FAILED", "TIMEOUT", "ERROR", "STOPPED", "RUNNING", "WAITING",
                "NOT_RUN", "");
        assertThat(page.html).contains("<td class=\"st-TIMEOUT\">◷<i>timed out</i></td>");
    }

    @Test
    void healthBar_shouldHaveASegmentPerStateAsWideAsItsCountAndTheCountsInWords() {
        // GIVEN
        Report report = FIXTURE.report();
        PartitionGrid grid = report.workflows().get(0).partitions();

        // WHEN
        ReportPage page = render(report);

        // THEN
        Map<String, Integer> segments = new LinkedHashMap<>();
        page.elements("li", null).stream().filter(li -> li.containsKey("data-count")).forEach(li -> {
            assertThat(li.get("style")).isEqualTo("flex-grow:" + li.get("data-count"));
            segments.put(li.get("data-state"), Integer.valueOf(li.get("data-count")));
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        grid.counts().forEach((state, count) -> {
            if (count > 0) {
                counts.put(state.name(), count);
            }
        });
        assertThat(segments).isEqualTo(counts);
        assertThat(page.html).contains("title=\"failed 3\">✗ failed 3</li>", "◌ not due 1</li>",
                "<p class=\"counts\"><strong>11 partitions</strong>, 2026-11-21T00 to 2026-11-21T10: 2 succeeded, "
                        + "3 failed, 2 running, 1 queued, 1 stopped, 1 missing, 1 not due</p>");
    }

    @Test
    void partitionStates_shouldBeCalledAsGlueorchPartitionsCallsThem() {
        for (PartitionState state : PartitionState.values()) {
            assertThat(ShownState.of(state).label()).isEqualTo(PartitionStateText.word(state));
        }
        assertThat(render(FIXTURE.report()).html).contains(PartitionStateText.counts(FIXTURE.history()
                .partitions()));
    }

    @Test
    void resumedRun_shouldStandForItsPartition() {
        // GIVEN partition 03 failed, then its run resumed from transform-sales succeeded
        WorkflowRun failed = WorkflowReportTest.failedRun();
        WorkflowRun resumed = resumedAfter(failed);

        // WHEN
        WorkflowReport report = WorkflowReport.of(new WorkflowHistory(FIXTURE.definition, List.of(failed, resumed),
                List.of(), NotificationSource.SENT).withPartitions(Map.of(), EveryPartitionState.NOW), null);

        // THEN
        List<ReportPage.GridRow> rows = render(report).gridRows();
        assertThat(rows).extracting(ReportPage.GridRow::partition, ReportPage.GridRow::state, ReportPage.GridRow::run)
                .containsExactly(tuple(failed.partitionId(), "SUCCEEDED",
                        report.runs().indexOf(resumed)));
    }

    @Test
    void unpartitionedWorkflow_shouldHaveNoPartitions() {
        // GIVEN a nightly export without Partitioning, and its run
        WorkflowDefinition nightly = new DefinitionValidator().validate("nightly.json", """
                {"Workflow": {"Name": "nightly"},
                 "Triggers": [{"Name": "nightly-start", "Type": "SCHEDULED", "Schedule": "cron(0 2 * * ? *)",
                               "Actions": [{"JobName": "export"}]}]}
                """);
        Instant start = Instant.parse("2026-11-21T02:00:00Z");
        WorkflowRun run = RunFixtures.run("nightly", "2026-11-21T02:00Z", start, Set.of("nightly-start"),
                List.of(job(RunIds.forPartition("nightly", "2026-11-21T02:00Z"), "nightly-start", 0, "export",
                        "jr_export", JobRunState.SUCCEEDED, start, start.plusSeconds(600), Map.of())));

        // WHEN
        WorkflowHistory history = new WorkflowHistory(nightly, List.of(run), List.of(), NotificationSource.SENT)
                .withPartitions(Partitions.scheduled(nightly, start.minusSeconds(86_400), start), start);
        ReportPage page = render(WorkflowReport.of(history, null));

        // THEN
        assertThat(history.partitions()).isNull();
        assertThat(page.gridRows()).isEmpty();
        assertThat(page.html).doesNotContain("<table class=\"grid\"").doesNotContain("<h3>Partitions</h3>")
                .doesNotContain("not due</li>");
        assertThat(page.elements("tr", "run")).hasSize(1);
    }

    @Test
    void reportWithoutPartitions_shouldHaveNoGrid() {
        // WHEN a partitioned workflow's report of one run, which has no period
        ReportPage page = render(WorkflowReport.of(new WorkflowHistory(FIXTURE.definition,
                List.of(WorkflowReportTest.failedRun()), List.of(), NotificationSource.DERIVED), null));

        // THEN
        assertThat(page.gridRows()).isEmpty();
        assertThat(page.html).doesNotContain("class=\"health\"");
    }

    private static ReportPage render(Report report) {
        return new ReportPage(new ReportRenderer().render(report));
    }

    private static ReportPage render(WorkflowReport workflow) {
        return render(new Report("Run report: test", EveryPartitionState.NOW, EveryPartitionState.SINCE,
                EveryPartitionState.NOW, List.of(workflow)));
    }

    private static WorkflowRun runOf(String partition) {
        return FIXTURE.runs.stream().filter(r -> partition.equals(r.partitionId())).findFirst().orElse(null);
    }

    /**
     * The state the run recorded for the job's latest job run, as a grid cell names it (a job run on its way or
     * being stopped is running), or NOT_RUN.
     */
    static String recordedState(WorkflowRun run, String job) {
        return run.actions().values().stream().filter(a -> a.type() == NodeType.JOB && a.name().equals(job))
                .max(Comparator.comparing(ActionRun::startedOn)).map(a -> switch (a.state()) {
                    case STARTING, STOPPING -> "RUNNING";
                    default -> a.state().name();
                }).orElse("NOT_RUN");
    }

    /** {@code failed} resumed from transform-sales under a new run id an hour later, everything succeeded. */
    private static WorkflowRun resumedAfter(WorkflowRun failed) {
        Instant start = failed.startedOn().plusSeconds(3600);
        String runId = "wr_resumed";
        WorkflowRun run = RunFixtures.run("sales-hourly", failed.partitionId(), start, Set.of("sales-join"),
                List.of(job(runId, "sales-join", 0, "transform-sales", "jr_resumed", JobRunState.SUCCEEDED, start,
                        start.plusSeconds(600), Map.of())));
        return new WorkflowRun(run.workflowName(), runId, run.partition(), run.properties(), run.startedOn(),
                run.completedOn(), run.status(), run.statistics(), run.definitionsVersion(), run.actions(),
                run.firedTriggers(), run.remoteOutcomes(), failed.workflowRunId(), null, null);
    }
}
