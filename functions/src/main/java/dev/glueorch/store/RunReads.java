package dev.glueorch.store;

import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.WorkflowRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Reads whole runs: the run's item and its own items (actions, firings) with one consistent Query of the run's key
 * range (paged by the SDK past 1 MB). A run an earlier version stored with its actions embedded in its item is moved
 * to action items the first time it is read, so that every action moves the same way.
 */
final class RunReads {

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration history;

    RunReads(DynamoDbClient dynamoDb, String tableName, Duration history) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.history = history;
    }

    Optional<WorkflowRun> run(String workflowName, String workflowRunId) {
        String runKey = RunItems.runKey(workflowRunId);
        Map<String, AttributeValue> item = null;
        List<Map<String, AttributeValue>> parts = new ArrayList<>();
        for (Map<String, AttributeValue> found : dynamoDb.queryPaginator(b -> b.tableName(tableName)
                .consistentRead(true).keyConditionExpression("PK = :pk AND SK BETWEEN :run AND :end")
                .expressionAttributeValues(Map.of(":pk", s(RunItems.workflowKey(workflowName)), ":run", s(runKey),
                        // '$' follows '#': the range holds the run's item and every key that begins with its prefix
                        ":end", s(runKey + "$")))).items()) {
            String sortKey = found.get(TableDesign.SK).s();
            if (sortKey.equals(runKey)) {
                item = found;
            } else if (sortKey.startsWith(RunItems.partsPrefix(workflowRunId))) {
                parts.add(found);
            }
        }
        if (item == null) {
            return Optional.empty();
        }
        if (item.containsKey(RunItems.ACTIONS) && !item.get(RunItems.ACTIONS).m().isEmpty()) {
            moveEmbeddedActions(RunItems.fromItems(item, parts));
            return run(workflowName, workflowRunId);
        }
        return Optional.of(RunItems.fromItems(item, parts));
    }

    /** Completes runs read from an index (their items alone) with their actions and firings. */
    List<WorkflowRun> whole(List<Map<String, AttributeValue>> runItems) {
        List<WorkflowRun> runs = new ArrayList<>();
        for (Map<String, AttributeValue> item : runItems) {
            run(item.get(RunItems.NAME).s(), item.get(RunItems.WORKFLOW_RUN_ID).s()).ifPresent(runs::add);
        }
        return runs;
    }

    /**
     * Writes each embedded action as its own item (unless a concurrent reader did: its item may have moved since),
     * then removes the embedded map. Nothing writes the embedded map any more, so this happens once per run.
     */
    private void moveEmbeddedActions(WorkflowRun run) {
        for (ActionRun action : run.actions().values()) {
            Map<String, AttributeValue> item = RunItems.expiringPart(RunItems.actionItem(run.workflowName(),
                    run.workflowRunId(), action, true), run.startedOn(), history);
            try {
                dynamoDb.putItem(b -> b.tableName(tableName).item(item)
                        .conditionExpression("attribute_not_exists(PK)"));
            } catch (ConditionalCheckFailedException e) {
                // moved already
            }
        }
        Expressions x = new Expressions();
        x.remove(x.name(RunItems.ACTIONS));
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(RunItems.key(run.workflowName(), run.workflowRunId()))
                    .updateExpression(x.update()).conditionExpression("attribute_exists(" + x.name(RunItems.ACTIONS)
                            + ")").expressionAttributeNames(x.names()));
        } catch (ConditionalCheckFailedException e) {
            // removed by a concurrent reader
        }
    }
}
