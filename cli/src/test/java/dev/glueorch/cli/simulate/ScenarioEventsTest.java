package dev.glueorch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import dev.glueorch.testing.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A scenario's {@code events}: the compact S3 form, whole events, and what is refused. */
class ScenarioEventsTest {

    private static final Path EXAMPLE = Path.of("..", "workflows", "examples", "partner-files");
    private static final Definitions DEFINITIONS = new DefinitionLoader().load(EXAMPLE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERIOD = "\"from\": \"2026-11-21T12:00:00Z\", \"to\": \"2026-11-21T16:00:00Z\"";

    @TempDir
    Path dir;

    private Scenario read(String events) throws IOException {
        Path file = Files.writeString(dir.resolve("e.scenario.json"), "{" + PERIOD + ", \"events\": " + events + "}");
        return new ScenarioReader().read(file, DEFINITIONS);
    }

    @Test
    void compactS3Object_shouldBecomeS3sObjectCreatedEventInItsRealShape() throws IOException {
        // WHEN an S3 object is listed in the compact form, twice
        String entry = "{\"at\": \"2026-11-21T14:07:00Z\", \"s3\": {\"bucket\": \"partner-drops\", "
                + "\"key\": \"orders/dt=2026-11-21/hr=13/part-0.parquet\"}}";
        Scenario.ArrivingEvent event = read("[" + entry + "]").events().get(0);
        Scenario.ArrivingEvent again = read("[" + entry + "]").events().get(0);

        // THEN it has every field of the sample S3 event (but a versioned bucket's version-id), at its own time
        JsonNode sample = JSON.readTree(Resources.event("s3-object-created.json"));
        ((ObjectNode) sample.path("detail").path("object")).remove("version-id");
        assertThat(paths(event.event())).isEqualTo(paths(sample));
        assertThat(event.event().get("time").asText()).isEqualTo("2026-11-21T14:07:00Z");
        assertThat(event.event().at("/detail/object/key").asText())
                .isEqualTo("orders/dt=2026-11-21/hr=13/part-0.parquet");
        assertThat(event.event().at("/detail/bucket/name").asText()).isEqualTo("partner-drops");
        assertThat(event.bus()).isNull();
        // and its id is the same each time the scenario is read, so a simulation repeats
        assertThat(event.id()).isEqualTo(again.id()).matches("[0-9a-f-]{36}");
    }

    @Test
    void wholeEvent_shouldKeepItsFieldsWithAtAsItsTime() throws IOException {
        // WHEN the custom sample event is listed whole, at another time than its own
        String sample = Resources.event("custom-partner-file-landed.json");
        Scenario scenario = read("[{\"at\": \"2026-11-21T15:00:00Z\", \"event\": " + sample + "}]");

        // THEN it is the sample, but for its time
        JsonNode expected = JSON.readTree(sample);
        ((ObjectNode) expected).put("time", "2026-11-21T15:00:00Z");
        assertThat(scenario.events()).singleElement().satisfies(event -> {
            assertThat(event.event()).isEqualTo(expected);
            assertThat(event.at()).isEqualTo(Instant.parse("2026-11-21T15:00:00Z"));
        });
    }

    static List<Arguments> badEvents() {
        return List.of(
                Arguments.of("{\"events\": {}}", "events: must be an array of events, each {\"at\": "),
                Arguments.of("[{\"at\": \"2026-11-21T14:07:00Z\", \"s3\": {\"bucket\": \"b\", \"key\": \"k\"}, "
                        + "\"when\": 1}]", "events[0].when: unknown field; expected one of [at, bus, event, s3]"),
                Arguments.of("[{\"at\": \"2026-11-21 14:07\", \"s3\": {\"bucket\": \"b\", \"key\": \"k\"}}]",
                        "events[0].at: '2026-11-21 14:07' is not an ISO-8601 UTC time such as 2026-11-21T14:07:00Z"),
                Arguments.of("[{\"s3\": {\"bucket\": \"b\", \"key\": \"k\"}}]",
                        "events[0].at: required, when the event arrives: an ISO-8601 UTC time"),
                Arguments.of("[{\"at\": \"2026-11-21T16:00:00Z\", \"s3\": {\"bucket\": \"b\", \"key\": \"k\"}}]",
                        "events[0].at: 2026-11-21T16:00:00Z is outside the period: events arrive from "
                                + "2026-11-21T12:00:00Z (included) to 2026-11-21T16:00:00Z (excluded); move it or "
                                + "widen from/to"),
                Arguments.of("[{\"at\": \"2026-11-21T14:07:00Z\"}]", "events[0]: give the event, as s3 (an S3 object "
                        + "that was created: {\"bucket\": ..., \"key\": ...}) or as event (a whole EventBridge event)"),
                Arguments.of("[{\"at\": \"2026-11-21T14:07:00Z\", \"s3\": {\"bucket\": \"b\", \"key\": \"k\"}, "
                        + "\"event\": {}}]", "events[0]: give either s3 or event, not both: one entry is one event"),
                Arguments.of("[{\"at\": \"2026-11-21T14:07:00Z\", \"s3\": {\"bucket\": \"b\", \"path\": \"k\"}}]",
                        "events[0].s3.path: unknown field; expected one of [bucket, key, size]"),
                Arguments.of("[{\"at\": \"2026-11-21T14:07:00Z\", \"s3\": {\"bucket\": \"b\"}}]",
                        "events[0].s3.key: required, the object's key"),
                Arguments.of("[{\"at\": \"2026-11-21T14:07:00Z\", \"event\": {\"source\": \"aws.s3\", "
                        + "\"detail-type\": \"Object Created\"}}]",
                        "events[0].event.id: required, the event's id, which its batch counts once"),
                Arguments.of("[{\"at\": \"2026-11-21T14:07:00Z\", \"event\": {\"id\": \"e1\", "
                        + "\"detail-type\": \"Object Created\"}}]",
                        "events[0].event.source: required, what the triggers' EventPattern matches"),
                Arguments.of("[{\"at\": \"2026-11-21T14:07:00Z\", \"event\": {\"id\": \"e1\", \"source\": \"x\"}}]",
                        "events[0].event.detail-type: required, what the triggers' EventPattern matches"),
                Arguments.of("[{\"at\": \"2026-11-21T14:07:00Z\", \"bus\": \"partners\", \"s3\": {\"bucket\": "
                        + "\"b\", \"key\": \"k\"}}]", "events[0].bus: no EVENT trigger listens on bus 'partners'; "
                        + "their buses (EventBusName, 'default' when left out): [default]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badEvents")
    void badEvent_shouldBeRefusedNamingTheFileThePlaceAndWhatToWrite(String events, String message) {
        assertThatThrownBy(() -> read(events)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining(dir.resolve("e.scenario.json") + ": " + message);
    }

    @Test
    void runsKeyOfAPartitionOnlyAnEventNames_shouldBeAccepted() throws IOException {
        // GIVEN a file of hour 09, a partition no schedule slot of the period processes
        Path file = Files.writeString(dir.resolve("e.scenario.json"), "{" + PERIOD + ", \"events\": [{\"at\": "
                + "\"2026-11-21T12:10:00Z\", \"s3\": {\"bucket\": \"partner-drops\", \"key\": "
                + "\"orders/dt=2026-11-21/hr=09/part-0.parquet\"}}], \"jobs\": {\"register-partner-file\": {\"runs\": "
                + "{\"2026-11-21T09\": {\"state\": \"FAILED\"}}}}}");

        // WHEN read THEN the run of hour 09 is one a run of the period processes: its outcome may be scripted
        assertThat(new ScenarioReader().read(file, DEFINITIONS).job("register-partner-file")
                .outcome("2026-11-21T09").state()).hasToString("FAILED");
    }

    /** Every field path of {@code node}, e.g. {@code detail.object.key}. */
    private static TreeSet<String> paths(JsonNode node) {
        TreeSet<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, TreeSet<String> paths) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            paths.add(prefix + name);
            if (node.get(name).isObject()) {
                collect(node.get(name), prefix + name + ".", paths);
            }
        }
    }
}
