package dev.glueorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.RunIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("workflows/examples/hourly");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode example;

    @BeforeAll
    static void simulateTheExample() throws IOException {
        CliRun run = CliRun.of("simulate", "--workflows", EXAMPLE.toString(), "--scenario",
                EXAMPLE.resolve("sales-hourly.scenario.json").toString(), "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        example = JSON.readTree(run.out());
    }

    @Test
    void example_shouldRunOneWorkflowRunPerHourlySlotAndCompleteThemAll() {
        // six slots in [00:00, 06:00) → partitions 2026-11-20T23 .. 2026-11-21T04
        JsonNode runs = example.get("workflowRuns");
        assertThat(runs).hasSize(6);
        List<String> hours = new ArrayList<>();
        runs.forEach(run -> {
            assertThat(run.get("Status").asText()).isEqualTo("COMPLETED");
            hours.add(run.get("WorkflowRunProperties").get("hour_partition_value").asText());
            JsonNode stats = run.get("Statistics");
            int sum = 0;
            for (String counter : List.of("TimeoutActions", "FailedActions", "StoppedActions", "SucceededActions",
                    "RunningActions", "ErroredActions", "WaitingActions")) {
                sum += stats.get(counter).asInt();
            }
            assertThat(stats.get("TotalActions").asInt()).isEqualTo(sum);
        });
        assertThat(hours).containsExactly("23", "0", "1", "2", "3", "4");
        // the one failed job run of the scenario is the one notification
        assertThat(example.get("notifications")).singleElement().satisfies(n -> {
            assertThat(n.get("type").asText()).isEqualTo("Run Failed");
            assertThat(n.get("workflow").asText()).isEqualTo("sales-hourly");
            assertThat(n.get("partition").asText()).isEqualTo("2026-11-21T03");
            assertThat(n.get("jobName").asText()).isEqualTo("ingest-orders");
            assertThat(n.get("jobRunId").asText()).startsWith("jr_");
            assertThat(n.get("at").asText()).isEqualTo("2026-11-21T04:05:00Z");
        });
    }

    @Test
    void failedIngest_shouldStartTheAlertJobAndNotTheTransform() {
        JsonNode failedRun = find(example.get("workflowRuns"), "WorkflowRunProperties", "hour_partition_value", "3");
        assertThat(failedRun.get("Statistics").get("FailedActions").asInt()).isEqualTo(1);
        assertThat(failedRun.get("Statistics").get("TotalActions").asInt()).isEqualTo(3);
        List<String> jobs = new ArrayList<>();
        example.get("jobRuns").forEach(jobRun -> {
            if (jobRun.get("WorkflowRunId").asText().equals(failedRun.get("WorkflowRunId").asText())) {
                jobs.add(jobRun.get("JobName").asText() + "=" + jobRun.get("JobRunState").asText());
            }
        });
        assertThat(jobs).containsExactlyInAnyOrder("ingest-orders=FAILED", "ingest-payments=SUCCEEDED",
                "alert-on-failure=SUCCEEDED");
    }

    @Test
    void everyJobRun_shouldCarryItsRunsPartitionArgumentsAndPredecessors() {
        Map<String, JsonNode> runsById = new HashMap<>();
        example.get("workflowRuns").forEach(run -> runsById.put(run.get("WorkflowRunId").asText(), run));
        Map<String, String> jobOfRunId = new HashMap<>();
        example.get("jobRuns").forEach(jobRun -> jobOfRunId.put(jobRun.get("Id").asText(),
                jobRun.get("JobName").asText()));
        assertThat(example.get("jobRuns")).hasSize(5 * 4 + 3);
        example.get("jobRuns").forEach(jobRun -> {
            JsonNode properties = runsById.get(jobRun.get("WorkflowRunId").asText()).get("WorkflowRunProperties");
            JsonNode arguments = jobRun.get("Arguments");
            assertThat(arguments.get("--day_partition_key").asText()).isEqualTo("partition_0");
            assertThat(arguments.get("--hour_partition_key").asText()).isEqualTo("partition_1");
            assertThat(arguments.get("--day_partition_value").asText())
                    .isEqualTo(properties.get("day_partition_value").asText());
            assertThat(arguments.get("--hour_partition_value").asText())
                    .isEqualTo(properties.get("hour_partition_value").asText());
            assertThat(jobRun.get("Id").asText()).matches("jr_[0-9a-f]{64}");
            if (jobRun.get("JobName").asText().equals("transform-sales")) {
                assertThat(arguments.get("--target").asText()).isEqualTo("s3://example-lake/sales/"
                        + properties.get("day_partition_value").asText() + "/"
                        + properties.get("hour_partition_value").asText());
                List<String> predecessors = new ArrayList<>();
                jobRun.get("PredecessorRuns").forEach(p -> {
                    assertThat(jobOfRunId.get(p.get("RunId").asText())).isEqualTo(p.get("JobName").asText());
                    predecessors.add(p.get("JobName").asText());
                });
                assertThat(predecessors).containsExactlyInAnyOrder("ingest-orders", "ingest-payments");
            }
        });
    }

    @Test
    void overlappingRunsOfAJobWithOneConcurrentRun_shouldWaitAndLoseNothing(@TempDir Path dir) throws IOException {
        // GIVEN ingest-orders takes 90 minutes but Glue allows one run at a time: the next hour's start is refused
        Path scenario = dir.resolve("slow.scenario.json");
        Files.writeString(scenario, """
                {"from": "2026-11-21T00:00:00Z", "to": "2026-11-21T03:00:00Z",
                 "jobs": {"ingest-orders": {"durationMinutes": 90, "maxConcurrentRuns": 1}}}
                """);
        // WHEN simulated
        CliRun run = CliRun.of("simulate", "--workflows", EXAMPLE.toString(), "--scenario", scenario.toString(),
                "--output", "json");
        // THEN every run completes with one ingest-orders run each, started only when the previous one ended
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("workflowRuns")).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("Status").asText()).isEqualTo("COMPLETED");
            assertThat(r.get("Statistics").get("SucceededActions").asInt()).isEqualTo(5);
        });
        List<String> orderStarts = new ArrayList<>();
        result.get("jobRuns").forEach(j -> {
            if (j.get("JobName").asText().equals("ingest-orders")) {
                orderStarts.add(j.get("StartedOn").asText());
            }
        });
        assertThat(orderStarts).hasSize(3);
        assertThat(orderStarts.get(1)).isGreaterThanOrEqualTo("2026-11-21T01:30:00Z");
        assertThat(orderStarts.get(2)).isGreaterThanOrEqualTo("2026-11-21T03:00:00Z");
    }

    @Test
    void tableOutput_shouldSummariseEachRun() {
        CliRun run = CliRun.of("simulate", "--workflows", EXAMPLE.toString(), "--scenario",
                EXAMPLE.resolve("sales-hourly.scenario.json").toString());
        assertThat(run.exitCode()).isZero();
        // each run by its id, and a COMPLETED run whose action failed says so beside its status
        assertThat(run.out()).contains("sales-hourly  " + RunIds.forPartition("sales-hourly", "2026-11-21T03")
                        + "  partition 2026-11-21T03  COMPLETED (1 failed)  ")
                .contains("sales-hourly  " + RunIds.forPartition("sales-hourly", "2026-11-21T02")
                        + "  partition 2026-11-21T02  COMPLETED  ")
                .contains("actions: 3 total, 2 succeeded, 1 failed").contains("6 workflow run(s)");
    }

    @Test
    void badScenario_shouldExitWith2NamingFileAndField(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("bad.scenario.json");
        Files.writeString(scenario, """
                {"from": "2026-11-21T00:00:00Z", "to": "yesterday",
                 "jobs": {"ingest-order": {"durationMinutes": 5},
                          "ingest-payments": {"runs": {"2026-11-21T01": {"state": "RUNNING"}}}}}
                """);
        CliRun run = CliRun.of("simulate", "--workflows", EXAMPLE.toString(), "--scenario", scenario.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(scenario + ": to: 'yesterday' is not an ISO-8601 UTC time")
                .contains("jobs.ingest-order: no definition starts job 'ingest-order'")
                .contains("jobs.ingest-payments.runs.2026-11-21T01.state: must be one of");
    }

    @Test
    void runsKeysOfNoPartition_shouldExitWith2OneLineEachWithoutAStackTrace(@TempDir Path dir) throws IOException {
        // GIVEN a scripted failure for a key with a space, a full timestamp and an hour after the period
        Path scenario = dir.resolve("keys.scenario.json");
        Files.writeString(scenario, """
                {"from": "2026-11-21T00:00:00Z", "to": "2026-11-21T06:00:00Z",
                 "jobs": {"ingest-orders": {"runs": {"2026-11-21 01:00": {"state": "FAILED"},
                                                     "2026-11-21T01:00:00Z": {"state": "FAILED"},
                                                     "2026-11-21T05": {"state": "FAILED"},
                                                     "2026-11-21T03": {"state": "FAILED"}}}}}
                """);
        // WHEN it is simulated
        CliRun run = CliRun.of("simulate", "--workflows", EXAMPLE.toString(), "--scenario", scenario.toString());
        // THEN each bad key is one line naming it and the expected form; the partition of the period is accepted
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(
                scenario + ": jobs.ingest-orders.runs.2026-11-21 01:00: '2026-11-21 01:00' is not a partition id: "
                        + "workflow 'sales-hourly' writes its partitions as yyyy-MM-ddTHH (HOUR Partitioning), e.g. "
                        + "2026-11-20T23",
                scenario + ": jobs.ingest-orders.runs.2026-11-21T01:00:00Z: '2026-11-21T01:00:00Z' is not a "
                        + "partition id: workflow 'sales-hourly' writes its partitions as yyyy-MM-ddTHH (HOUR "
                        + "Partitioning), e.g. 2026-11-20T23",
                scenario + ": jobs.ingest-orders.runs.2026-11-21T05: partition 2026-11-21T05 is not processed "
                        + "between from 2026-11-21T00:00:00Z and to 2026-11-21T06:00:00Z: the runs of workflow "
                        + "'sales-hourly' process 6 partitions, 2026-11-20T23 to 2026-11-21T04; pick one of those or "
                        + "widen from/to");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badFaults_shouldExitWith2NamingEachFaultAndTheKnownOnes(@TempDir Path dir) throws IOException {
        // GIVEN a misspelt fault and out-of-range probabilities for the faults at Glue's and EventBridge's APIs
        Path scenario = dir.resolve("bad-faults.scenario.json");
        Files.writeString(scenario, """
                {"from": "2026-11-21T00:00:00Z", "to": "2026-11-21T02:00:00Z",
                 "faults": {"loseStartAnswer": 0.1, "failPutEvents": 1, "refusePutEventsEntries": -0.1,
                            "loseStartJobRunAnswer": "often", "reconcileDuringRetry": 0.5}}
                """);

        // WHEN it is simulated
        CliRun run = CliRun.of("simulate", "--workflows", EXAMPLE.toString(), "--scenario", scenario.toString());

        // THEN every error is named, with the faults a scenario may use
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(scenario + ": faults.loseStartAnswer: unknown field; expected one of [")
                .contains("failStartJobRunBeforeStart", "loseStartJobRunAnswer", "reconcileDuringRetry")
                .contains("faults.failPutEvents: must be a probability from 0 up to (not including) 1")
                .contains("faults.refusePutEventsEntries: must be a probability from 0 up to (not including) 1")
                .contains("faults.loseStartJobRunAnswer: must be a probability from 0 up to (not including) 1")
                .doesNotContain("faults.reconcileDuringRetry");
    }

    private static JsonNode find(JsonNode array, String object, String field, String value) {
        for (JsonNode node : array) {
            if (node.get(object).get(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no element with " + object + "." + field + " = " + value);
    }
}
