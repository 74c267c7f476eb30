package dev.glueorch.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.cli.ExitStatus;
import dev.glueorch.cli.GlueOrch;
import dev.glueorch.cli.ops.Deployment;
import dev.glueorch.cli.ops.Deployment.Result;
import dev.glueorch.cli.ops.Deployments;
import dev.glueorch.model.JobRunState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code glueorch report} on a deployed orchestrator's table (DynamoDB Local; Glue in moto). */
@ExtendWith(Deployments.class)
class ReportCommandTest {

    private final Deployment deployment;
    private String failedRun;
    private String laterRun;
    @TempDir
    Path dir;

    ReportCommandTest(Deployment deployment) {
        this.deployment = deployment;
    }

    @BeforeEach
    void runTwoPartitions() {
        // GIVEN a run whose ingest of orders failed (the alert job started), then one whose ingests succeeded
        failedRun = deployment.startRun("--partition", "2026-11-21T13");
        deployment.jobRunEnded(failedRun, "ingest-orders", JobRunState.FAILED);
        deployment.jobRunEnded(failedRun, "ingest-payments", JobRunState.SUCCEEDED);
        laterRun = deployment.startRun("--partition", "2026-11-21T14");
        deployment.jobRunEnded(laterRun, "ingest-orders", JobRunState.SUCCEEDED);
        deployment.jobRunEnded(laterRun, "ingest-payments", JobRunState.SUCCEEDED);
    }

    @Test
    void reportSince_shouldDrawTheRunsOfThePeriodAndTheLatestRunsGraph() {
        // WHEN
        Path file = dir.resolve("report.html");
        Result result = deployment.glueorch("report", Deployment.WORKFLOW, "--since", "1h", "--out", file.toString());

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("report written to " + file, "2 workflow run(s)");
        ReportPage page = ReportPage.read(file);
        assertThat(page.elements("tr", "run")).extracting(r -> r.get("data-run-id"))
                .containsExactly(failedRun, laterRun);
        assertThat(page.graphStates()).containsEntry("JOB:ingest-orders", "SUCCEEDED")
                .containsEntry("TRIGGER:sales-join", "FIRED").containsEntry("TRIGGER:sales-alert", "NOT_FIRED")
                .containsEntry("JOB:load-sales", "NOT_RUN");
        assertThat(barStates(page)).isEqualTo(recordedStates(failedRun, laterRun));
    }

    @Test
    void reportSince_shouldShowThePeriodsPartitionsAsGlueorchPartitionsDoes() {
        // WHEN the last hour is reported, between two calls of glueorch partitions over the same hour
        Path file = dir.resolve("report.html");
        Result before = deployment.glueorch("partitions", Deployment.WORKFLOW, "--since", "1h", "--output", "json");
        Result result = deployment.glueorch("report", Deployment.WORKFLOW, "--since", "1h", "--out", file.toString());
        Result after = deployment.glueorch("partitions", Deployment.WORKFLOW, "--since", "1h", "--output", "json");

        // THEN the same partitions in the same states: the hour's slot passed without a run, the next is to come,
        // and the runs of the week-old partitions are not the period's
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> shown = ReportPage.read(file).gridRows().stream().map(row -> row.partition() + " "
                + row.state() + " " + row.run()).toList();
        // the hour turns between two of the three calls at most once: one of the others saw the report's hour
        List<String> listed = partitions(before).get(0).equals(shown.get(0)) ? partitions(before)
                : partitions(after);
        assertThat(shown).isEqualTo(listed).hasSizeGreaterThanOrEqualTo(2);
        assertThat(shown.get(0)).endsWith(" NOT_DUE null");
        assertThat(shown.subList(1, shown.size())).allMatch(row -> row.endsWith(" MISSING null"));
    }

    @Test
    void reportOfARun_shouldDrawThatRunOnly() {
        // WHEN
        Path file = dir.resolve("run.html");
        Result result = deployment.glueorch("report", Deployment.WORKFLOW, "--run", failedRun, "--out",
                file.toString());

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        ReportPage page = ReportPage.read(file);
        assertThat(page.graphStates()).containsEntry("JOB:ingest-orders", "FAILED")
                .containsEntry("TRIGGER:sales-alert", "FIRED").containsEntry("TRIGGER:sales-join", "NOT_FIRED");
        assertThat(barStates(page)).isEqualTo(recordedStates(failedRun));
        assertThat(page.gridRows()).as("one run has no period of partitions").isEmpty();
    }

    @Test
    void notifications_shouldBeDerivedFromTheRunsAndSaySo() {
        // WHEN
        Path file = dir.resolve("report.html");
        deployment.glueorch("report", Deployment.WORKFLOW, "--out", file.toString());

        // THEN the failed ingest is the one notification, and the page says where it comes from
        String failedJobRun = deployment.store.run(Deployment.WORKFLOW, failedRun).orElseThrow().actions().values()
                .stream().filter(a -> a.name().equals("ingest-orders")).findFirst().orElseThrow().jobRunId();
        ReportPage page = ReportPage.read(file);
        assertThat(page.elements("tr", null)).filteredOn(r -> r.containsKey("data-kind"))
                .extracting(r -> r.get("data-kind") + " " + r.get("data-job-run-id"))
                .containsExactly("RUN_FAILED " + failedJobRun);
        assertThat(page.html).contains("derived from the runs: the orchestrator's table keeps only a marker");
    }

    @Test
    void unknownWorkflowOrRun_shouldFailNamingIt() {
        // WHEN
        Result workflow = deployment.glueorch("report", "no-such-workflow", "--out", dir.resolve("a.html")
                .toString());
        Result run = deployment.glueorch("report", Deployment.WORKFLOW, "--run", "wr_missing", "--out",
                dir.resolve("b.html").toString());

        // THEN
        assertThat(workflow.exitCode()).isEqualTo(ExitStatus.FAILED);
        assertThat(workflow.err()).contains("no-such-workflow");
        assertThat(run.exitCode()).isEqualTo(ExitStatus.FAILED);
        assertThat(run.err()).contains("wr_missing").contains("runs list");
        assertThat(dir.resolve("a.html")).doesNotExist();
    }

    @Test
    void badUsage_shouldNameTheOptionAndTheFix() {
        // WHEN
        Result both = deployment.glueorch("report", Deployment.WORKFLOW, "--since", "1h", "--run", failedRun,
                "--out", dir.resolve("a.html").toString());
        Result noFolder = deployment.glueorch("report", Deployment.WORKFLOW, "--out",
                dir.resolve("missing/report.html").toString());
        Result badSince = deployment.glueorch("report", Deployment.WORKFLOW, "--since", "yesterday", "--out",
                dir.resolve("a.html").toString());
        Result noOut = deployment.glueorch("report", Deployment.WORKFLOW);

        // THEN
        assertThat(both.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(both.err()).contains("--since", "--run", "mutually exclusive");
        assertThat(noFolder.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(noFolder.err()).contains("--out", "does not exist", "create it");
        assertThat(badSince.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(badSince.err()).contains("yesterday", "24h");
        assertThat(noOut.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(noOut.err()).contains("--out");
    }

    @Test
    void help_shouldDescribeTheReportItsOptionsAndExitCodes() {
        // WHEN
        StringWriter out = new StringWriter();
        int code = GlueOrch.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "report",
                "--help");

        // THEN
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Usage: glueorch report").contains("WORKFLOW", "--since=AGE|TIME",
                "--run=RUN_ID", "--out=FILE", "--table-name=TABLE", "--region=REGION", "Exit codes:");
    }

    /** {@code partition STATE null} per partition glueorch partitions listed (none of them has a run here). */
    private static List<String> partitions(Result listed) {
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        List<String> rows = new ArrayList<>();
        listed.json().get("Partitions").forEach(p -> rows.add(p.get("Partition").asText() + " "
                + p.get("State").asText() + " " + (p.get("RunId").isNull() ? "null" : p.get("RunId").asText())));
        return rows;
    }

    /** The state of each job run drawn (by JobRunId), from the page's timeline data. */
    private static Map<String, String> barStates(ReportPage page) {
        Map<String, String> states = new LinkedHashMap<>();
        page.data().get("bars").forEach(bar -> states.put(bar.get(5).asText(),
                page.data().get("states").get(bar.get(4).asInt()).get(0).asText()));
        return states;
    }

    private Map<String, String> recordedStates(String... runIds) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String runId : runIds) {
            deployment.store.run(Deployment.WORKFLOW, runId).orElseThrow().actions().values()
                    .forEach(a -> states.put(a.jobRunId(), a.state().name()));
        }
        return states;
    }
}
