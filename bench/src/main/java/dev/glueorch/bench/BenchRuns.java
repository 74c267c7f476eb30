package dev.glueorch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.handler.OperationsHandler;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Starts workflow runs through the operations function, as a user would, and reads them back. */
final class BenchRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OperationsHandler operations = new OperationsHandler();
    private final DynamoDbWorkflowRunStore store;

    BenchRuns(DynamoDbClient dynamoDb, String table) {
        store = new DynamoDbWorkflowRunStore(dynamoDb, table, Duration.ofDays(90));
    }

    /** Starts a run of {@code workflow} (its ON_DEMAND trigger fires) and returns the run's id. */
    String start(String workflow) throws IOException {
        byte[] response = Invocation.invoke(operations, "{\"Operation\": \"StartWorkflowRun\", \"Name\": \""
                + workflow + "\"}");
        return JSON.readTree(response).path("RunId").asText();
    }

    WorkflowRun run(String workflow, String runId) {
        return store.run(workflow, runId).orElseThrow(() -> new IllegalStateException("run " + runId + " of "
                + workflow + " is not in the table"));
    }

    /** The job run id of each job the run started, by job name. */
    Map<String, String> jobRunIds(String workflow, String runId) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (ActionRun action : run(workflow, runId).actions().values()) {
            if (action.jobRunId() == null) {
                throw new IllegalStateException(action.name() + " of run " + runId + " did not start");
            }
            ids.put(action.name(), action.jobRunId());
        }
        return ids;
    }
}
