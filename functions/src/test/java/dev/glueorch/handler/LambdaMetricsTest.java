package dev.glueorch.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics as CloudWatch extracts them: the embedded metric format documents Powertools prints on standard output
 * (as in Lambda: the build sets {@code AWS_EMF_ENVIRONMENT=Lambda}).
 */
class LambdaMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // EMF refuses timestamps more than two weeks old: a fixed clock near now
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final LambdaMetrics metrics = LambdaMetrics.fromEnvironment(Map.of(
            LambdaMetrics.NAMESPACE_VARIABLE, "GlueOrchestrator", LambdaMetrics.SERVICE_VARIABLE, "glue-orchestrator"),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private PrintStream standardOutput;

    @BeforeEach
    void captureStandardOutput() {
        standardOutput = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(standardOutput);
    }

    @Test
    void flush_shouldWriteOneEmbeddedMetricDocumentWithTheHandlingsFigures() throws Exception {
        // GIVEN a handling that fired a trigger and started two actions, one of which Glue refused
        metrics.eventHandled("Glue Job State Change", Duration.ofMillis(420));
        metrics.triggerFired("sales-hourly");
        metrics.actionStarted("sales-hourly");
        metrics.actionStarted("sales-hourly");
        metrics.actionStartFailed("sales-hourly", "ConcurrentRunsExceededException");

        // WHEN the handler flushes
        metrics.flush();

        // THEN one document, in the namespace with the Service dimension, every figure declared with its unit
        List<JsonNode> documents = documents();
        assertThat(documents).hasSize(1);
        JsonNode document = documents.get(0);
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(document.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("GlueOrchestrator");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
        assertThat(directive.path("Metrics").findValuesAsText("Name")).containsExactlyInAnyOrder("EventsHandled",
                "EventAge", "TriggersFired", "ActionsStarted", "ActionStartFailures");
        assertThat(directive.path("Metrics")).filteredOn(m -> m.path("Name").asText().equals("EventAge"))
                .singleElement().satisfies(m -> assertThat(m.path("Unit").asText()).isEqualTo("Milliseconds"));
        assertThat(document.path("Service").asText()).isEqualTo("glue-orchestrator");
        assertThat(sum(document.path("EventsHandled"))).isEqualTo(1);
        assertThat(sum(document.path("EventAge"))).isEqualTo(420);
        // CloudWatch adds a document's values up: two starts
        assertThat(sum(document.path("ActionsStarted"))).isEqualTo(2);
        assertThat(sum(document.path("ActionStartFailures"))).isEqualTo(1);
    }

    @Test
    void flush_shouldKeepEveryEventAgeAndWriteNothingWhenNothingHappened() throws Exception {
        metrics.flush();
        assertThat(documents()).as("no figures, no document").isEmpty();

        metrics.eventHandled("Scheduled Event", Duration.ofMillis(30));
        metrics.eventHandled("Scheduled Event", Duration.ofMillis(-5));
        metrics.flush();
        metrics.flush();

        List<JsonNode> documents = documents();
        assertThat(documents).as("figures are forgotten once written").hasSize(1);
        assertThat(values(documents.get(0).path("EventAge"))).containsExactly(30.0, 0.0);
        assertThat(sum(documents.get(0).path("EventsHandled"))).isEqualTo(2);
    }

    /** The EMF documents printed so far (other lines, such as log lines, are not metrics). */
    private List<JsonNode> documents() throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && JSON.readTree(line).has("_aws")) {
                documents.add(JSON.readTree(line));
            }
        }
        return documents;
    }

    /** A metric's values: one number, or a list of them. */
    private static List<Double> values(JsonNode metric) {
        return metric.isArray() ? StreamSupport.stream(metric.spliterator(), false).map(JsonNode::asDouble).toList()
                : List.of(metric.asDouble());
    }

    private static double sum(JsonNode metric) {
        return values(metric).stream().mapToDouble(Double::doubleValue).sum();
    }
}
