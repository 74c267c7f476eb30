package dev.glueorch.bench;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.glueorch.cli.simulate.Scenario;
import dev.glueorch.cli.simulate.ScenarioReader;
import dev.glueorch.cli.simulate.Simulation;
import dev.glueorch.cli.simulate.SimulationResult;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code glueorch simulate} over {@code days} days of hourly runs of the example pipeline
 * (workflows/examples/hourly). Floor: the DynamoDB requests the simulation made, recorded and sent again bare, in
 * order, to a fresh embedded DynamoDB Local (the store the simulation runs on).
 */
final class SimulatorFigure {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");

    Map<String, Object> run(Path exampleWorkflows, int days, Path workDir) throws IOException {
        Definitions definitions = new DefinitionLoader().load(exampleWorkflows);
        Path scenarioFile = Files.createDirectories(workDir).resolve("simulator-" + days + "-days.scenario.json");
        Files.writeString(scenarioFile, """
                {"from": "%s", "to": "%s",
                 "jobs": {"ingest-orders": {"durationMinutes": 20}, "ingest-payments": {"durationMinutes": 15},
                          "transform-sales": {"durationMinutes": 25}, "load-sales": {"durationMinutes": 10},
                          "alert-on-failure": {"durationMinutes": 1}},
                 "crawlers": {"catalog-sales": {"durationMinutes": 5}}}
                """.formatted(FROM, FROM.plus(days, ChronoUnit.DAYS)));
        Scenario scenario = new ScenarioReader().read(scenarioFile, definitions);
        DynamoDbRecorder requests = new DynamoDbRecorder();
        long start = System.nanoTime();
        SimulationResult result = new Simulation(definitions, scenario).runObserved(requests::wrap);
        long nanos = System.nanoTime() - start;
        AmazonDynamoDBLocal bare = DynamoDBEmbedded.create(true);
        long floorNanos;
        try (DynamoDbClient client = bare.dynamoDbClient()) {
            floorNanos = requests.replay(client);
        } finally {
            bare.shutdown();
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("days", days);
        figures.put("workflowRuns", result.workflowRuns().size());
        figures.put("completed", result.workflowRuns().stream()
                .filter(r -> r.status() == WorkflowRunStatus.COMPLETED).count());
        figures.put("seconds", Math.round(nanos / 1e6) / 1e3);
        figures.put("dynamoDbRequests", requests.size());
        figures.put("floorSeconds", Math.round(floorNanos / 1e6) / 1e3);
        return figures;
    }
}
