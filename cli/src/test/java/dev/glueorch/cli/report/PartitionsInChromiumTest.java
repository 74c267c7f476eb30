package dev.glueorch.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.glueorch.cli.simulate.SimulationResult;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.PartitionHealth;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.Action;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partitions of two reports as headless Chromium draws them, checked in the DOM after the page's script ran:
 * the example's (the simulation of {@code workflows/examples/hourly} with its scenario), against the runs the
 * simulation recorded, and one of a table holding a partition in every state ({@link EveryPartitionState}), of which
 * a screenshot is kept in {@code target/report/report-partitions.png}.
 */
class PartitionsInChromiumTest {

    private static final int WIDTH = ExampleReport.WIDTH;

    private static WorkflowDefinition workflow;
    private static SimulationResult result;
    private static WorkflowReport example;
    private static Path page;
    private static ReportPage drawn;

    @BeforeAll
    static void drawTheExampleReport() {
        ExampleReport drawnOnce = ExampleReport.get();
        workflow = drawnOnce.workflow();
        result = drawnOnce.result();
        example = drawnOnce.report();
        page = drawnOnce.page();
        drawn = drawnOnce.drawn();
    }

    @Test
    void everyGridCell_shouldShowTheStateTheSimulationRecorded() {
        // THEN a column per job the workflow's triggers start, a row per partition the simulation ran
        List<ReportPage.GridRow> rows = drawn.gridRows();
        assertThat(drawn.gridJobs()).containsExactlyElementsOf(jobsOf(workflow));
        assertThat(rows).extracting(ReportPage.GridRow::partition).containsExactlyInAnyOrderElementsOf(
                result.workflowRuns().stream().map(WorkflowRun::partitionId).toList());
        Map<String, List<String>> recorded = new LinkedHashMap<>();
        for (WorkflowRun run : result.workflowRuns()) {
            recorded.put(run.partitionId(), drawn.gridJobs().stream()
                    .map(job -> PartitionsSectionTest.recordedState(run, job)).toList());
        }
        Map<String, List<String>> shown = new LinkedHashMap<>();
        rows.forEach(row -> shown.put(row.partition(), row.cells()));
        assertThat(shown).isEqualTo(recorded);
        assertThat(shown.values()).anyMatch(cells -> cells.contains("FAILED"));
        // and each row selects its own run
        for (ReportPage.GridRow row : rows) {
            assertThat(example.runs().get(row.run()).partitionId()).isEqualTo(row.partition());
        }
    }

    @Test
    void healthBar_shouldCountThePartitionsOfEachState() {
        // THEN
        Map<String, Integer> segments = new LinkedHashMap<>();
        drawn.elements("li", null).stream().filter(li -> li.containsKey("data-count"))
                .forEach(li -> segments.put(li.get("data-state"), Integer.valueOf(li.get("data-count"))));
        Map<String, Integer> counts = new LinkedHashMap<>();
        example.partitions().counts().forEach((state, count) -> {
            if (count > 0) {
                counts.put(state.name(), count);
            }
        });
        assertThat(segments).isEqualTo(counts).containsKeys("SUCCEEDED", "FAILED");
        assertThat(drawn.html).contains(": " + counts.get("SUCCEEDED") + " succeeded, " + counts.get("FAILED")
                + " failed</p>");
        assertThat(drawn.gridRows()).extracting(ReportPage.GridRow::state).containsExactlyElementsOf(
                example.partitions().partitions().stream().map(p -> p.state().name()).toList());
    }

    @Test
    void clickOnAGridCell_shouldDrawTheGraphAndDetailsOfItsRun(@TempDir Path dir) throws IOException {
        // GIVEN the run whose ingest failed, not the one drawn first
        WorkflowRun failed = result.workflowRuns().stream().filter(r -> r.statistics().failedActions() > 0)
                .findFirst().orElseThrow();

        // WHEN its partition's ingest-orders cell is clicked
        ReportPage clicked = run(Files.readString(page), "var cell = document.evaluate('//table[@class=\"grid\"]"
                + "//th[text()=\"" + failed.partitionId() + "\"]/../td[2]', document, null, 9, null)"
                + ".singleNodeValue; cell.dispatchEvent(new MouseEvent('click', {bubbles: true}));", dir);

        // THEN the graph, the run's details, its table row and its grid row are those of that run
        assertThat(clicked.graphStates()).isEqualTo(ReportInChromiumTest.expectedStates(workflow, failed))
                .containsEntry("JOB:ingest-orders", "FAILED");
        assertThat(clicked.html).contains("Graph of <span class=\"chosen-run\">partition " + failed.partitionId()
                + "</span>").contains("<dt class=\"hot\">FailedActions</dt><dd class=\"hot\">1</dd>");
        assertThat(clicked.elements("tr", "chosen")).extracting(r -> r.get("data-run-id"))
                .containsExactly(failed.workflowRunId());
        assertThat(clicked.gridRows()).filteredOn(row -> "true".equals(row.attributes().get("aria-current")))
                .extracting(ReportPage.GridRow::partition).containsExactly(failed.partitionId());
    }

    @Test
    void keys_shouldMoveFromCellToCellAndEnterOpenTheFocusedCellsRun(@TempDir Path dir) throws IOException {
        // WHEN the grid's one tab stop is focused, then Down twice, Right and Enter are pressed
        ReportPage pressed = run(Files.readString(page), "document.querySelector('table.grid td[tabindex=\"0\"]')"
                + ".focus(); ['ArrowDown', 'ArrowDown', 'ArrowRight', 'Enter'].forEach(function (key) {"
                + " document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: key, bubbles: true}));"
                + " }); document.documentElement.setAttribute('data-focused', document.activeElement.parentNode"
                + ".querySelector('th').textContent + ' ' + document.activeElement.cellIndex);", dir);

        // THEN the third partition's first job cell has the focus, is the one tab stop, and its run is drawn
        ReportPage.GridRow third = pressed.gridRows().get(2);
        assertThat(pressed.rootAttribute("data-focused")).isEqualTo(third.partition() + " 2");
        assertThat(pressed.elements("td", null)).filteredOn(td -> "0".equals(td.get("tabindex"))).hasSize(1);
        WorkflowRun run = example.runs().get(third.run());
        assertThat(pressed.graphStates()).isEqualTo(ReportInChromiumTest.expectedStates(workflow, run));
        assertThat(pressed.elements("tr", "chosen")).extracting(r -> r.get("data-run-id"))
                .containsExactly(run.workflowRunId());
    }

    @Test
    void keys_shouldMoveAcrossTheBlocksOfALongGrid(@TempDir Path dir) throws IOException {
        // GIVEN two days of hourly runs: 52 partitions, in blocks of 24
        MonthOfHourlyRuns days = new MonthOfHourlyRuns(Instant.parse("2026-10-22T00:00:00Z"), 2);
        Report report = new Report("Run report: two days", days.to(), days.from, days.to(), List.of(
                WorkflowReport.of(days.history().withPartitions(days.slots(), days.to()), null)));

        // WHEN Page Down three times and Down once from the grid's first cell, then Enter
        ReportPage pressed = run(new ReportRenderer().render(report), "document.querySelector('table.grid "
                + "td[tabindex=\"0\"]').focus(); ['PageDown', 'PageDown', 'PageDown', 'ArrowDown', 'Enter']"
                + ".forEach(function (key) { document.activeElement.dispatchEvent(new KeyboardEvent('keydown', "
                + "{key: key, bubbles: true})); }); document.documentElement.setAttribute('data-focused', "
                + "document.activeElement.parentNode.querySelector('th').textContent);", dir);

        // THEN the 32nd partition, in the second block, has the focus and its run is drawn
        List<ReportPage.GridRow> rows = pressed.gridRows();
        assertThat(rows).hasSize(52);
        assertThat(pressed.elements("table", "grid")).hasSize(1 + 3);
        ReportPage.GridRow row = rows.get(31);
        assertThat(pressed.rootAttribute("data-focused")).isEqualTo(row.partition());
        assertThat(pressed.html).contains("Graph of <span class=\"chosen-run\">partition " + row.partition()
                + "</span>");
        assertThat(rows).filteredOn(r -> "true".equals(r.attributes().get("aria-current")))
                .extracting(ReportPage.GridRow::partition).containsExactly(row.partition());
    }

    @Test
    void hoverOverAGridCell_shouldShowItsJobRun(@TempDir Path dir) throws IOException {
        // GIVEN the failed job run of the scenario
        WorkflowRun failed = result.workflowRuns().stream().filter(r -> r.statistics().failedActions() > 0)
                .findFirst().orElseThrow();
        String jobRunId = failed.actions().values().stream().filter(a -> a.name().equals("ingest-orders"))
                .findFirst().orElseThrow().jobRunId();

        // WHEN the pointer moves onto its cell
        ReportPage hovered = run(Files.readString(page), "var cell = document.evaluate('//table[@class=\"grid\"]"
                + "//th[text()=\"" + failed.partitionId() + "\"]/../td[2]', document, null, 9, null)"
                + ".singleNodeValue; var box = cell.getBoundingClientRect(); cell.dispatchEvent(new MouseEvent("
                + "'mousemove', {bubbles: true, clientX: box.left + 1, clientY: box.top + 1}));", dir);

        // THEN the timeline's tooltip of that job run is shown
        Map<String, String> tip = hovered.elements("div", "tip").get(0);
        assertThat(tip).doesNotContainKey("hidden").containsEntry("data-workflow", "sales-hourly");
        assertThat(hovered.html).contains("<dd>" + jobRunId + "</dd>", "<span>  ✗ failed</span>");
    }

    @Test
    void everyPartitionState_shouldBeDrawnAndShownInTheScreenshot(@TempDir Path dir) throws IOException {
        // GIVEN
        EveryPartitionState fixture = new EveryPartitionState();
        Report report = fixture.report();
        PartitionGrid grid = report.workflows().get(0).partitions();
        String html = new ReportRenderer().render(report);
        Path file = ReportInChromiumTest.OUTPUT.resolve("report-partitions.html");
        Files.writeString(file, html);

        // WHEN
        ReportPage every = run(html, "document.documentElement.setAttribute('data-partitions-bottom', String("
                + "Math.ceil(window.scrollY + document.querySelector('.partitions').getBoundingClientRect().bottom)"
                + " + 16));", dir);

        // THEN every partition is a row in its state; only those with a run have cells, as their runs recorded
        List<ReportPage.GridRow> rows = every.gridRows();
        assertThat(rows).extracting(ReportPage.GridRow::partition, ReportPage.GridRow::state)
                .containsExactlyElementsOf(grid.partitions().stream().map(p -> tuple(p.partitionId(),
                        p.state().name())).toList());
        assertThat(rows).extracting(ReportPage.GridRow::state).contains("MISSING", "NOT_DUE", "QUEUED", "STOPPED");
        for (int i = 0; i < rows.size(); i++) {
            PartitionHealth partition = grid.partitions().get(i);
            WorkflowRun run = fixture.runs.stream().filter(r -> r.partitionId().equals(partition.partitionId()))
                    .findFirst().orElse(null);
            List<String> expected = every.gridJobs().stream()
                    .map(job -> run == null ? "" : PartitionsSectionTest.recordedState(run, job)).toList();
            assertThat(rows.get(i).cells()).as(partition.partitionId()).isEqualTo(expected);
        }

        // WHEN the top of the page down to the grid is taken
        int height = Integer.parseInt(every.rootAttribute("data-partitions-bottom"));
        Path png = ReportInChromiumTest.OUTPUT.resolve("report-partitions.png");
        Chromium.screenshot(file, null, WIDTH, height, png);

        // THEN
        try (DataInputStream in = new DataInputStream(Files.newInputStream(png))) {
            assertThat(in.readLong()).as("PNG signature").isEqualTo(0x89504E470D0A1A0AL);
            in.readInt();
            assertThat(in.readInt()).as("IHDR").isEqualTo(0x49484452);
            assertThat(in.readInt()).as("width").isEqualTo(WIDTH);
            assertThat(in.readInt()).as("height").isEqualTo(height);
        }
    }

    /** The DOM after {@code script} ran on the drawn page {@code html}. */
    private static ReportPage run(String html, String script, Path dir) throws IOException {
        Path file = dir.resolve("scripted.html");
        Files.writeString(file, html.replace("</body>", "<script>(function () { " + script + " }());</script>"
                + "</body>"));
        return new ReportPage(Chromium.dumpDom(file, null, WIDTH, 900));
    }

    /** Every job the workflow's triggers start, once, in the order of the triggers and their actions. */
    private static List<String> jobsOf(WorkflowDefinition workflow) {
        Set<String> jobs = new LinkedHashSet<>();
        for (Trigger trigger : workflow.triggers()) {
            for (Action action : trigger.actions()) {
                if (action.type() == NodeType.JOB) {
                    jobs.add(action.name());
                }
            }
        }
        return new ArrayList<>(jobs);
    }
}
