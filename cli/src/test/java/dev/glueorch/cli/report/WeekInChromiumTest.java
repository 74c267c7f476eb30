package dev.glueorch.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.cli.simulate.SimulatedWeek;
import dev.glueorch.engine.OrchestratorEvent.Notification;
import dev.glueorch.engine.PartitionHealth;
import dev.glueorch.engine.PartitionState;
import dev.glueorch.engine.WorkflowRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report of the simulated week ({@link SimulatedWeek}: failed and timed-out partitions, a trigger deactivated
 * for six hours, an outage past the catch-up limit) as headless Chromium draws it: every partition of the week is a
 * row, each in the state its run ended in or MISSING when no run exists, every cell in the state the simulation
 * recorded for that job, and each missing partition with its one "Partition Missing" notification.
 */
class WeekInChromiumTest {

    private static SimulatedWeek week;
    private static WorkflowReport report;
    private static ReportPage drawn;

    @BeforeAll
    static void drawTheWeeksReport() throws IOException {
        week = SimulatedWeek.asShipped();
        Report whole = SimulationReport.of(List.of(week.definitions()), week.scenario(), week.result(),
                week.end());
        report = whole.workflows().get(0);
        Files.createDirectories(ReportInChromiumTest.OUTPUT);
        Path page = ReportInChromiumTest.OUTPUT.resolve("report-week.html");
        Files.writeString(page, new ReportRenderer().render(whole));
        drawn = new ReportPage(Chromium.dumpDom(page, null, 1280, 900));
    }

    @Test
    void everyRowAndCell_shouldShowTheStateTheSimulationRecorded() {
        // GIVEN the runs the week left, by partition
        Map<String, WorkflowRun> runs = week.result().workflowRuns().stream()
                .collect(Collectors.toMap(WorkflowRun::partitionId, Function.identity()));

        // THEN a row per hour of the week, newest first
        List<ReportPage.GridRow> rows = drawn.gridRows();
        assertThat(rows).hasSize(7 * 24);
        assertThat(rows.get(0).partition()).isEqualTo(week.lastPartition());
        assertThat(rows.get(rows.size() - 1).partition()).isEqualTo(week.firstPartition());
        for (ReportPage.GridRow row : rows) {
            WorkflowRun run = runs.get(row.partition());
            if (run == null) {
                // AND a partition without a run is a visible MISSING row with no cell of a job
                assertThat(row.state()).as(row.partition()).isEqualTo("MISSING");
                assertThat(row.run()).as(row.partition()).isNull();
            } else {
                assertThat(row.state()).as(row.partition()).isEqualTo(PartitionState.of(run).name());
                assertThat(row.cells()).as(row.partition()).isEqualTo(drawn.gridJobs().stream()
                        .map(job -> PartitionsSectionTest.recordedState(run, job)).toList());
                assertThat(report.runs().get(row.run()).workflowRunId()).isEqualTo(run.workflowRunId());
            }
        }
        // AND the week's troubles are there: failed and timed-out jobs, missing hours
        List<String> cells = rows.stream().flatMap(row -> row.cells().stream()).toList();
        assertThat(cells).contains("FAILED", "TIMEOUT");
        assertThat(rows).extracting(ReportPage.GridRow::state).contains("MISSING", "FAILED", "SUCCEEDED");
    }

    @Test
    void missingRows_shouldBeTheGridsAtTheWeeksEndWithOnePartitionMissingEach() {
        // GIVEN the partitions an operator saw missing when the week ended
        List<String> missing = week.gridAtEnd().partitions().stream()
                .filter(p -> p.state() == PartitionState.MISSING).map(PartitionHealth::partitionId).toList();

        // THEN the report shows the same ones missing
        assertThat(drawn.gridRows()).filteredOn(row -> row.state().equals("MISSING"))
                .extracting(ReportPage.GridRow::partition).containsExactlyElementsOf(missing);
        // AND lists the notifications the simulation sent for them, a row each (the workflow does not ask for
        // deactivated slots, so only those past the catch-up limit), with the missing chip
        Map<String, Long> notified = week.result().notifications().stream()
                .filter(n -> n.kind() == Notification.Kind.PARTITION_MISSING)
                .collect(Collectors.groupingBy(Notification::partition, LinkedHashMap::new, Collectors.counting()));
        assertThat(notified).isNotEmpty().allSatisfy((partition, count) -> assertThat(count).isOne());
        assertThat(missing).containsAll(notified.keySet());
        assertThat(drawn.elements("tr", null)).filteredOn(tr -> "PARTITION_MISSING".equals(tr.get("data-kind")))
                .hasSize(notified.size());
        assertThat(drawn.html).contains("<span class=\"chip st-MISSING\">");
    }

    @Test
    void healthBar_shouldCountTheWeeksPartitionsByState() {
        // THEN
        Map<String, Integer> segments = new LinkedHashMap<>();
        drawn.elements("li", null).stream().filter(li -> li.containsKey("data-count"))
                .forEach(li -> segments.put(li.get("data-state"), Integer.valueOf(li.get("data-count"))));
        Map<String, Integer> counts = new LinkedHashMap<>();
        report.partitions().counts().forEach((state, count) -> {
            if (count > 0) {
                counts.put(state.name(), count);
            }
        });
        assertThat(segments).isEqualTo(counts).containsKeys("SUCCEEDED", "FAILED", "MISSING");
        assertThat(segments.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(7 * 24);
        assertThat(report.partitions().to()).isEqualTo(week.lastPartition());
    }
}
