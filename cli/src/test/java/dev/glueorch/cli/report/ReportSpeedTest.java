package dev.glueorch.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.model.NodeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A report over 30 days of hourly runs of a 10-job pipeline, its partitions' grid included (724 partitions × 10
 * jobs), is under 5 MB and draws every bar and every cell in headless Chromium. The time it takes to draw (navigation
 * start to the page laid out, timed by the page itself) is measured against a floor taken in the same run, the same
 * report without its partitions, each drawn {@value #ROUNDS} times in turn and compared by their medians; the figures
 * are printed to {@code target/report-figures.txt}. Only a grid that doubled the floor fails: a busy 2-core machine
 * moves both by seconds, but moves them alike.
 */
class ReportSpeedTest {

    private static final long MAX_BYTES = 5L * 1024 * 1024;
    private static final int ROUNDS = 3;
    /**
     * The HTML a grid cell may take on average, its share of its row (partition, state, run) and of its block
     * included: the cell itself is its state's class, icon and word, under 50 bytes.
     */
    private static final int MAX_BYTES_PER_CELL = 80;

    @Test
    void thirtyDaysOfHourlyRunsOfTenJobs_shouldBeUnder5MegabytesAndDrawEveryBarAndCell() throws IOException {
        // GIVEN 720 hourly runs of a ten-job pipeline, with and without the grid of their partitions
        MonthOfHourlyRuns month = new MonthOfHourlyRuns(Instant.parse("2026-10-22T00:00:00Z"));
        WorkflowReport workflow = WorkflowReport.of(month.history().withPartitions(month.slots(), month.to()), null);
        WorkflowReport floor = WorkflowReport.of(month.history(), null);
        assertThat(workflow.runs()).hasSize(720);
        assertThat(workflow.partitions().jobs()).hasSize(10);
        int partitions = workflow.partitions().partitions().size();
        int cells = partitions * workflow.partitions().jobs().size();

        // WHEN
        byte[] html = write(workflow, month, "report-30-days.html");
        byte[] floorHtml = write(floor, month, "report-30-days-floor.html");
        List<Long> times = new ArrayList<>();
        List<Long> floorTimes = new ArrayList<>();
        ReportPage drawn = null;
        for (int round = 0; round < ROUNDS; round++) {
            ReportPage floorDrawn = draw("report-30-days-floor.html");
            floorTimes.add(Long.parseLong(floorDrawn.rootAttribute("data-render-ms")));
            drawn = draw("report-30-days.html");
            times.add(Long.parseLong(drawn.rootAttribute("data-render-ms")));
        }

        // THEN every job run, crawl and cell is drawn, within the bounds
        long renderMs = median(times);
        long floorMs = median(floorTimes);
        long jobRuns = workflow.bars().stream().filter(b -> b.action().type() == NodeType.JOB).count();
        long gridBytes = html.length - floorHtml.length;
        String figures = String.format("30 days x hourly x 10 jobs: %d workflow runs, %d job runs, %d crawls, "
                        + "%d partitions (%d cells), %,d bytes (%.2f MB), drawn in %d ms in headless Chromium "
                        + "(median of %d, %s); floor (the same report without its partitions): %,d bytes, %d ms %s; "
                        + "the partitions add %,d bytes (%.1f per cell) and %+d ms (x%.2f)%n",
                workflow.runs().size(), jobRuns, workflow.bars().size() - jobRuns, partitions, cells, html.length,
                html.length / 1024.0 / 1024.0, renderMs, ROUNDS, times, floorHtml.length, floorMs, floorTimes,
                gridBytes, (double) gridBytes / cells, renderMs - floorMs, (double) renderMs / floorMs);
        System.out.print(figures);
        Files.writeString(Path.of("target/report-figures.txt"), figures);
        assertThat(drawn.elements("rect", "bar")).hasSize(workflow.bars().size());
        assertThat(drawn.gridRows()).hasSize(partitions)
                .allSatisfy(row -> assertThat(row.cells()).hasSize(workflow.partitions().jobs().size()));
        assertThat(html.length).isLessThan((int) MAX_BYTES);
        assertThat(gridBytes / cells).as("bytes per cell").isLessThan(MAX_BYTES_PER_CELL);
        assertThat(floorMs).as("the page timed its own drawing").isPositive();
        assertThat(renderMs).as("drawn with its partitions, against the floor of %d ms", floorMs)
                .isLessThan(2 * floorMs);
    }

    private static byte[] write(WorkflowReport workflow, MonthOfHourlyRuns month, String name) throws IOException {
        byte[] html = new ReportRenderer().render(new Report("Run report: lakehouse-hourly, 30 days", month.to(),
                month.from, month.to(), List.of(workflow))).getBytes(StandardCharsets.UTF_8);
        Path page = ReportInChromiumTest.OUTPUT.resolve(name);
        Files.createDirectories(page.getParent());
        Files.write(page, html);
        return html;
    }

    private static ReportPage draw(String name) {
        return new ReportPage(Chromium.dumpDom(ReportInChromiumTest.OUTPUT.resolve(name), null, 1280, 900));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
