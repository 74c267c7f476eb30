package dev.glueorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a scenario scripts reaches the runs as Glue would end them: job timeouts, and crawls per partition. */
class SimulateOutcomesTest {

    private static final Path EXAMPLE = Path.of("..").toAbsolutePath().normalize()
            .resolve("workflows/examples/hourly");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Hourly crawls of the previous hour; what follows depends on how the crawl ended. */
    private static final String CATALOG_WORKFLOW = """
            {"Workflow": {"Name": "catalog-hourly",
                          "Partitioning": {"Granularity": "HOUR", "Offset": -1, "TimeZone": "UTC",
                                           "DayKey": "partition_0", "HourKey": "partition_1"}},
             "Triggers": [
               {"Name": "catalog-start", "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)",
                "Actions": [{"CrawlerName": "catalog-sales"}]},
               {"Name": "on-crawl-succeeded", "Type": "CONDITIONAL",
                "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS", "CrawlerName": "catalog-sales",
                                              "CrawlState": "SUCCEEDED"}]},
                "Actions": [{"JobName": "query-sales"}]},
               {"Name": "on-crawl-failed", "Type": "CONDITIONAL",
                "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS", "CrawlerName": "catalog-sales",
                                              "CrawlState": "FAILED"}]},
                "Actions": [{"JobName": "report-failed-crawl"}]},
               {"Name": "on-crawl-cancelled", "Type": "CONDITIONAL",
                "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS", "CrawlerName": "catalog-sales",
                                              "CrawlState": "CANCELLED"}]},
                "Actions": [{"JobName": "report-cancelled-crawl"}]}]}
            """;

    @TempDir
    Path dir;

    @Test
    void transformRunningPastItsActionsTimeout_shouldEndTimeoutThenAndStartTheAlert() throws IOException {
        // GIVEN transform-sales (its action's Timeout: 60) scripted to FAIL after 75 minutes in the one partition
        Path scenario = Files.writeString(dir.resolve("slow.scenario.json"), """
                {"from": "2026-11-21T00:00:00Z", "to": "2026-11-21T01:00:00Z",
                 "jobs": {"ingest-orders": {"durationMinutes": 20}, "ingest-payments": {"durationMinutes": 15},
                          "transform-sales": {"runs": {"2026-11-20T23": {"state": "FAILED", "afterMinutes": 75}}}}}
                """);

        // WHEN simulated
        JsonNode result = simulate(EXAMPLE, scenario);

        // THEN Glue ends it TIMEOUT 60 minutes after it started, at 00:20, and sales-alert fires on that TIMEOUT
        JsonNode transform = jobRun(result, "transform-sales");
        assertThat(transform.get("StartedOn").asText()).isEqualTo("2026-11-21T00:20:00Z");
        assertThat(transform.get("JobRunState").asText()).isEqualTo("TIMEOUT");
        assertThat(transform.get("CompletedOn").asText()).isEqualTo("2026-11-21T01:20:00Z");
        JsonNode alert = jobRun(result, "alert-on-failure");
        assertThat(alert.get("TriggerName").asText()).isEqualTo("sales-alert");
        assertThat(alert.get("StartedOn").asText()).isEqualTo("2026-11-21T01:20:00Z");
        assertThat(result.get("workflowRuns")).singleElement().satisfies(run ->
                assertThat(run.get("Statistics").get("TimeoutActions").asInt()).isEqualTo(1));
        assertThat(result.get("notifications")).singleElement().satisfies(n -> {
            assertThat(n.get("type").asText()).isEqualTo("Run Timed Out");
            assertThat(n.get("jobName").asText()).isEqualTo("transform-sales");
        });
    }

    @Test
    void jobsWithoutAnActionTimeout_shouldTimeOutAtTheirOwnTimeoutOrGluesDefault() throws IOException {
        // GIVEN ingest-payments with its own Timeout of 10 minutes and ingest-orders with none, both running longer
        Path scenario = Files.writeString(dir.resolve("stuck.scenario.json"), """
                {"from": "2026-11-21T00:00:00Z", "to": "2026-11-21T01:00:00Z",
                 "jobs": {"ingest-orders": {"durationMinutes": 3000},
                          "ingest-payments": {"durationMinutes": 15, "timeoutMinutes": 10}}}
                """);

        // WHEN simulated
        JsonNode result = simulate(EXAMPLE, scenario);

        // THEN payments times out after its 10 minutes, orders after Glue's default 2,880 (48 hours)
        assertThat(jobRun(result, "ingest-payments").get("CompletedOn").asText()).isEqualTo("2026-11-21T00:10:00Z");
        assertThat(jobRun(result, "ingest-payments").get("JobRunState").asText()).isEqualTo("TIMEOUT");
        assertThat(jobRun(result, "ingest-orders").get("CompletedOn").asText()).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(jobRun(result, "ingest-orders").get("JobRunState").asText()).isEqualTo("TIMEOUT");
        // nothing listens for an ingest job's TIMEOUT: the run ends with the two, transform never started
        assertThat(result.get("jobRuns")).hasSize(2);
        assertThat(result.get("workflowRuns")).singleElement().satisfies(run -> {
            assertThat(run.get("Status").asText()).isEqualTo("COMPLETED");
            assertThat(run.get("Statistics").get("TimeoutActions").asInt()).isEqualTo(2);
        });
    }

    @Test
    void crawlsScriptedPerPartition_shouldFireTheTriggersListeningForHowTheyEnded() throws IOException {
        // GIVEN three hourly crawls: the first succeeds, the second fails, the third is cancelled
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(workflows.resolve("catalog-hourly.json"), CATALOG_WORKFLOW);
        Path scenario = Files.writeString(dir.resolve("crawls.scenario.json"), """
                {"from": "2026-11-21T00:00:00Z", "to": "2026-11-21T03:00:00Z",
                 "crawlers": {"catalog-sales": {"durationMinutes": 5,
                              "runs": {"2026-11-21T00": {"state": "FAILED", "afterMinutes": 3},
                                       "2026-11-21T01": {"state": "CANCELLED", "afterMinutes": 2}}}}}
                """);

        // WHEN simulated
        JsonNode result = simulate(workflows, scenario);
        CliRun table = CliRun.of("simulate", "--workflows", workflows.toString(), "--scenario", scenario.toString());

        // THEN each run's crawl ended as scripted for its partition, and the trigger listening for that state fired
        assertThat(jobsStarted(result, "2026-11-20T23")).containsExactly("query-sales by on-crawl-succeeded");
        assertThat(jobsStarted(result, "2026-11-21T00")).containsExactly("report-failed-crawl by on-crawl-failed");
        assertThat(jobsStarted(result, "2026-11-21T01"))
                .containsExactly("report-cancelled-crawl by on-crawl-cancelled");
        // the table shows the crawls in Glue's CrawlState: the run of 00 crawled from its slot at 01:00 and Glue's
        // "Failed" event came 3 minutes later; Glue sends no event for a cancelled crawl, so the reconciler applied
        // it from GetCrawler's LastCrawl, which says it ended at 02:02
        String crawls = table.out().replaceAll(" {2,}", " ");
        assertThat(crawls).contains("partition 2026-11-20T23 COMPLETED ")
                .contains("crawler catalog-sales catalog-start SUCCEEDED 2026-11-21T00:00:00Z 2026-11-21T00:05:00Z")
                .contains("partition 2026-11-21T00 COMPLETED (1 failed) ")
                .contains("crawler catalog-sales catalog-start FAILED 2026-11-21T01:00:00Z 2026-11-21T01:03:00Z")
                .contains("crawler catalog-sales catalog-start CANCELLED 2026-11-21T02:00:00Z 2026-11-21T02:02:00Z");
        assertThat(run(result, "2026-11-21T01").get("Statistics").get("StoppedActions").asInt()).isEqualTo(1);
    }

    private static JsonNode simulate(Path workflows, Path scenario) throws IOException {
        CliRun run = CliRun.of("simulate", "--workflows", workflows.toString(), "--scenario", scenario.toString(),
                "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static JsonNode jobRun(JsonNode result, String jobName) {
        for (JsonNode jobRun : result.get("jobRuns")) {
            if (jobRun.get("JobName").asText().equals(jobName)) {
                return jobRun;
            }
        }
        throw new AssertionError("no run of " + jobName + " in " + result.get("jobRuns"));
    }

    private static JsonNode run(JsonNode result, String partition) {
        for (JsonNode run : result.get("workflowRuns")) {
            JsonNode properties = run.get("WorkflowRunProperties");
            if ((properties.get("day_partition_value").asText() + "T" + String.format("%02d",
                    properties.get("hour_partition_value").asInt())).equals(partition)) {
                return run;
            }
        }
        throw new AssertionError("no run of partition " + partition);
    }

    /** Each job run the partition's run started, with the trigger that started it. */
    private static List<String> jobsStarted(JsonNode result, String partition) {
        String runId = run(result, partition).get("WorkflowRunId").asText();
        List<String> started = new ArrayList<>();
        result.get("jobRuns").forEach(jobRun -> {
            if (jobRun.get("WorkflowRunId").asText().equals(runId)) {
                started.add(jobRun.get("JobName").asText() + " by " + jobRun.get("TriggerName").asText());
            }
        });
        return started;
    }
}
