package dev.glueorch.cli.ops;

import static dev.glueorch.cli.ops.Deployment.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glueorch.cli.ops.Deployment.Result;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.testing.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(Deployments.class)
class PartitionsCommandTest {

    private final Deployment deployment;
    private String succeeded;
    private String failed;
    private String running;

    PartitionsCommandTest(Deployment deployment) {
        this.deployment = deployment;
    }

    /**
     * Hours 10 to 14 of 2026-11-21 (a week past, so every slot passed): 11 ran through (the example without its crawler), 13's ingest-orders failed
     * (the alert ran), 14 is transforming, 10 and 12 never ran.
     */
    @BeforeEach
    void runSomePartitions() {
        withoutCrawler();
        succeeded = deployment.startRun("--partition", "2026-11-21T11");
        for (String job : new String[] {"ingest-orders", "ingest-payments", "transform-sales", "load-sales"}) {
            deployment.jobRunEnded(succeeded, job, JobRunState.SUCCEEDED);
        }
        failed = deployment.startRun("--partition", "2026-11-21T13");
        deployment.jobRunEnded(failed, "ingest-orders", JobRunState.FAILED);
        deployment.jobRunEnded(failed, "ingest-payments", JobRunState.SUCCEEDED);
        deployment.jobRunEnded(failed, "alert-on-failure", JobRunState.SUCCEEDED);
        running = deployment.startRun("--partition", "2026-11-21T14");
        deployment.jobRunEnded(running, "ingest-orders", JobRunState.SUCCEEDED);
        deployment.jobRunEnded(running, "ingest-payments", JobRunState.SUCCEEDED);
    }

    /**
     * The example without its crawler: moto's Glue answers StartCrawler so that the orchestrator waits for a tick
     * to start it, and this test runs no ticks (as BackfillCommandTest).
     */
    private void withoutCrawler() {
        String json = Resources.read(Resources.exampleWorkflows().resolve("sales-hourly.json"))
                .replace(", {\"CrawlerName\": \"catalog-sales\"}", "");
        new DynamoDbDefinitionsSource(deployment.dynamoDb, deployment.table, Clock.systemUTC(), Duration.ZERO)
                .publish(new DefinitionValidator().validateAll(Map.of("workflows/examples/hourly/sales-hourly.json",
                        json)));
    }

    @Test
    void table_shouldCountTheStatesAndShowTheGridNewestFirst() {
        // WHEN
        Result result = deployment.glueorch("partitions", WORKFLOW, "--from", "2026-11-21T10", "--to",
                "2026-11-21T14");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
                sales-hourly: partitions 2026-11-21T10 to 2026-11-21T14
                1 succeeded, 1 failed, 1 running, 2 missing

                PARTITION      STATE     1 2 3 4 5
                2026-11-21T14  RUNNING   + + > . .
                2026-11-21T13  FAILED    x + . . +
                2026-11-21T12  MISSING   ? ? ? ? ?
                2026-11-21T11  SUCCEEDED + + + + .
                2026-11-21T10  MISSING   ? ? ? ? ?

                Jobs:  1 ingest-orders  2 ingest-payments  3 transform-sales  4 load-sales
                       5 alert-on-failure
                Legend:  + succeeded  x failed  T timed out  s stopped  ! error  > running
                         w waiting  . not run  ? missing
                """);
        assertThat(result.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void json_shouldGiveEachPartitionItsStateRunAndJobs() {
        // WHEN
        Result result = deployment.glueorch("partitions", WORKFLOW, "--from", "2026-11-21T10", "--to",
                "2026-11-21T14", "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode body = result.json();
        assertThat(body.get("Workflow").asText()).isEqualTo(WORKFLOW);
        assertThat(body.get("From").asText()).isEqualTo("2026-11-21T10");
        assertThat(body.get("To").asText()).isEqualTo("2026-11-21T14");
        assertThat(body.get("Counts").get("SUCCEEDED").asInt()).isEqualTo(1);
        assertThat(body.get("Counts").get("MISSING").asInt()).isEqualTo(2);
        assertThat(body.get("Counts").get("QUEUED").asInt()).isZero();
        JsonNode partitions = body.get("Partitions");
        assertThat(partitions).extracting(p -> p.get("Partition").asText()).containsExactly("2026-11-21T14",
                "2026-11-21T13", "2026-11-21T12", "2026-11-21T11", "2026-11-21T10");
        JsonNode thirteen = partitions.get(1);
        assertThat(thirteen.get("State").asText()).isEqualTo("FAILED");
        assertThat(thirteen.get("RunId").asText()).isEqualTo(failed);
        assertThat(thirteen.get("Jobs").get("ingest-orders").asText()).isEqualTo("FAILED");
        assertThat(thirteen.get("Jobs").get("transform-sales").isNull()).isTrue();
        JsonNode twelve = partitions.get(2);
        assertThat(twelve.get("State").asText()).isEqualTo("MISSING");
        assertThat(twelve.get("RunId").isNull()).isTrue();
        assertThat(partitions.get(0).get("RunId").asText()).isEqualTo(running);
        assertThat(partitions.get(3).get("RunId").asText()).isEqualTo(succeeded);
    }

    @Test
    void since_shouldShowTheSlotsOfThePeriodAndThePartitionsWithRuns() {
        // WHEN the last 3 hours: their slots' partitions are missing, and nothing else ran in them
        Result result = deployment.glueorch("partitions", WORKFLOW, "--since", "3h", "--output", "json");

        // THEN three passed slots and the next one, not yet due
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode counts = result.json().get("Counts");
        assertThat(counts.get("MISSING").asInt()).isEqualTo(3);
        assertThat(counts.get("NOT_DUE").asInt()).isEqualTo(1);
        assertThat(result.json().get("Partitions").get(0).get("State").asText()).isEqualTo("NOT_DUE");
    }

    @Test
    void unknownWorkflow_shouldFailNamingIt() {
        // WHEN
        Result result = deployment.glueorch("partitions", "orders-daily");

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("orders-daily");
    }

    @Test
    void badPeriod_shouldBeABadUsage() {
        // WHEN
        Result badId = deployment.glueorch("partitions", WORKFLOW, "--from", "yesterday", "--to", "2026-11-21T14");
        Result backwards = deployment.glueorch("partitions", WORKFLOW, "--from", "2026-11-21T14", "--to",
                "2026-11-21T10");
        Result onlyFrom = deployment.glueorch("partitions", WORKFLOW, "--from", "2026-11-21T14");
        Result both = deployment.glueorch("partitions", WORKFLOW, "--since", "7d", "--from", "2026-11-21T10",
                "--to", "2026-11-21T14");

        // THEN
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err()).contains("yesterday").contains("yyyy-MM-ddTHH");
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(onlyFrom.exitCode()).isEqualTo(2);
        assertThat(onlyFrom.err()).contains("--to");
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void workflowWithoutPartitioning_shouldSayPartitionsNeedIt(@TempDir Path folder) throws IOException {
        // GIVEN an unpartitioned workflow is deployed
        Files.writeString(folder.resolve("ad-hoc.json"), """
                {"Workflow": {"Name": "ad-hoc"},
                 "Triggers": [{"Name": "ad-hoc-start", "Type": "ON_DEMAND",
                               "Actions": [{"JobName": "ingest-orders"}]}]}
                """);
        Result published = deployment.glueorch("definitions", "publish", folder.toString());
        assertThat(published.exitCode()).as(published.err()).isZero();

        // WHEN
        Result result = deployment.glueorch("partitions", "ad-hoc");

        // THEN
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines()).singleElement().asString().contains("ad-hoc").contains("Partitioning");
    }
}
