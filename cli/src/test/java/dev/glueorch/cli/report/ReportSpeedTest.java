package dev.glueorch.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.model.NodeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A report over 30 days of hourly runs of a 10-job pipeline is under 5 MB and draws every bar in headless Chromium.
 * The time it takes to draw (navigation start to the timeline laid out, timed by the page itself) is measured and
 * printed, with the other figures, to {@code target/report-figures.txt}: a figure, not an assertion, since a busy
 * 2-core machine moves it by seconds.
 */
class ReportSpeedTest {

    private static final long MAX_BYTES = 5L * 1024 * 1024;

    @Test
    void thirtyDaysOfHourlyRunsOfTenJobs_shouldBeUnder5MegabytesAndDrawEveryBar() throws IOException {
        // GIVEN 720 hourly runs of a ten-job pipeline
        MonthOfHourlyRuns month = new MonthOfHourlyRuns(Instant.parse("2026-10-22T00:00:00Z"));
        WorkflowReport workflow = WorkflowReport.of(month.history(), null);
        assertThat(workflow.runs()).hasSize(720);
        assertThat(workflow.graph().nodes()).filteredOn(n -> n.id().type() == NodeType.JOB)
                .hasSize(10);

        // WHEN
        byte[] html = new ReportRenderer().render(new Report("Run report: lakehouse-hourly, 30 days", month.to(),
                month.from, month.to(), List.of(workflow))).getBytes(StandardCharsets.UTF_8);
        Path page = ReportInChromiumTest.OUTPUT.resolve("report-30-days.html");
        Files.createDirectories(page.getParent());
        Files.write(page, html);
        ReportPage drawn = new ReportPage(Chromium.dumpDom(page, null, 1280, 900));

        // THEN every job run and crawl is drawn, within the size bound
        long renderMs = Long.parseLong(drawn.rootAttribute("data-render-ms"));
        long jobRuns = workflow.bars().stream().filter(b -> b.action().type() == NodeType.JOB).count();
        String figures = String.format("30 days x hourly x 10 jobs: %d workflow runs, %d job runs, %d crawls, "
                + "%,d bytes (%.2f MB), drawn in %d ms in headless Chromium%n", workflow.runs().size(), jobRuns,
                workflow.bars().size() - jobRuns, html.length, html.length / 1024.0 / 1024.0, renderMs);
        System.out.print(figures);
        Files.writeString(Path.of("target/report-figures.txt"), figures);
        assertThat(drawn.elements("rect", "bar")).hasSize(workflow.bars().size());
        assertThat(html.length).isLessThan((int) MAX_BYTES);
        assertThat(renderMs).as("the page timed its own drawing").isPositive();
    }
}
