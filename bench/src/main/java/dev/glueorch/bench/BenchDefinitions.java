package dev.glueorch.bench;

import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.TableCreator;
import dev.glueorch.testing.GeneratedDefinitions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the benchmark deploys: workflow {@code bench-pair} (ON_DEMAND start of jobs bench-a and bench-b; an AND of
 * both starts bench-c, so a's event fires nothing and b's fires one action), the {@code fan-in} workflow and
 * {@code scheduled} SCHEDULED triggers of which {@code due} are hourly.
 */
final class BenchDefinitions {

    static final String PAIR = "bench-pair";
    static final String FAN_IN = "fan-in";

    private static final String PAIR_FILE = """
            {"Workflow": {"Name": "bench-pair", "DefaultRunProperties": {"lake": "s3://bench-lake"}},
             "Triggers": [
               {"Name": "bench-start", "Type": "ON_DEMAND",
                "Actions": [{"JobName": "bench-a"}, {"JobName": "bench-b"}]},
               {"Name": "bench-join", "Type": "CONDITIONAL",
                "Predicate": {"Logical": "AND", "Conditions": [
                  {"LogicalOperator": "EQUALS", "JobName": "bench-a", "State": "SUCCEEDED"},
                  {"LogicalOperator": "EQUALS", "JobName": "bench-b", "State": "SUCCEEDED"}]},
                "Actions": [{"JobName": "bench-c", "Arguments": {"--target": "${lake}/joined"}}]}]}
            """;

    private BenchDefinitions() {
    }

    static Definitions of(int fanInJobs, int scheduled, int due) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("workflows/bench-pair.json", PAIR_FILE);
        files.putAll(GeneratedDefinitions.fanInFiles(fanInJobs));
        files.putAll(GeneratedDefinitions.scheduledFiles(scheduled, due));
        return new DefinitionValidator().validateAll(files);
    }

    /** Creates the orchestrator's table and publishes {@code definitions} as the stack does at deploy time. */
    static void deploy(DynamoDbClient dynamoDb, String table, Definitions definitions) {
        TableCreator.create(dynamoDb, table);
        new DynamoDbDefinitionsSource(dynamoDb, table, Clock.systemUTC(), Duration.ofSeconds(60)).publish(definitions);
    }
}
