package dev.glueorch.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code glueorch backfill} against DynamoDB Local and moto, with Glue's events delivered as runs go. */
@ExtendWith(Deployments.class)
class BackfillCommandTest {

    private final Deployment deployment;

    BackfillCommandTest(Deployment deployment) {
        this.deployment = deployment;
    }

    /**
     * The example without its crawler: moto keeps a started crawler RUNNING, and other tests on the shared server
     * start it, so a crawl here would wait for a tick this test does not run.
     */
    @org.junit.jupiter.api.BeforeEach
    void withoutCrawler() {
        String json = dev.glueorch.testing.Resources.read(dev.glueorch.testing.Resources.exampleWorkflows()
                .resolve("sales-hourly.json")).replace(", {\"CrawlerName\": \"catalog-sales\"}", "");
        new dev.glueorch.store.DynamoDbDefinitionsSource(deployment.dynamoDb, deployment.table,
                java.time.Clock.systemUTC(), Duration.ZERO).publish(new dev.glueorch.model.DefinitionValidator()
                .validateAll(java.util.Map.of("workflows/examples/hourly/sales-hourly.json", json)));
    }

    /** Glue's events for every running action of every run, as EventBridge would deliver them. */
    private void glueReportsEverythingDone() {
        for (WorkflowRun run : deployment.store.runs(Deployment.WORKFLOW)) {
            for (ActionRun action : run.actions().values()) {
                if (action.state() == JobRunState.RUNNING) {
                    if (action.type() == NodeType.JOB) {
                        deployment.jobRunEnded(run.workflowRunId(), action.name(), JobRunState.SUCCEEDED);
                    } else {
                        deployment.crawlEnded(action.name(), CrawlState.SUCCEEDED);
                    }
                }
            }
        }
    }

    @Test
    void backfill_shouldRunThePartitionAndStartNothingWhenRepeated() throws Exception {
        // GIVEN an hour to backfill, and Glue finishing runs while the command waits (the library's tests cover
        // ranges and concurrency)
        CompletableFuture<Deployment.Result> backfill = CompletableFuture.supplyAsync(() -> deployment.glueorch(
                "backfill", Deployment.WORKFLOW, "--from", "2026-11-20T22", "--to", "2026-11-20T22",
                "--max-concurrent", "2", "--output", "json"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!backfill.isDone() && Instant.now().isBefore(deadline)) {
            glueReportsEverythingDone();
            Thread.sleep(200);
        }
        Deployment.Result first = backfill.get(5, TimeUnit.SECONDS);
        // THEN the partition ran to completion
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.json().get("Partitions").asInt()).isEqualTo(1);
        assertThat(first.json().get("Started").asInt()).isEqualTo(1);
        assertThat(first.json().get("Finished").asInt()).isEqualTo(1);
        assertThat(deployment.store.runs(Deployment.WORKFLOW)).hasSize(1)
                .allSatisfy(run -> assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED));

        // WHEN the same backfill runs again THEN it starts nothing
        Deployment.Result again = deployment.glueorch("backfill", Deployment.WORKFLOW, "--from", "2026-11-20T22",
                "--to", "2026-11-20T22", "--output", "json");
        assertThat(again.exitCode()).isZero();
        assertThat(again.json().get("Started").asInt()).isZero();
        assertThat(again.json().get("AlreadyRun").asInt()).isEqualTo(1);
        assertThat(deployment.store.runs(Deployment.WORKFLOW)).hasSize(1);
    }

    @Test
    void backfill_ofABadRange_shouldExit2NamingTheFormat() {
        Deployment.Result result = deployment.glueorch("backfill", Deployment.WORKFLOW, "--from", "2026-11-20",
                "--to", "2026-11-21");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("write it as yyyy-MM-ddTHH");
    }

    @Test
    void progressBar_shouldShowDonePartitionsAndRunningOnes() {
        assertThat(BackfillCommand.bar(new dev.glueorch.engine.PartitionOperations.BackfillProgress(10, 4, 1, 2)))
                .startsWith("[#########.....................] 3/10 partitions, 2 running");
    }
}
