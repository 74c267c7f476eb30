package dev.glueorch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioReaderTest {

    /** An hourly, a daily and an unpartitioned workflow, each scheduled and starting one job. */
    private static final Definitions DEFINITIONS = definitions();
    private static final String PERIOD = "\"from\": \"2026-11-21T00:00:00Z\", \"to\": \"2026-11-21T06:00:00Z\"";

    @TempDir
    Path dir;

    private static Definitions definitions() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("workflows/hourly.json", workflow("hourly", "{\"Granularity\": \"HOUR\", \"Offset\": -1}",
                "cron(0 * * * ? *)", "h-job"));
        files.put("workflows/daily.json", workflow("daily", "{\"Granularity\": \"DAY\", \"Offset\": -1}",
                "cron(0 2 * * ? *)", "d-job"));
        files.put("workflows/plain.json", workflow("plain", null, "cron(30 * * * ? *)", "m-job"));
        return new DefinitionValidator().validateAll(files);
    }

    private static String workflow(String name, String partitioning, String schedule, String job) {
        return """
                {"Workflow": {"Name": "%s"%s},
                 "Triggers": [{"Name": "%s-start", "Type": "SCHEDULED", "Schedule": "%s",
                               "Actions": [{"JobName": "%s"}]}]}
                """.formatted(name, partitioning == null ? "" : ", \"Partitioning\": " + partitioning, name,
                schedule, job);
    }

    private Path scenario(String job, String key) throws IOException {
        return Files.writeString(dir.resolve("s.scenario.json"), """
                {%s, "jobs": {"%s": {"runs": {"%s": {"state": "FAILED"}}}}}
                """.formatted(PERIOD, job, key));
    }

    static List<Arguments> keysOfNoPartition() {
        String hourly = "is not a partition id: workflow 'hourly' writes its partitions as yyyy-MM-ddTHH (HOUR "
                + "Partitioning), e.g. 2026-11-20T23";
        return List.of(
                Arguments.of("h-job", "2026-11-21 01:00", "'2026-11-21 01:00' " + hourly),
                Arguments.of("h-job", "2026-11-21T01:00:00Z", "'2026-11-21T01:00:00Z' " + hourly),
                Arguments.of("h-job", "2026-11-21", "'2026-11-21' " + hourly),
                Arguments.of("d-job", "2026-11-21T01", "'2026-11-21T01' is not a partition id: workflow 'daily' "
                        + "writes its partitions as yyyy-MM-dd (DAY Partitioning), e.g. 2026-11-20"),
                Arguments.of("m-job", "2026-11-21T01:30:00Z", "'2026-11-21T01:30:00Z' is not a partition id: "
                        + "workflow 'plain' writes its partitions as yyyy-MM-ddTHH:mmZ (the UTC minute of a scheduled "
                        + "slot: the workflow has no Partitioning), e.g. 2026-11-21T00:30Z"),
                Arguments.of("h-job", "2026-11-21T06", "partition 2026-11-21T06 is not processed between from "
                        + "2026-11-21T00:00:00Z and to 2026-11-21T06:00:00Z: the runs of workflow 'hourly' process 6 "
                        + "partitions, 2026-11-20T23 to 2026-11-21T04; pick one of those or widen from/to"),
                Arguments.of("d-job", "2026-11-21", "partition 2026-11-21 is not processed between from "
                        + "2026-11-21T00:00:00Z and to 2026-11-21T06:00:00Z: the runs of workflow 'daily' process "
                        + "partition 2026-11-20"),
                Arguments.of("m-job", "2026-11-21T01:00Z", "the runs of workflow 'plain' process 6 partitions, "
                        + "2026-11-21T00:30Z to 2026-11-21T05:30Z"));
    }

    static List<Arguments> badInterruptions() {
        String at = "\"from\": \"2026-11-21T01:00:00Z\", \"to\": \"2026-11-21T03:00:00Z\"";
        return List.of(
                Arguments.of("\"deactivations\": [{\"trigger\": \"nope\", " + at + "}]",
                        "deactivations[0].trigger: no workflow has a trigger named 'nope'; known: [daily-start, "
                                + "hourly-start, plain-start]"),
                Arguments.of("\"deactivations\": [{" + at + "}]",
                        "deactivations[0].trigger: required, the name of a trigger of the workflows"),
                Arguments.of("\"deactivations\": [{\"trigger\": \"hourly-start\", \"from\": "
                        + "\"2026-11-21T03:00:00Z\", \"to\": \"2026-11-21T02:00:00Z\"}]",
                        "deactivations[0].to: must be after from (2026-11-21T03:00:00Z)"),
                Arguments.of("\"deactivations\": [{\"trigger\": \"hourly-start\", " + at + "}, "
                        + "{\"trigger\": \"hourly-start\", \"from\": \"2026-11-21T02:00:00Z\", \"to\": "
                        + "\"2026-11-21T04:00:00Z\"}]",
                        "deactivations[1]: overlaps the deactivation of trigger 'hourly-start' from "
                                + "2026-11-21T01:00:00Z to 2026-11-21T03:00:00Z; make them one"),
                Arguments.of("\"outages\": [{\"from\": \"2026-11-20T22:00:00Z\", \"to\": "
                        + "\"2026-11-21T02:00:00Z\"}]",
                        "outages[0]: 2026-11-20T22:00:00Z to 2026-11-21T02:00:00Z is not within the scenario's "
                                + "period, 2026-11-21T00:00:00Z to 2026-11-21T06:00:00Z; only slots in the period "
                                + "start runs"),
                Arguments.of("\"outages\": [{" + at + "}, {\"from\": \"2026-11-21T02:30:00Z\", \"to\": "
                        + "\"2026-11-21T05:00:00Z\"}]",
                        "outages[1]: overlaps the outage from 2026-11-21T01:00:00Z to 2026-11-21T03:00:00Z; make "
                                + "them one"),
                Arguments.of("\"outages\": [{\"from\": \"2026-11-21T01:00:00Z\", \"until\": "
                        + "\"2026-11-21T03:00:00Z\"}]",
                        "outages[0].until: unknown field; expected one of [from, to]"),
                Arguments.of("\"outages\": [{\"from\": \"yesterday\", \"to\": \"2026-11-21T03:00:00Z\"}]",
                        "outages[0].from: 'yesterday' is not an ISO-8601 UTC time such as 2026-11-22T06:00:00Z"),
                Arguments.of("\"outages\": {\"from\": \"2026-11-21T01:00:00Z\"}",
                        "outages: must be an array such as [{\"from\": "));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInterruptions")
    void badDeactivationOrOutage_shouldBeRefusedSayingWhatToFix(String field, String error) throws IOException {
        // GIVEN
        Path file = Files.writeString(dir.resolve("s.scenario.json"), "{" + PERIOD + ", " + field + "}");
        // WHEN / THEN
        assertThatThrownBy(() -> new ScenarioReader().read(file, DEFINITIONS))
                .isInstanceOf(ScenarioException.class).hasMessageContaining(file + ": " + error);
    }

    @Test
    void deactivationsAndOutages_shouldBeRead() throws IOException {
        // GIVEN
        Path file = Files.writeString(dir.resolve("s.scenario.json"), "{" + PERIOD + ", "
                + "\"deactivations\": [{\"trigger\": \"hourly-start\", \"from\": \"2026-11-21T01:00:00Z\", "
                + "\"to\": \"2026-11-21T03:00:00Z\"}, {\"trigger\": \"daily-start\", \"from\": "
                + "\"2026-11-21T01:00:00Z\", \"to\": \"2026-11-21T06:00:00Z\"}], "
                + "\"outages\": [{\"from\": \"2026-11-21T03:00:00Z\", \"to\": \"2026-11-21T04:30:00Z\"}]}");
        // WHEN
        Scenario scenario = new ScenarioReader().read(file, DEFINITIONS);
        // THEN
        assertThat(scenario.deactivations()).containsExactly(
                new Scenario.Deactivation("hourly-start", Instant.parse("2026-11-21T01:00:00Z"),
                        Instant.parse("2026-11-21T03:00:00Z")),
                new Scenario.Deactivation("daily-start", Instant.parse("2026-11-21T01:00:00Z"),
                        Instant.parse("2026-11-21T06:00:00Z")));
        assertThat(scenario.outageAt(Instant.parse("2026-11-21T03:00:00Z"))).isPresent();
        assertThat(scenario.outageAt(Instant.parse("2026-11-21T04:30:00Z"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keysOfNoPartition")
    void runsKeyOfNoPartitionOfThePeriod_shouldBeRefusedNamingTheKeyAndTheExpectedForm(String job, String key,
                                                                                       String reason)
            throws IOException {
        // GIVEN a scenario scripting a failure for a key no run of the period looks up
        Path file = scenario(job, key);
        // WHEN it is read
        // THEN it is refused in one line naming the file, the key and what a partition of the period looks like
        assertThatThrownBy(() -> new ScenarioReader().read(file, DEFINITIONS))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ": jobs." + job + ".runs." + key + ": ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void runsKeysOfThePeriod_shouldBeRead() throws IOException {
        // GIVEN the first hourly partition (the slot at from, an hour earlier), the only daily one, the last minute
        Path file = Files.writeString(dir.resolve("ok.scenario.json"), """
                {%s, "jobs": {"h-job": {"runs": {"2026-11-20T23": {"state": "FAILED"}}},
                              "d-job": {"runs": {"2026-11-20": {"state": "TIMEOUT"}}},
                              "m-job": {"runs": {"2026-11-21T05:30Z": {"state": "STOPPED"}}}}}
                """.formatted(PERIOD));
        // WHEN it is read
        Scenario scenario = new ScenarioReader().read(file, DEFINITIONS);
        // THEN each outcome is the one its partition's run gets
        assertThat(scenario.jobs().get("h-job").outcome("2026-11-20T23").state()).isEqualTo(JobRunState.FAILED);
        assertThat(scenario.jobs().get("d-job").outcome("2026-11-20").state()).isEqualTo(JobRunState.TIMEOUT);
        assertThat(scenario.jobs().get("m-job").outcome("2026-11-21T05:30Z").state())
                .isEqualTo(JobRunState.STOPPED);
    }

    @Test
    void crawlerRuns_shouldBeReadByPartitionAndCheckedAsAJobsAre() throws IOException {
        // GIVEN the hourly workflow starting a crawler too, and a scenario scripting its crawls
        Definitions withCrawler = new DefinitionValidator().validateAll(Map.of("workflows/hourly.json", """
                {"Workflow": {"Name": "hourly", "Partitioning": {"Granularity": "HOUR", "Offset": -1}},
                 "Triggers": [{"Name": "hourly-start", "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)",
                               "Actions": [{"CrawlerName": "h-crawler"}]}]}
                """));
        Path good = Files.writeString(dir.resolve("good.scenario.json"), """
                {%s, "crawlers": {"h-crawler": {"runs": {"2026-11-21T01": {"state": "FAILED", "afterMinutes": 2},
                                                        "2026-11-21T02": {"state": "CANCELLED"}}}}}
                """.formatted(PERIOD));
        Path bad = Files.writeString(dir.resolve("bad.scenario.json"), """
                {%s, "crawlers": {"h-crawler": {"timeoutMinutes": 30,
                                                "runs": {"2026-11-21T06": {"state": "FAILED"},
                                                         "2026-11-21T03": {"state": "STOPPED"}}}}}
                """.formatted(PERIOD));

        // WHEN read
        Scenario scenario = new ScenarioReader().read(good, withCrawler);

        // THEN a partition's crawl ends as scripted (a CANCELLED crawl counts as a STOPPED action), others succeed
        assertThat(scenario.crawler("h-crawler").outcome("2026-11-21T01"))
                .isEqualTo(new Scenario.Outcome(JobRunState.FAILED, 2));
        assertThat(scenario.crawler("h-crawler").outcome("2026-11-21T02"))
                .isEqualTo(new Scenario.Outcome(JobRunState.STOPPED, Scenario.DEFAULT_CRAWL_MINUTES));
        assertThat(scenario.crawler("h-crawler").outcome("2026-11-21T03").state()).isEqualTo(JobRunState.SUCCEEDED);
        // AND a key of no partition of the period, a job's state and a job's property are refused, one line each
        assertThatThrownBy(() -> new ScenarioReader().read(bad, withCrawler))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(e.getMessage().lines()).containsExactlyInAnyOrder(
                        bad + ": crawlers.h-crawler.timeoutMinutes: only jobs have a Timeout",
                        bad + ": crawlers.h-crawler.runs.2026-11-21T06: partition 2026-11-21T06 is not processed "
                                + "between from 2026-11-21T00:00:00Z and to 2026-11-21T06:00:00Z: the runs of "
                                + "workflow 'hourly' process 6 partitions, 2026-11-20T23 to 2026-11-21T04; pick one "
                                + "of those or widen from/to",
                        bad + ": crawlers.h-crawler.runs.2026-11-21T03.state: must be one of "
                                + "[CANCELLED, SUCCEEDED, FAILED]"));
    }
}
