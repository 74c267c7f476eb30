package dev.glueorch.store;

import static dev.glueorch.store.RunItems.n;
import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.PendingEvent;
import dev.glueorch.engine.RunPage;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.JobRunState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The runs, {@code WORKFLOW#<name> / RUN#<id>} (mapped by {@link RunItems}): listed by start time in the
 * RunsByStartedOn index and, while RUNNING or STOPPING, in the ActiveRuns index. A run expires only once ended.
 */
final class DynamoDbRuns {

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration history;
    private final RunReads reads;

    DynamoDbRuns(DynamoDbClient dynamoDb, String tableName, Duration history) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.history = history;
        this.reads = new RunReads(dynamoDb, tableName, history);
    }

    /** The whole run, its actions included. */
    Optional<WorkflowRun> run(String workflowName, String workflowRunId) {
        return reads.run(workflowName, workflowRunId);
    }

    /** The run's item, read consistently ({@code null} or empty when there is none). */
    Map<String, AttributeValue> item(String workflowName, String workflowRunId) {
        return dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(RunItems.key(workflowName, workflowRunId))).item();
    }

    /** A run its write's condition said exists. */
    WorkflowRun existing(String workflowName, String workflowRunId) {
        return run(workflowName, workflowRunId).orElseThrow(() -> new IllegalStateException(
                "run " + workflowRunId + " exists by its condition but cannot be read"));
    }

    /** Writes a new run's item; false when a run with its id exists. */
    boolean putNew(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A new run's item, for a transaction: the condition fails when a run with its id exists. */
    TransactWriteItem newItem(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(PK)")).build();
    }

    /**
     * A place in the queue written before queued runs had their own item holds the whole run: its item is written
     * now, QUEUED, so that it leaves the queue like the others. Returns its id.
     */
    String keepLegacyQueuedRun(Map<String, AttributeValue> runItem) {
        Map<String, AttributeValue> item = new HashMap<>(runItem);
        item.put(RunItems.STATUS, s(WorkflowRunStatus.QUEUED.name()));
        item.remove(TableDesign.GSI2_PK);
        item.remove(TableDesign.GSI2_SK);
        item.remove(TableDesign.TTL_ATTRIBUTE);
        putNew(item);
        return item.get(RunItems.WORKFLOW_RUN_ID).s();
    }

    /** QUEUED → RUNNING: it starts now, and joins the active runs the reconciler looks after. */
    TransactWriteItem leaveQueue(String workflowName, String workflowRunId, Instant now) {
        Expressions x = new Expressions();
        x.set(x.name(RunItems.STATUS), x.value(s(WorkflowRunStatus.RUNNING.name())));
        x.set(x.name(RunItems.STARTED_ON), x.value(s(now.toString())));
        x.set(x.name(TableDesign.GSI1_SK), x.value(s(RunItems.byStartedOn(now, workflowRunId))));
        x.set(x.name(TableDesign.GSI2_PK), x.value(s(RunItems.ACTIVE)));
        x.set(x.name(TableDesign.GSI2_SK), x.value(s(RunItems.activeSince(now, workflowName, workflowRunId))));
        OutboxAttributes.add(x, PendingEvent.ofRun(PendingEvent.Kind.RUN_STARTED, workflowRunId, now));
        return whileQueued(workflowName, workflowRunId, x);
    }

    /** QUEUED → STOPPED: a run that never started. */
    TransactWriteItem stopQueued(String workflowName, String workflowRunId, Instant at) {
        Expressions x = new Expressions();
        x.set(x.name(RunItems.STATUS), x.value(s(WorkflowRunStatus.STOPPED.name())));
        x.set(x.name(RunItems.COMPLETED_ON), x.value(s(at.toString())));
        x.set(x.name(TableDesign.TTL_ATTRIBUTE), x.value(n(expiresAt(at))));
        return whileQueued(workflowName, workflowRunId, x);
    }

    private TransactWriteItem whileQueued(String workflowName, String workflowRunId, Expressions x) {
        String queuedNow = x.name(RunItems.STATUS) + " = " + x.value(s(WorkflowRunStatus.QUEUED.name()));
        return TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(RunItems.key(workflowName, workflowRunId)).updateExpression(x.update())
                .conditionExpression(queuedNow).expressionAttributeNames(x.names())
                .expressionAttributeValues(x.values())).build();
    }

    /**
     * Ends the run if it is {@code from} with nothing running or waiting, and returns its item after; empty when
     * another caller ended it or an action started meanwhile. It stays active until {@link #leaveActive}.
     */
    Optional<Map<String, AttributeValue>> complete(String workflowName, String workflowRunId, WorkflowRunStatus from,
                                                   Instant at) {
        WorkflowRunStatus to = from == WorkflowRunStatus.STOPPING ? WorkflowRunStatus.STOPPED
                : WorkflowRunStatus.COMPLETED;
        Expressions x = new Expressions();
        String status = x.name(RunItems.STATUS);
        x.set(status, x.value(s(to.name())));
        x.set(x.name(RunItems.COMPLETED_ON), x.value(s(at.toString())));
        // the run has ended: only now may its history expire
        x.set(x.name(TableDesign.TTL_ATTRIBUTE), x.value(n(expiresAt(at))));
        OutboxAttributes.add(x, PendingEvent.ofRun(PendingEvent.Kind.RUN_COMPLETED, workflowRunId, at));
        String zero = x.value(n(0));
        String condition = status + " = " + x.value(s(from.name())) + " AND "
                + x.name(RunItems.RUNNING) + " = " + zero + " AND " + x.name(RunItems.WAITING) + " = " + zero;
        try {
            return Optional.of(dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(RunItems.key(workflowName, workflowRunId))
                    .updateExpression(x.update()).conditionExpression(condition)
                    .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** The ended run leaves the ActiveRuns index; the condition fails when it already left. */
    TransactWriteItem leaveActive(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = RunItems.key(item.get(RunItems.NAME).s(),
                item.get(RunItems.WORKFLOW_RUN_ID).s());
        Expressions x = new Expressions();
        String leave = "REMOVE " + x.name(TableDesign.GSI2_PK) + ", " + x.name(TableDesign.GSI2_SK);
        String stillThere = "attribute_exists(" + x.name(TableDesign.GSI2_PK) + ")";
        return TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key)
                .updateExpression(leave).conditionExpression(stillThere).expressionAttributeNames(x.names()))
                .build();
    }

    Optional<WorkflowRun> recordRemoteOutcome(String workflowName, String workflowRunId, String key,
                                              JobRunState state) {
        Expressions x = new Expressions();
        String update = "SET " + x.path(RunItems.REMOTE_OUTCOMES, key) + " = " + x.value(s(state.name()));
        return update(workflowName, workflowRunId, x, update, running(x));
    }

    void recordStartTrigger(String workflowName, String workflowRunId, String triggerName) {
        Expressions x = new Expressions();
        String startTrigger = x.name(RunItems.START_TRIGGER);
        String update = "SET " + startTrigger + " = if_not_exists(" + startTrigger + ", " + x.value(s(triggerName))
                + ")";
        updated(workflowName, workflowRunId, x, update, running(x));
    }

    Optional<WorkflowRun> stopRun(String workflowName, String workflowRunId) {
        Expressions x = new Expressions();
        String update = "SET " + x.name(RunItems.STATUS) + " = " + x.value(s(WorkflowRunStatus.STOPPING.name()));
        return update(workflowName, workflowRunId, x, update, running(x));
    }

    Optional<WorkflowRun> putRunProperties(String workflowName, String workflowRunId,
                                           Map<String, String> properties) {
        if (properties.isEmpty()) {
            return run(workflowName, workflowRunId);
        }
        Expressions x = new Expressions();
        List<String> sets = new ArrayList<>();
        properties.forEach((name, value) -> sets.add(x.path(RunItems.PROPERTIES, name) + " = " + x.value(s(value))));
        return update(workflowName, workflowRunId, x, "SET " + String.join(", ", sets), "attribute_exists(PK)");
    }

    /** Every run of the workflow, oldest first. */
    List<WorkflowRun> runs(String workflowName) {
        List<WorkflowRun> runs = new ArrayList<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(tableName).indexName(TableDesign.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(RunItems.workflowKey(workflowName)))))
                .items().forEach(items::add);
        return reads.whole(items);
    }

    RunPage runs(String workflowName, Instant since, WorkflowRunStatus status, int limit, String nextToken) {
        Expressions x = new Expressions();
        String keyCondition = x.name(TableDesign.GSI1_PK) + " = " + x.value(s(RunItems.workflowKey(workflowName)))
                + (since == null ? "" : " AND " + x.name(TableDesign.GSI1_SK) + " >= "
                + x.value(s(TableDesign.sortable(since))));
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(TableDesign.GSI1)
                .scanIndexForward(false).limit(limit).keyConditionExpression(keyCondition);
        if (status != null) {
            query.filterExpression(x.name(RunItems.STATUS) + " = " + x.value(s(status.name())));
        }
        query.expressionAttributeNames(x.names()).expressionAttributeValues(x.values());
        if (nextToken != null) {
            query.exclusiveStartKey(PageTokens.decode(nextToken));
        }
        QueryResponse page = dynamoDb.query(query.build());
        return new RunPage(reads.whole(page.items()), page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? PageTokens.encode(page.lastEvaluatedKey()) : null);
    }

    /** The runs in the ActiveRuns index, oldest first, each read whole and consistently from the table. */
    List<WorkflowRun> activeRuns() {
        List<WorkflowRun> runs = new ArrayList<>();
        // the index holds keys only (its order is oldest first): each run is one Query of its key range
        dynamoDb.queryPaginator(b -> b.tableName(tableName).indexName(TableDesign.GSI2)
                .keyConditionExpression("GSI2PK = :active")
                .expressionAttributeValues(Map.of(":active", s(RunItems.ACTIVE))))
                .items().forEach(key -> reads.run(key.get(TableDesign.PK).s().substring(
                        RunItems.workflowKey("").length()), key.get(TableDesign.SK).s().substring(
                        RunItems.runKey("").length())).ifPresent(runs::add));
        return runs;
    }

    /** One conditional update of the run's item; the whole run after, or empty when the condition failed. */
    Optional<WorkflowRun> update(String workflowName, String workflowRunId, Expressions x, String update,
                                 String condition) {
        return updated(workflowName, workflowRunId, x, update, condition) ? run(workflowName, workflowRunId)
                : Optional.empty();
    }

    private boolean updated(String workflowName, String workflowRunId, Expressions x, String update,
                            String condition) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(RunItems.key(workflowName, workflowRunId))
                    .updateExpression(update).conditionExpression(condition).expressionAttributeNames(x.names())
                    .expressionAttributeValues(x.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The condition that the run is RUNNING. */
    static String running(Expressions x) {
        return x.name(RunItems.STATUS) + " = " + x.value(s(WorkflowRunStatus.RUNNING.name()));
    }

    private long expiresAt(Instant from) {
        return from.plus(history).getEpochSecond();
    }
}
