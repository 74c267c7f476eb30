package dev.glueorch.cli.ops;

import static dev.glueorch.cli.ops.Deployment.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glueorch.cli.GlueOrch;
import dev.glueorch.cli.ops.Deployment.Result;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.Partition;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.MotoServer;
import dev.glueorch.testing.Resources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code glueorch partitions repair} against DynamoDB Local and moto, Glue's events delivered as runs go. */
@ExtendWith(Deployments.class)
class PartitionsRepairCommandTest {

    private static final String FAILED = RunIds.forPartition(WORKFLOW, "2026-11-21T13");
    private final Deployment deployment;

    PartitionsRepairCommandTest(Deployment deployment) {
        this.deployment = deployment;
    }

    /**
     * Hours 10 to 13 of 2026-11-21, a week past: 11 ran through, 13's ingest-orders failed (the alert ran), 10 and 12
     * never ran. The example without its crawler, as BackfillCommandTest: moto keeps a started crawler RUNNING.
     */
    @BeforeEach
    void aFailedAndTwoMissingPartitions() {
        String json = Resources.read(Resources.exampleWorkflows().resolve("sales-hourly.json"))
                .replace(", {\"CrawlerName\": \"catalog-sales\"}", "");
        new DynamoDbDefinitionsSource(deployment.dynamoDb, deployment.table, Clock.systemUTC(), Duration.ZERO)
                .publish(new DefinitionValidator().validateAll(Map.of("workflows/examples/hourly/sales-hourly.json",
                        json)));
        String succeeded = deployment.startRun("--partition", "2026-11-21T11");
        for (String job : new String[] {"ingest-orders", "ingest-payments", "transform-sales", "load-sales"}) {
            deployment.jobRunEnded(succeeded, job, JobRunState.SUCCEEDED);
        }
        String failed = deployment.startRun("--partition", "2026-11-21T13");
        deployment.jobRunEnded(failed, "ingest-orders", JobRunState.FAILED);
        deployment.jobRunEnded(failed, "ingest-payments", JobRunState.SUCCEEDED);
        deployment.jobRunEnded(failed, "alert-on-failure", JobRunState.SUCCEEDED);
    }

    /** Glue's events for every running action of every run, as EventBridge would deliver them. */
    private void glueReportsEverythingDone() {
        for (WorkflowRun run : deployment.store.runs(WORKFLOW)) {
            for (ActionRun action : run.actions().values()) {
                if (action.state() == JobRunState.RUNNING) {
                    deployment.jobRunEnded(run.workflowRunId(), action.name(), JobRunState.SUCCEEDED);
                }
            }
        }
    }

    @Test
    void dryRun_shouldListWhatItWouldDoAndStartNothing() {
        // WHEN
        Result result = deployment.glueorch("partitions", "repair", WORKFLOW, "--failed", "--missing", "--from",
                "2026-11-21T10", "--to", "2026-11-21T13", "--dry-run");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
                sales-hourly: repair of partitions 2026-11-21T10 to 2026-11-21T13 (dry run: nothing started)
                4 partition(s): 1 to resume, 2 to start, 0 skipped, 1 left as they are

                PARTITION      STATE    REPAIR
                2026-11-21T13  FAILED   resume %s rerunning JOB:ingest-orders and what follows them
                2026-11-21T12  MISSING  start the run its schedule slot would have started
                2026-11-21T10  MISSING  start the run its schedule slot would have started
                """.formatted(FAILED));
        assertThat(deployment.store.runs(WORKFLOW)).hasSize(2);
    }

    @Test
    void repair_shouldResumeTheFailedAndStartTheMissingOnce_andARepeatStartsNothing() throws Exception {
        // GIVEN Glue finishing runs while the command waits
        CompletableFuture<Result> repair = CompletableFuture.supplyAsync(() -> deployment.glueorch("partitions",
                "repair", WORKFLOW, "--failed", "--missing", "--from", "2026-11-21T10", "--to", "2026-11-21T13",
                "--output", "json"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!repair.isDone() && Instant.now().isBefore(deadline)) {
            glueReportsEverythingDone();
            Thread.sleep(200);
        }
        Result first = repair.get(5, TimeUnit.SECONDS);

        // THEN 13 was resumed from its failed job, 10 and 12 started, and all three succeeded
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode body = first.json();
        assertThat(body.get("DryRun").asBoolean()).isFalse();
        assertThat(body.get("Partitions").asInt()).isEqualTo(4);
        assertThat(body.get("Resumed").asInt()).isEqualTo(1);
        assertThat(body.get("Started").asInt()).isEqualTo(2);
        assertThat(body.get("AlreadyRepaired").asInt()).isZero();
        assertThat(body.get("Finished").asInt()).isEqualTo(3);
        assertThat(body.get("Repairs")).extracting(r -> r.get("Partition").asText(), r -> r.get("Repair").asText(),
                r -> r.get("RunId").asText(), r -> r.get("Result").asText()).containsExactly(
                tuple("2026-11-21T13", "RESUME", RunIds.resumeOf(WORKFLOW, FAILED), "SUCCEEDED"),
                tuple("2026-11-21T12", "START", RunIds.forPartition(WORKFLOW, "2026-11-21T12"), "SUCCEEDED"),
                tuple("2026-11-21T10", "START", RunIds.forPartition(WORKFLOW, "2026-11-21T10"), "SUCCEEDED"));
        JsonNode resumed = body.get("Repairs").get(0);
        assertThat(resumed.get("PreviousRunId").asText()).isEqualTo(FAILED);
        assertThat(resumed.get("NodeIds")).extracting(JsonNode::asText).containsExactly("JOB:ingest-orders");
        assertThat(deployment.store.run(WORKFLOW, RunIds.resumeOf(WORKFLOW, FAILED)).orElseThrow().previousRunId())
                .isEqualTo(FAILED);
        assertThat(deployment.store.runs(WORKFLOW)).hasSize(5);

        // WHEN the same repair runs again THEN it starts nothing, successfully
        Result again = deployment.glueorch("partitions", "repair", WORKFLOW, "--failed", "--missing", "--from",
                "2026-11-21T10", "--to", "2026-11-21T13");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo("""
                sales-hourly: repair of partitions 2026-11-21T10 to 2026-11-21T13
                0 resumed, 0 started, 0 already repaired, 0 skipped; 0 finished
                nothing to repair in its 4 partition(s)
                """);
        assertThat(deployment.store.runs(WORKFLOW)).hasSize(5);
    }

    @Test
    void failedPartitionThatCannotBeResumed_shouldExit1NamingIt() {
        // GIVEN 09's run ended in ERROR, which Glue does not resume
        String errored = RunIds.forPartition(WORKFLOW, "2026-11-21T09");
        Instant endedOn = Instant.parse("2026-11-21T10:30:00Z");
        deployment.store.startRun(new WorkflowRun(WORKFLOW, errored, new Partition("2026-11-21T09", Map.of(),
                Map.of()), Map.of(), endedOn.minus(Duration.ofMinutes(20)), endedOn, WorkflowRunStatus.ERROR,
                Statistics.EMPTY, "v0", Map.of(), Set.of(), Map.of(), null, null, null), null, null);

        // WHEN
        Result result = deployment.glueorch("partitions", "repair", WORKFLOW, "--failed", "--from",
                "2026-11-21T09", "--to", "2026-11-21T09", "--output", "json");

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("partition 2026-11-21T09 cannot be repaired: run " + errored + " ended in "
                + "ERROR, and Glue resumes only COMPLETED runs\n");
        assertThat(result.json().get("Repairs").get(0).get("Repair").asText()).isEqualTo("SKIP");
        assertThat(result.json().get("Skipped").asInt()).isEqualTo(1);
    }

    @Test
    void neitherFailedNorMissing_shouldBeABadUsageNamingBoth() {
        // WHEN
        Result result = deployment.glueorch("partitions", "repair", WORKFLOW, "--since", "7d");

        // THEN
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines()).containsExactly("say what to repair: --failed (resume the runs of failed "
                + "partitions), --missing (start the runs of missing ones), or both",
                "Run 'glueorch partitions repair --help' for its usage.");
    }

    @Test
    void badOptions_shouldBeBadUsages() {
        // WHEN
        Result noWorkflow = deployment.glueorch("partitions", "repair", "--failed");
        Result noConcurrency = deployment.glueorch("partitions", "repair", WORKFLOW, "--failed",
                "--max-concurrent", "0");
        Result twoPeriods = deployment.glueorch("partitions", "repair", WORKFLOW, "--failed", "--since", "7d",
                "--from", "2026-11-21T10", "--to", "2026-11-21T13");
        Result badPartition = deployment.glueorch("partitions", "repair", WORKFLOW, "--failed", "--from",
                "yesterday", "--to", "2026-11-21T13");

        // THEN
        assertThat(noWorkflow.exitCode()).isEqualTo(2);
        assertThat(noWorkflow.err()).startsWith("Missing required parameter: 'WORKFLOW'");
        assertThat(noConcurrency.exitCode()).isEqualTo(2);
        assertThat(noConcurrency.err()).startsWith("--max-concurrent must be 1 or more");
        assertThat(twoPeriods.exitCode()).isEqualTo(2);
        assertThat(badPartition.exitCode()).isEqualTo(2);
        assertThat(badPartition.err()).contains("yesterday", "yyyy-MM-ddTHH");
        assertThat(deployment.store.runs(WORKFLOW)).hasSize(2);
    }

    @Test
    void aWorkflowNamedRepair_shouldBeShownAfterDoubleDash(@TempDir Path folder) throws IOException {
        // GIVEN a partitioned workflow named like the subcommand
        Files.writeString(folder.resolve("repair.json"), """
                {"Workflow": {"Name": "repair", "Partitioning": {"Granularity": "DAY"}},
                 "Triggers": [{"Name": "repair-start", "Type": "SCHEDULED", "Schedule": "cron(0 3 * * ? *)",
                               "Actions": [{"JobName": "ingest-orders"}]}]}
                """);
        assertThat(deployment.glueorch("definitions", "publish", folder.toString()).exitCode()).isZero();

        // WHEN "--" ends the options, so that "repair" is the WORKFLOW, not the subcommand
        StringWriter out = new StringWriter();
        int code = GlueOrch.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "partitions", "--from", "2026-11-20", "--to", "2026-11-21", "--table-name", deployment.table,
                "--endpoint-url", MotoServer.shared().endpoint().toString(), "--dynamodb-endpoint-url",
                DynamoDbLocal.endpoint().toString(), "--region", "us-east-1", "--", "repair");

        // THEN its grid is shown; and "partitions repair repair" would repair it
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("repair: partitions 2026-11-20 to 2026-11-21");
    }
}
