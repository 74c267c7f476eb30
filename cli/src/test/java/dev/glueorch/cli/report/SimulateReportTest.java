package dev.glueorch.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.ExitStatus;
import dev.glueorch.cli.GlueOrch;
import dev.glueorch.testing.Resources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glueorch simulate ... --report FILE}. */
class SimulateReportTest {

    private static final Path EXAMPLE = Resources.exampleWorkflows();

    @Test
    void simulateWithReport_shouldWriteTheReportOfTheSimulationAndKeepItsOutput(@TempDir Path dir)
            throws IOException {
        // WHEN
        Path file = dir.resolve("example.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlueOrch.run(new PrintWriter(out, true), new PrintWriter(err, true), "simulate", "--workflows",
                EXAMPLE.toString(), "--scenario", EXAMPLE.resolve("sales-hourly.scenario.json").toString(),
                "--output", "json", "--report", file.toString());

        // THEN stdout is still the simulation's JSON, and the report holds what it says
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("report written to " + file);
        JsonNode simulated = new ObjectMapper().readTree(out.toString());
        ReportPage page = ReportPage.read(file);
        List<String> runIds = new ArrayList<>();
        simulated.get("workflowRuns").forEach(r -> runIds.add(r.get("WorkflowRunId").asText()));
        assertThat(page.elements("tr", "run")).extracting(r -> r.get("data-run-id")).containsExactlyElementsOf(runIds);
        List<String> jobRuns = new ArrayList<>();
        simulated.get("jobRuns").forEach(j -> jobRuns.add(j.get("Id").asText() + " " + j.get("JobRunState").asText()));
        List<String> drawn = new ArrayList<>();
        page.data().get("bars").forEach(bar -> {
            if (!bar.get(5).isNull()) {
                drawn.add(bar.get(5).asText() + " " + page.data().get("states").get(bar.get(4).asInt()).get(0)
                        .asText());
            }
        });
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(jobRuns);
        assertThat(page.elements("tr", null)).filteredOn(r -> r.containsKey("data-kind"))
                .extracting(r -> r.get("data-job-run-id"))
                .containsExactly(simulated.get("notifications").get(0).get("jobRunId").asText());
        assertThat(page.html).contains("1 notification sent by the orchestrator");
        // and the partitions, newest first, are those of the runs
        Map<String, String> runIdOf = new HashMap<>();
        page.elements("tr", "run").forEach(r -> runIdOf.put(r.get("data-run"), r.get("data-run-id")));
        List<String> gridRuns = new ArrayList<>();
        page.gridRows().forEach(row -> gridRuns.add(0, runIdOf.get(String.valueOf(row.run()))));
        assertThat(gridRuns).containsExactlyElementsOf(runIds);
    }

    @Test
    void reportInAMissingFolder_shouldBeABadUsageBeforeSimulating(@TempDir Path dir) {
        // WHEN
        StringWriter err = new StringWriter();
        int code = GlueOrch.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "simulate",
                "--workflows", EXAMPLE.toString(), "--scenario", EXAMPLE.resolve("sales-hourly.scenario.json")
                        .toString(), "--report", dir.resolve("no/such/folder/report.html").toString());

        // THEN
        assertThat(code).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(err.toString()).contains("--report", "does not exist");
    }
}
