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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The metrics as CloudWatch extracts them: embedded metric format documents on standard output. */
class LambdaMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-21T14:00:05Z");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final LambdaMetrics metrics = new LambdaMetrics("GlueOrchestrator", "glue-orchestrator",
            new PrintStream(out, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void flush_shouldWriteOneEmbeddedMetricDocumentWithTheHandlingsFigures() throws Exception {
        // GIVEN a handling that fired a trigger and started two actions, one of which Glue refused
        metrics.eventHandled("Glue Job State Change", Duration.ofMillis(420));
        metrics.triggerFired("sales-hourly");
        metrics.actionStarted("sales-hourly");
        metrics.actionStarted("sales-hourly");
        metrics.actionStartFailed("sales-hourly", "ConcurrentRunsExceededException");

        metrics.flush();

        // THEN one line, in the namespace with the Service dimension, counts added up, every figure declared
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1);
        JsonNode document = JSON.readTree(lines[0]);
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(document.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("GlueOrchestrator");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
        assertThat(directive.path("Metrics").findValuesAsText("Name")).containsExactly("EventsHandled", "EventAge",
                "TriggersFired", "ActionsStarted", "ActionStartFailures");
        assertThat(directive.path("Metrics").path(1).path("Unit").asText()).isEqualTo("Milliseconds");
        assertThat(document.path("Service").asText()).isEqualTo("glue-orchestrator");
        assertThat(document.path("EventsHandled").asLong()).isEqualTo(1);
        assertThat(document.path("EventAge").asLong()).isEqualTo(420);
        assertThat(document.path("ActionsStarted").asLong()).isEqualTo(2);
        assertThat(document.path("ActionStartFailures").asLong()).isEqualTo(1);
    }

    @Test
    void flush_shouldKeepEveryEventAgeAndWriteNothingWhenNothingHappened() throws Exception {
        metrics.flush();
        assertThat(out.size()).as("no figures, no document").isZero();

        metrics.eventHandled("Scheduled Event", Duration.ofMillis(30));
        metrics.eventHandled("Scheduled Event", Duration.ofMillis(-5));
        metrics.flush();
        metrics.flush();

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).as("figures are forgotten once written").hasSize(1);
        JsonNode document = JSON.readTree(lines[0]);
        assertThat(document.path("EventAge").toString()).isEqualTo("[30,0]");
        assertThat(document.path("EventsHandled").asLong()).isEqualTo(2);
    }

    @Test
    void concurrentHandlings_shouldEachWriteTheirOwnFigures() throws Exception {
        metrics.actionStarted("a");
        CompletableFuture.runAsync(() -> {
            metrics.triggerFired("b");
            metrics.flush();
        }).get();
        metrics.flush();

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines[0]).has("ActionsStarted")).isFalse();
        assertThat(JSON.readTree(lines[0]).path("TriggersFired").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(lines[1]).has("TriggersFired")).isFalse();
        assertThat(JSON.readTree(lines[1]).path("ActionsStarted").asLong()).isEqualTo(1);
    }
}
