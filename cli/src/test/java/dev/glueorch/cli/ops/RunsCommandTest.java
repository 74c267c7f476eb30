package dev.glueorch.cli.ops;

import static dev.glueorch.cli.ops.Deployment.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glueorch.cli.ExitStatus;
import dev.glueorch.cli.ops.Deployment.Result;
import dev.glueorch.model.JobRunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(Deployments.class)
class RunsCommandTest {

    /** A job moto's Glue does not have: starting it is refused with EntityNotFoundException. */
    private static final String UNKNOWN_JOB = "no-such-job";

    private final Deployment deployment;

    RunsCommandTest(Deployment deployment) {
        this.deployment = deployment;
    }

    @Test
    void start_shouldAnswerTheRunIdAndFireTheOnDemandTrigger() {
        // WHEN
        Result started = deployment.glueorch("runs", "start", WORKFLOW, "--property", "requested_by=ops",
                "--property", "env=staging", "--output", "json");

        // THEN
        assertThat(started.exitCode()).as(started.err()).isZero();
        String runId = started.json().get("RunId").asText();
        assertThat(runId).startsWith("wr_");
        JsonNode run = get(runId).get("Run");
        assertThat(run.get("Status").asText()).isEqualTo("RUNNING");
        assertThat(run.get("WorkflowRunProperties").get("requested_by").asText()).isEqualTo("ops");
        assertThat(run.get("WorkflowRunProperties").get("env").asText()).as("--property wins over the default")
                .isEqualTo("staging");
        assertThat(run.get("Statistics").get("TotalActions").asInt()).isEqualTo(2);
        assertThat(run.get("Statistics").get("RunningActions").asInt()).isEqualTo(2);
    }

    @Test
    void startWithPartition_shouldRunThatPartitionOnce() {
        // WHEN
        String runId = deployment.startRun("--partition", "2026-11-21T13");
        Result again = deployment.glueorch("runs", "start", WORKFLOW, "--partition", "2026-11-21T13");

        // THEN
        JsonNode properties = get(runId).get("Run").get("WorkflowRunProperties");
        assertThat(properties.get("day_partition_value").asText()).isEqualTo("2026-11-21");
        assertThat(properties.get("hour_partition_value").asText()).isEqualTo("13");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains(runId);
    }

    @Test
    void startWithBadPropertySyntax_shouldBeABadUsage() {
        // WHEN
        Result result = deployment.glueorch("runs", "start", WORKFLOW, "--property", "requested_by");

        // THEN
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--property").contains("requested_by");
    }

    @Test
    void startWithBadPartition_shouldBeABadInputNamingTheFormat() {
        // WHEN
        Result result = deployment.glueorch("runs", "start", WORKFLOW, "--partition", "yesterday");

        // THEN
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("yesterday").contains("yyyy-MM-ddTHH");
    }

    @Test
    void startOfUnknownWorkflow_shouldFailNamingIt() {
        // WHEN
        Result result = deployment.glueorch("runs", "start", "orders-daily");

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("orders-daily");
    }

    @Test
    void getOfUnknownRun_shouldFailNamingIt() {
        // WHEN
        Result result = deployment.glueorch("runs", "get", WORKFLOW, "wr_unknown");

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("wr_unknown").contains(WORKFLOW);
    }

    @Test
    void getWithIncludeGraph_shouldCarryTheRunsJobRunsOnTheirJobNodes() {
        // GIVEN the two ingest jobs succeeded, so the join started the transform
        String runId = deployment.startRun("--partition", "2026-11-21T13");
        deployment.jobRunEnded(runId, "ingest-orders", JobRunState.SUCCEEDED);
        deployment.jobRunEnded(runId, "ingest-payments", JobRunState.SUCCEEDED);

        // WHEN
        Result result = deployment.glueorch("runs", "get", WORKFLOW, runId, "--include-graph", "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode graph = result.json().get("Run").get("Graph");
        JsonNode transform = node(graph, "transform-sales").get("JobDetails").get("JobRuns");
        assertThat(transform).singleElement().satisfies(jobRun -> {
            assertThat(jobRun.get("Id").asText()).startsWith("jr_");
            assertThat(jobRun.get("TriggerName").asText()).isEqualTo("sales-join");
            assertThat(jobRun.get("JobRunState").asText()).isEqualTo("RUNNING");
            assertThat(jobRun.get("Arguments").get("--target").asText())
                    .isEqualTo("s3://example-lake/sales/2026-11-21/13");
            List<String> predecessors = new ArrayList<>();
            jobRun.get("PredecessorRuns").forEach(p -> predecessors.add(p.get("JobName").asText()));
            assertThat(predecessors).containsExactlyInAnyOrder("ingest-orders", "ingest-payments");
        });
        assertThat(node(graph, "ingest-orders").get("JobDetails").get("JobRuns").get(0).get("JobRunState").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(node(graph, "load-sales").get("JobDetails").get("JobRuns")).isEmpty();
        assertThat(node(graph, "catalog-sales").get("CrawlerDetails").get("Crawls")).isEmpty();
    }

    @Test
    void getAsTable_shouldShowStatisticsAndOneActionPerRow() {
        // GIVEN
        String runId = deployment.startRun();
        deployment.jobRunEnded(runId, "ingest-orders", JobRunState.FAILED);

        // WHEN
        Result result = deployment.glueorch("runs", "get", WORKFLOW, runId);

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).contains("  actions: 3 total, 0 succeeded, 1 failed, 0 timed out, "
                + "0 stopped, 0 errored, 2 running, 0 waiting");
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line)
                .matches("  job ingest-orders +sales-on-demand +FAILED .* jr_\\w+ +ingest-orders broke"));
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line)
                .matches("  job alert-on-failure +sales-alert +RUNNING .*"));
    }

    @Test
    void list_shouldAnswerGetWorkflowRunsNewestFirstPageByPage() {
        // GIVEN
        String first = deployment.startRun();
        String second = deployment.startRun();

        // WHEN
        Result page1 = deployment.glueorch("runs", "list", WORKFLOW, "--max-results", "1", "--output", "json");
        List<String> following = new ArrayList<>();
        JsonNode page = page1.json();
        while (page.has("NextToken")) {
            page = deployment.glueorch("runs", "list", WORKFLOW, "--max-results", "1", "--next-token",
                    page.get("NextToken").asText(), "--output", "json").json();
            following.addAll(ids(page));
        }

        // THEN
        assertThat(page1.exitCode()).as(page1.err()).isZero();
        assertThat(ids(page1.json())).containsExactly(second);
        assertThat(following).containsExactly(first);
    }

    @Test
    void listWithFilters_shouldKeepOnlyTheMatchingRuns() {
        // GIVEN one stopped run and one running
        String stopped = deployment.startRun();
        deployment.glueorch("runs", "stop", WORKFLOW, stopped);
        deployment.jobRunEnded(stopped, "ingest-orders", JobRunState.STOPPED);
        deployment.jobRunEnded(stopped, "ingest-payments", JobRunState.STOPPED);
        String running = deployment.startRun();

        // WHEN
        Result byStatus = deployment.glueorch("runs", "list", WORKFLOW, "--status", "RUNNING", "--output", "json");
        Result recent = deployment.glueorch("runs", "list", WORKFLOW, "--since", "1h", "--output", "json");
        Result future = deployment.glueorch("runs", "list", WORKFLOW, "--since", "2999-01-01", "--output", "json");

        // THEN
        assertThat(ids(byStatus.json())).containsExactly(running);
        assertThat(ids(recent.json())).containsExactly(running, stopped);
        assertThat(ids(future.json())).isEmpty();
    }

    @Test
    void listWithBadSince_shouldBeABadUsage() {
        // WHEN
        Result result = deployment.glueorch("runs", "list", WORKFLOW, "--since", "yesterday");

        // THEN
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'yesterday' is neither an age");
    }

    @Test
    void listAsTable_shouldShowOneRunPerRowAndHowToGetMore() {
        // GIVEN
        deployment.startRun();
        String latest = deployment.startRun();

        // WHEN
        Result result = deployment.glueorch("runs", "list", WORKFLOW, "--max-results", "1");

        // THEN
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("RUN ID").contains("STATUS");
        assertThat(lines.get(1)).startsWith(latest).contains("RUNNING");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("more: add --next-token "));
    }

    @Test
    void properties_shouldPutThenAnswerGetWorkflowRunProperties() {
        // GIVEN
        String runId = deployment.startRun();

        // WHEN
        Result put = deployment.glueorch("runs", "properties", WORKFLOW, runId, "--set", "approved=yes",
                "--output", "json");
        Result get = deployment.glueorch("runs", "properties", WORKFLOW, runId, "--output", "json");

        // THEN
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(put.json()).isEqualTo(get.json());
        JsonNode properties = get.json().get("RunProperties");
        assertThat(properties.get("approved").asText()).isEqualTo("yes");
        assertThat(properties.get("lake").asText()).isEqualTo("s3://example-lake");
    }

    @Test
    void propertiesWithBadSetSyntax_shouldBeABadUsage() {
        // GIVEN
        String runId = deployment.startRun();

        // WHEN
        Result result = deployment.glueorch("runs", "properties", WORKFLOW, runId, "--set", "approved");

        // THEN
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void stop_shouldAnswerAnEmptyResponseAndStopTheRunOnceItsJobsEnded() {
        // GIVEN
        String runId = deployment.startRun();

        // WHEN
        Result stop = deployment.glueorch("runs", "stop", WORKFLOW, runId, "--output", "json");
        String statusWhileJobsRun = get(runId).get("Run").get("Status").asText();
        deployment.jobRunEnded(runId, "ingest-orders", JobRunState.STOPPED);
        deployment.jobRunEnded(runId, "ingest-payments", JobRunState.STOPPED);

        // THEN
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.json()).isEmpty();
        assertThat(statusWhileJobsRun).isEqualTo("STOPPING");
        JsonNode run = get(runId).get("Run");
        assertThat(run.get("Status").asText()).isEqualTo("STOPPED");
        assertThat(run.get("Statistics").get("StoppedActions").asInt()).isEqualTo(2);
    }

    @Test
    void stopOfAFinishedRun_shouldFailSayingItIsNotRunning() {
        // GIVEN a run whose ingest failed and whose alert job then succeeded: COMPLETED
        String runId = deployment.startRun();
        deployment.jobRunEnded(runId, "ingest-orders", JobRunState.FAILED);
        deployment.jobRunEnded(runId, "ingest-payments", JobRunState.SUCCEEDED);
        deployment.jobRunEnded(runId, "alert-on-failure", JobRunState.SUCCEEDED);
        assertThat(get(runId).get("Run").get("Status").asText()).isEqualTo("COMPLETED");

        // WHEN
        Result result = deployment.glueorch("runs", "stop", WORKFLOW, runId);

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(runId).contains("COMPLETED").contains("not RUNNING");
    }

    @Test
    void startWhereGlueRefusedEveryAction_shouldListEachRefusalAndExit1(@TempDir Path dir) throws IOException {
        // GIVEN the workflow's only ON_DEMAND trigger starts a job Glue does not have
        putTrigger(dir, "{\"Name\": \"" + Deployment.ON_DEMAND_TRIGGER + "\", \"WorkflowName\": \"" + WORKFLOW + "\", "
                + "\"Type\": \"ON_DEMAND\", \"Actions\": [{\"JobName\": \"" + UNKNOWN_JOB + "\"}]}");

        // WHEN
        Result result = deployment.glueorch("runs", "start", WORKFLOW);

        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitStatus.FAILED);
        assertThat(result.out()).containsPattern("started workflow run wr_\\S+ of " + WORKFLOW
                + ": COMPLETED \\(1 errored\\)");
        assertThat(result.err().lines()).anySatisfy(line -> assertThat(line).startsWith("job " + UNKNOWN_JOB
                + " (trigger " + Deployment.ON_DEMAND_TRIGGER + "): Glue refused to start it: ")
                .containsIgnoringCase("not found"));
        assertThat(result.err()).containsPattern("workflow run wr_\\S+ of " + WORKFLOW + " started none of its 1 "
                + "action\\(s\\)");
    }

    @Test
    void startWhereGlueRefusedSomeActions_shouldListTheRefusedAndExit0(@TempDir Path dir) throws IOException {
        // GIVEN a second ON_DEMAND trigger whose job Glue does not have, beside the one whose jobs it has
        putTrigger(dir, "{\"Name\": \"sales-missing\", \"WorkflowName\": \"" + WORKFLOW + "\", "
                + "\"Type\": \"ON_DEMAND\", \"Actions\": [{\"JobName\": \"" + UNKNOWN_JOB + "\"}]}");

        // WHEN
        Result result = deployment.glueorch("runs", "start", WORKFLOW, "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("RunId").asText()).startsWith("wr_");
        assertThat(result.err()).startsWith("job " + UNKNOWN_JOB + " (trigger sales-missing): Glue refused to start "
                + "it: ").hasLineCount(1);
    }

    /** Publishes a trigger with {@code triggers put}, as an operator would. */
    private void putTrigger(Path dir, String json) throws IOException {
        Path file = Files.writeString(dir.resolve("trigger.json"), json);
        Result put = deployment.glueorch("triggers", "put", file.toString());
        assertThat(put.exitCode()).as(put.err()).isZero();
    }

    private JsonNode get(String runId) {
        Result result = deployment.glueorch("runs", "get", WORKFLOW, runId, "--output", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.json();
    }

    private static List<String> ids(JsonNode runs) {
        List<String> ids = new ArrayList<>();
        runs.get("Runs").forEach(run -> ids.add(run.get("WorkflowRunId").asText()));
        return ids;
    }

    private static JsonNode node(JsonNode graph, String name) {
        for (JsonNode node : graph.get("Nodes")) {
            if (node.get("Name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no node " + name + " in " + graph);
    }
}
