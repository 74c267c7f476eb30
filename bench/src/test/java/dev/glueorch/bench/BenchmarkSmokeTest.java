package dev.glueorch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * CI runs the benchmark on its small size: every figure is produced (cold starts through the Runtime Interface
 * Client, the warm run with its floor, fan-in, tick, simulator) and the correctness rows hold. Times are not
 * checked here: a benchmark measures, it is not a timed test.
 */
class BenchmarkSmokeTest {

    @Test
    void smallRun_shouldProduceEveryFigureAndKeepTheRequestBudgets() throws Exception {
        Path out = Path.of("target", "bench-small", "results.json");
        Benchmark benchmark = new Benchmark(Size.small, Path.of("../functions/target/functions-0.1.0-SNAPSHOT-lambda.zip"),
                Path.of("../workflows/examples/hourly"), Path.of("target", "bench-small"));

        Results results = benchmark.run();
        results.write(out);

        JsonNode written = new ObjectMapper().readTree(out.toFile());
        JsonNode figures = written.path("figures");
        assertThat(figures.path("coldStart").path("medianMs").asDouble()).isPositive();
        assertThat(figures.path("coldStart").path("floorMedianMs").asDouble()).isPositive();
        assertThat(figures.path("coldStart").path("oneGetItemMedianMs").asDouble()).isPositive();
        for (String kind : new String[]{"nonFiring", "firing"}) {
            JsonNode event = figures.path("events").path(kind);
            assertThat(event.path("handler").path("count").asInt()).isEqualTo(Size.small.measuredRuns);
            assertThat(event.path("floor").path("p50").asDouble()).isPositive();
            assertThat(event.path("requests").path("definitionsReads").asInt()).isZero();
        }
        // the request budget: owner, move, the run read whole and the outbox's mark of the handling's events;
        // firing adds claim and start
        assertThat(figures.path("events").path("nonFiring").path("requests").path("DynamoDb").path("max").asInt())
                .isEqualTo(4);
        assertThat(figures.path("events").path("firing").path("requests").path("DynamoDb").path("max").asInt())
                .isEqualTo(6);
        assertThat(figures.path("events").path("firing").path("requests").path("Glue").path("max").asInt())
                .isEqualTo(1);
        for (String kind : new String[]{"nonFiring", "firing"}) {
            assertThat(figures.path("events").path(kind).path("requests").path("EventBridge").path("max").asInt())
                    .as("one PutEvents per %s event, whatever it publishes", kind).isEqualTo(1);
        }
        assertThat(figures.path("fanIn").path("mergeStarts").asInt()).isEqualTo(1);
        assertThat(figures.path("fanIn").path("statisticsExact").asBoolean()).isTrue();
        assertThat(figures.path("tick").path("noneDue").path("dynamoDbRequests").asInt()).isEqualTo(2);
        assertThat(figures.path("tick").path("due").path("jobsStarted").asInt()).isEqualTo(Size.small.dueTriggers);
        assertThat(figures.path("simulator").path("completed").asInt())
                .isEqualTo(figures.path("simulator").path("workflowRuns").asInt()).isEqualTo(24 * Size.small.simulatedDays);
        assertThat(figures.path("simulator").path("dynamoDbRequests").asInt()).as("the simulator's floor is recorded")
                .isPositive();
        assertThat(figures.path("simulator").path("floorSeconds").asDouble()).isPositive();
        assertThat(figures.path("peakRssMb").asDouble()).isPositive();
        // Lambda's direct-upload limit: the SDK's generated clients are most of the package
        assertThat(figures.path("packageMb").asDouble()).as("the Lambda zip, MB").isPositive().isLessThanOrEqualTo(50);
        assertThat(written.path("costPerMillionEventsUsd").path("firing").path("total").asDouble()).isPositive();
        assertThat(results.table()).contains("| cold start (median, ms) |");
    }
}
