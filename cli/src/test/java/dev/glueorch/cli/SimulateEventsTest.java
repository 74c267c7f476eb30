package dev.glueorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partner-files example: hourly orders joined with the partner's files of the same hour, the files of hour 13
 * landing late, those of hours 12 and 14 before their hour's slot, one file delivered twice and a key without a
 * partition. Simulated once, read as {@code --output json} and in its report.
 */
class SimulateEventsTest {

    private static final Path EXAMPLE = Path.of("..").toAbsolutePath().normalize()
            .resolve("workflows/examples/partner-files");
    private static final Path SCENARIO = EXAMPLE.resolve("late-partner-file.scenario.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The file of hour 12 that EventBridge delivers twice (whole events with the same id). */
    private static final String REDELIVERED = "0b6f2a5e-7d4c-4a8e-9f21-3c5d8e1a2b47";

    @TempDir
    static Path dir;
    private static JsonNode result;
    private static String report;

    @BeforeAll
    static void simulate() throws IOException {
        Path html = dir.resolve("report.html");
        result = JSON.readTree(run(SCENARIO, "--output", "json", "--report", html.toString()));
        report = Files.readString(html);
    }

    private static String run(Path scenario, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("simulate", "--workflows", EXAMPLE.toString(), "--scenario",
                scenario.toString()));
        args.addAll(List.of(options));
        int code = GlueOrch.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void eachHour_shouldHaveOneRunThatTheScheduleAndItsFilesShare() {
        // THEN one run per hour of the period, each completed with its three jobs, the key without an hour ignored
        assertThat(result.get("workflowRuns")).extracting(r -> r.get("WorkflowRunProperties")
                        .get("day_partition_value").asText() + "T" + r.get("WorkflowRunProperties")
                        .get("hour_partition_value").asText() + " " + r.get("Status").asText())
                .containsExactly("2026-11-21T11 COMPLETED", "2026-11-21T12 COMPLETED", "2026-11-21T13 COMPLETED",
                        "2026-11-21T14 COMPLETED");
        for (JsonNode run : result.get("workflowRuns")) {
            assertThat(jobs(run.get("WorkflowRunId").asText())).as(run.get("WorkflowRunId").asText())
                    .containsExactlyInAnyOrder("ingest-orders", "register-partner-file", "join-partner-orders");
        }
    }

    @Test
    void lateHour_shouldJoinOnlyAfterItsFileLanded() {
        // GIVEN hour 13: its upstream job succeeded at 14:20, its file landed at 15:10 (a batch of one, window 900 s)
        String run13 = runOf("13").get("WorkflowRunId").asText();
        JsonNode ingest = jobRun(run13, "ingest-orders");
        JsonNode register = jobRun(run13, "register-partner-file");
        JsonNode join = jobRun(run13, "join-partner-orders");
        assertThat(ingest.get("CompletedOn").asText()).isEqualTo("2026-11-21T14:20:00Z");

        // THEN the batch closed when its window expired, and the join ran after the file was registered
        assertThat(register.get("StartedOn").asText()).isEqualTo("2026-11-21T15:25:00Z");
        assertThat(Instant.parse(join.get("StartedOn").asText()))
                .isAfterOrEqualTo(Instant.parse(register.get("CompletedOn").asText()))
                .isAfter(Instant.parse("2026-11-21T15:10:00Z"));
        // and the run of hour 13 records the batch that joined it, but no StartingEventBatchCondition (a schedule
        // started it)
        assertThat(eventIds(runOf("13"))).hasSize(1);
        assertThat(runOf("13").has("StartingEventBatchCondition")).isFalse();
    }

    @Test
    void batchesThatStartedRuns_shouldRecordGluesStartingEventBatchCondition() {
        // hour 12: three files before its slot, one of them delivered twice, reached BatchSize 3
        JsonNode run12 = runOf("12");
        assertThat(run12.get("StartingEventBatchCondition")).isEqualTo(condition(3, 0));
        assertThat(eventIds(run12)).hasSize(3).doesNotHaveDuplicates().contains(REDELIVERED);
        // the batch closed at the third distinct file (12:47), not at the second delivery of one (12:45)
        assertThat(run12.get("StartedOn").asText()).isEqualTo("2026-11-21T12:47:00Z");
        // and the slot of 13:00 joined that run to ingest hour 12's orders
        assertThat(jobRun(run12.get("WorkflowRunId").asText(), "ingest-orders").get("StartedOn").asText())
                .isEqualTo("2026-11-21T13:00:00Z");

        // hour 14: two files before its slot, fewer than BatchSize: the window of 900 s expired 15 minutes later
        JsonNode run14 = runOf("14");
        assertThat(run14.get("StartingEventBatchCondition")).isEqualTo(condition(0, 900));
        assertThat(eventIds(run14)).hasSize(2);
        assertThat(run14.get("StartedOn").asText()).isEqualTo("2026-11-21T14:55:00Z");
    }

    @Test
    void eventsDeliveredTwiceByTheFaults_shouldCountOnce() throws IOException {
        // GIVEN the example's scenario with nearly every delivery doubled and shuffled
        ObjectNode scenario = (ObjectNode) JSON.readTree(SCENARIO.toFile());
        scenario.putObject("faults").put("duplicateEvents", 0.95).put("shuffleEvents", true).put("seed", 15);
        Path faulty = Files.writeString(dir.resolve("doubled.scenario.json"), scenario.toString());

        // WHEN simulated
        JsonNode doubled = JSON.readTree(run(faulty, "--output", "json"));

        // THEN each hour's batch holds the same events, once each
        for (String hour : List.of("11", "12", "13", "14")) {
            JsonNode run = runOf(doubled, hour);
            assertThat(eventIds(run)).as(hour).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(eventIds(runOf(hour)));
            assertThat(jobs(doubled, run.get("WorkflowRunId").asText())).as(hour)
                    .containsExactlyInAnyOrder("ingest-orders", "register-partner-file", "join-partner-orders");
        }
    }

    @Test
    void table_shouldSayWhichBatchStartedOrJoinedEachRun() {
        String table = run(SCENARIO);

        assertThat(table).contains("  joined by EVENT trigger partner-files: batch of 3\n",
                "  started by EVENT trigger partner-files: batch of 3 (size reached)\n",
                "  joined by EVENT trigger partner-files: batch of 1\n",
                "  started by EVENT trigger partner-files: batch of 2 (window of 900 s expired)\n");
    }

    @Test
    void report_shouldShowTheBatchOfEventStartedRunsAndTheirEventIds() throws IOException {
        // THEN the row of hour 14's run carries its batch, and the page's data its event ids for the run's details
        assertThat(report).contains("<span class=\"batch\" data-event-count=\"2\">✉ started by EVENT trigger "
                + "partner-files: batch of 2 (window of 900 s expired)</span>");
        assertThat(report).contains("<span class=\"batch\" data-event-count=\"3\">✉ started by EVENT trigger "
                + "partner-files: batch of 3 (size reached)</span>");
        assertThat(report).contains(REDELIVERED);
    }

    private static JsonNode condition(int batchSize, int batchWindow) {
        return JSON.createObjectNode().put("BatchSize", batchSize).put("BatchWindow", batchWindow);
    }

    private static JsonNode runOf(String hour) {
        return runOf(result, hour);
    }

    private static JsonNode runOf(JsonNode simulated, String hour) {
        for (JsonNode run : simulated.get("workflowRuns")) {
            if (run.get("WorkflowRunProperties").get("hour_partition_value").asText().equals(hour)) {
                return run;
            }
        }
        throw new AssertionError("no run of hour " + hour);
    }

    /** Glue's {@code aws:eventIds}: a JSON array in the run property's string. */
    private static List<String> eventIds(JsonNode run) {
        List<String> ids = new ArrayList<>();
        JsonNode property = run.get("WorkflowRunProperties").get("aws:eventIds");
        if (property != null) {
            try {
                JSON.readTree(property.asText()).forEach(id -> ids.add(id.asText()));
            } catch (IOException e) {
                throw new AssertionError("aws:eventIds is no JSON array: " + property, e);
            }
        }
        return ids;
    }

    private static List<String> jobs(String workflowRunId) {
        return jobs(result, workflowRunId);
    }

    private static List<String> jobs(JsonNode simulated, String workflowRunId) {
        List<String> jobs = new ArrayList<>();
        simulated.get("jobRuns").forEach(j -> {
            if (j.get("WorkflowRunId").asText().equals(workflowRunId)) {
                jobs.add(j.get("JobName").asText());
            }
        });
        return jobs;
    }

    private static JsonNode jobRun(String workflowRunId, String job) {
        for (JsonNode j : result.get("jobRuns")) {
            if (j.get("WorkflowRunId").asText().equals(workflowRunId) && j.get("JobName").asText().equals(job)) {
                return j;
            }
        }
        throw new AssertionError("no run of " + job + " in " + workflowRunId);
    }
}
