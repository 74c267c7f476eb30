package dev.glueorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.local.LocalClock;
import dev.glueorch.cli.local.LocalOrchestrator;
import dev.glueorch.cli.local.LocalSettings;
import dev.glueorch.testing.Resources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operator command against {@code glueorch local}, started in this JVM on free ports at 1200 times real time
 * (a 10-minute job run takes half a real second), through the CLI's entry point as a user in another terminal would run
 * them, with the local clock the orchestrator prints ({@value LocalClock#PROPERTY} stands for GLUEORCH_CLOCK, which
 * a test cannot set).
 */
class LocalOrchestratorTest {

    private static final String WORKFLOW = "sales-hourly";
    private static final int SPEED = 1200;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A row of {@code runs list}: the run id, then its partition. */
    private static final Pattern RUN_ROW = Pattern.compile("(wr_\\w+)\\s+(\\S+)");
    private static final StringWriter LOG = new StringWriter();
    private static LocalOrchestrator local;

    @BeforeAll
    static void start(@TempDir Path folder) throws IOException {
        // GIVEN the ingest jobs run an hour (3 real seconds): long enough to be stopped
        Path scenario = Files.writeString(folder.resolve("local.scenario.json"), """
                {"from": "2026-01-01T00:00:00Z", "to": "2026-01-01T01:00:00Z",
                 "jobs": {"ingest-orders": {"durationMinutes": 60}, "ingest-payments": {"durationMinutes": 60}}}""");
        local = LocalOrchestrator.start(new LocalSettings(Resources.exampleWorkflows(), scenario, SPEED, 0, 0,
                "glueorch-local-test", "us-east-1"), new PrintWriter(LOG, true));
        System.setProperty(LocalClock.PROPERTY, local.clock().value());
        // the operators' runs only: scheduled ones would take the workflow's two MaxConcurrentRuns slots
        assertThat(glueorch("triggers", "deactivate", "sales-start").exitCode()).isZero();
    }

    @AfterAll
    static void stop() {
        System.clearProperty(LocalClock.PROPERTY);
        local.close();
    }

    @Test
    void workflowsAndTriggers_shouldAnswerFromThePublishedDefinitionsAndKeepStatesAcrossAPublication() {
        // WHEN
        CliRun workflows = glueorch("workflows", "list");
        CliRun workflow = glueorch("workflows", "get", WORKFLOW, "--include-graph", "--output", "json");
        CliRun triggers = glueorch("triggers", "list");
        CliRun deactivated = glueorch("triggers", "deactivate", "sales-start");
        CliRun published = glueorch("definitions", "publish", Resources.exampleWorkflows().toString());
        CliRun afterPublication = glueorch("triggers", "get", "sales-start", "--output", "json");
        CliRun activated = glueorch("triggers", "activate", "sales-start");
        CliRun afterActivation = glueorch("triggers", "get", "sales-start", "--output", "json");
        glueorch("triggers", "deactivate", "sales-start");

        // THEN
        assertThat(workflows.out()).contains(WORKFLOW);
        assertThat(workflow.out()).contains("sales-on-demand", "catalog-sales");
        assertThat(triggers.out()).contains("sales-start", "sales-on-demand", "sales-join");
        assertThat(List.of(deactivated, activated)).allSatisfy(run -> assertThat(run.exitCode()).as(run.err())
                .isZero());
        assertThat(published.exitCode()).as(published.err()).isZero();
        assertThat(published.out()).matches("(?s)Published definitions version \\S+ to table glueorch-local-test: "
                + "1 workflow\\(s\\), 5 trigger\\(s\\); it is current\\s*");
        assertThat(state(afterPublication)).as("a publication keeps what operators deactivated")
                .isEqualTo("DEACTIVATED");
        assertThat(state(afterActivation)).isEqualTo("ACTIVATED");
    }

    @Test
    void schedule_shouldStartTheRunOfThePreviousHourEveryLocalHour() {
        // WHEN the hourly trigger is active for a while
        CliRun activated = glueorch("triggers", "activate", "sales-start");
        String scheduled;
        try {
            scheduled = awaitScheduledRun();
        } finally {
            glueorch("triggers", "deactivate", "sales-start");
        }

        // THEN
        assertThat(activated.exitCode()).as(activated.err()).isZero();
        assertThat(awaitRun(scheduled, "COMPLETED").get("Statistics").get("SucceededActions").asInt()).isEqualTo(5);
    }

    @Test
    void putAndDelete_shouldChangeTheTriggersTheOrchestratorRuns(@TempDir Path folder) throws IOException {
        // GIVEN
        Path trigger = Files.writeString(folder.resolve("rerun.json"), """
                {"Name": "sales-rerun-load", "WorkflowName": "sales-hourly", "Type": "ON_DEMAND",
                 "Actions": [{"JobName": "load-sales"}]}""");

        // WHEN
        CliRun put = glueorch("triggers", "put", trigger.toString());
        CliRun listed = glueorch("triggers", "list");
        CliRun deleted = glueorch("triggers", "delete", "sales-rerun-load");

        // THEN
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(listed.out()).contains("sales-rerun-load");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(glueorch("triggers", "list").out()).doesNotContain("sales-rerun-load");
    }

    @Test
    void runs_shouldCompleteAndStopInTheLocalClocksTime() {
        // WHEN a run is started, and another one stopped while its ingest jobs run
        Instant realNow = Instant.now();
        String completed = start("2026-01-01T00");
        CliRun properties = glueorch("runs", "properties", WORKFLOW, completed, "--set", "approved=yes");
        String stopped = start("2026-01-01T01");
        CliRun stop = glueorch("runs", "stop", WORKFLOW, stopped);

        // THEN
        assertThat(properties.exitCode()).as(properties.err()).isZero();
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        JsonNode statistics = awaitRun(stopped, "STOPPED").get("Statistics");
        assertThat(statistics.get("StoppedActions").asInt()).as("the ingest jobs, still running").isEqualTo(2);
        assertThat(statistics.get("TotalActions").asInt()).as("nothing fired after the stop").isEqualTo(2);
        JsonNode run = awaitRun(completed, "COMPLETED");
        assertThat(run.get("Statistics").get("SucceededActions").asInt()).as("ingest x2, transform, load, crawler")
                .isEqualTo(5);
        assertThat(Instant.parse(run.get("StartedOn").asText())).as("stamped by the local clock, ahead of real time")
                .isAfter(realNow.plus(Duration.ofMinutes(1)));
        assertThat(glueorch("runs", "list", WORKFLOW, "--since", "1d").out()).contains(completed, stopped);
        CliRun resume = glueorch("runs", "resume", WORKFLOW, completed, "--node", "JOB:transform-sales", "--output",
                "json");
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        JsonNode resumed = awaitRun(json(resume).get("RunId").asText(), "COMPLETED");
        assertThat(resumed.get("PreviousRunId").asText()).isEqualTo(completed);
        assertThat(resumed.get("Statistics").get("SucceededActions").asInt()).as("transform, load, crawler again")
                .isEqualTo(3);

        assertThat(LOG.toString()).as("what the commands published reached the local bus, not an AWS account's")
                .contains("run " + WORKFLOW + " " + completed + " started (partition 2026-01-01T00)",
                        "job ingest-orders STOPPED", "run " + WORKFLOW + " " + completed + " COMPLETED");
    }

    @Test
    void backfillAndReport_shouldFinishEveryPartitionAndDrawThem(@TempDir Path folder) throws IOException {
        // WHEN
        CliRun backfill = glueorch("backfill", WORKFLOW, "--from", "2026-02-01T00", "--to", "2026-02-01T02",
                "--max-concurrent", "2");
        Path report = folder.resolve("report.html");
        CliRun reported = glueorch("report", WORKFLOW, "--since", "1d", "--out", report.toString());

        // THEN
        assertThat(backfill.exitCode()).as(backfill.err()).isZero();
        assertThat(backfill.out()).contains("3 partition(s), 3 started, 0 had run already, 3 finished");
        assertThat(reported.exitCode()).as(reported.err()).isZero();
        String html = Files.readString(report);
        assertThat(List.of("2026-02-01T00", "2026-02-01T01", "2026-02-01T02")).as("partitions in the report")
                .allMatch(html::contains);
    }

    @Test
    void glueEndpoint_shouldAnswerUnknownRunsWithGluesErrorShape() {
        // WHEN a job run that was never started is stopped
        CliRun stop = glueorch("runs", "get", WORKFLOW, "wr_unknown");

        // THEN
        assertThat(stop.exitCode()).isEqualTo(1);
        assertThat(stop.err()).contains("wr_unknown").doesNotContain("Exception");
    }

    @Test
    void portInUse_shouldNameThePortAndItsOption() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            // WHEN
            CliRun run = CliRun.of("local", "--dynamodb-port", Integer.toString(taken.getLocalPort()), "--api-port",
                    "0", "--workflows", Resources.exampleWorkflows().toString());

            // THEN
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("glueorch local: port " + taken.getLocalPort() + " is in use: "
                    + "choose another with --dynamodb-port (0 picks a free one)");
        }
    }

    @Test
    void portOutOfRange_shouldBeAUsageErrorNamingTheOption() {
        // WHEN
        CliRun run = CliRun.of("local", "--api-port", "99999");

        // THEN
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst()).hasValue("--api-port must be a TCP port from 1 to 65535 "
                + "(0 picks a free one), not 99999");
    }

    @Test
    void badWorkflowsFolder_shouldPrintTheValidatorsErrorsAndStartNothing(@TempDir Path folder) throws IOException {
        // GIVEN
        Files.writeString(folder.resolve("orders.json"), """
                {"Workflow": {"Name": "orders"},
                 "Triggers": [{"Name": "start", "Type": "SCHEDULED", "Actions": [{"JobName": "ingest"}]}]}""");

        // WHEN
        CliRun local = CliRun.of("local", "--workflows", folder.toString(), "--dynamodb-port", "0", "--api-port",
                "0");
        CliRun publish = glueorch("definitions", "publish", folder.toString());

        // THEN
        assertThat(List.of(local, publish)).allSatisfy(run -> {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("orders.json: trigger 'start': Schedule: required for a SCHEDULED "
                    + "trigger");
        });
        assertThat(local.err()).contains("nothing was started");
        assertThat(publish.err()).contains("nothing was published");
    }

    @Test
    void malformedClock_shouldNameTheVariable() {
        // GIVEN
        System.setProperty(LocalClock.PROPERTY, "yesterday,fast");
        try {
            // WHEN
            CliRun run = glueorch("workflows", "list");

            // THEN
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("GLUEORCH_CLOCK='yesterday,fast' is not ANCHOR,SPEED");
        } finally {
            System.setProperty(LocalClock.PROPERTY, local.clock().value());
        }
    }

    /**
     * The id of a run the schedule started (its partition is the local clock's previous hour, while the test's runs
     * are of early 2026), within {@link #PATIENCE}.
     */
    private static String awaitScheduledRun() {
        String recent = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Matcher run = RUN_ROW.matcher(glueorch("runs", "list", WORKFLOW, "--since", "1d").out());
            while (run.find()) {
                if (run.group(2).compareTo(recent) > 0) {
                    return run.group(1);
                }
            }
            sleep();
        }
        throw new AssertionError("no scheduled run within " + PATIENCE + ": " + LOG);
    }

    private static String start(String partition) {
        CliRun started = glueorch("runs", "start", WORKFLOW, "--partition", partition, "--output", "json");
        assertThat(started.exitCode()).as(started.err()).isZero();
        return json(started).get("RunId").asText();
    }

    /** The run once its status is {@code status}; the test fails if it is not within {@link #PATIENCE}. */
    private static JsonNode awaitRun(String runId, String status) {
        Instant deadline = Instant.now().plus(PATIENCE);
        Predicate<JsonNode> reached = run -> run.get("Status").asText().equals(status);
        JsonNode run;
        do {
            CliRun get = glueorch("runs", "get", WORKFLOW, runId, "--output", "json");
            assertThat(get.exitCode()).as(get.err()).isZero();
            run = json(get).get("Run");
            if (reached.test(run) || Instant.now().isAfter(deadline)) {
                break;
            }
            sleep();
        } while (true);
        assertThat(run.get("Status").asText()).as(LOG.toString()).isEqualTo(status);
        return run;
    }

    private static CliRun glueorch(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of(local.options().split(" ")));
        return CliRun.of(line.toArray(String[]::new));
    }

    private static String state(CliRun triggerGet) {
        assertThat(triggerGet.exitCode()).as(triggerGet.err()).isZero();
        return json(triggerGet).get("Trigger").get("State").asText();
    }

    private static JsonNode json(CliRun run) {
        try {
            return JSON.readTree(run.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + run.out(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
