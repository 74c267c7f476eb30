package dev.glueorch.store;

import static dev.glueorch.store.RunItems.n;
import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.WorkflowRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A workflow's concurrency and queue, for {@code MaxConcurrentRuns}: {@code WORKFLOW#<name> / CONCURRENCY} counts
 * the runs RUNNING; {@code WORKFLOW#<name> / QUEUED#<partition>#<id>} is the place of a run waiting for a slot, in
 * partition order. Each write here is one item of a transaction that also changes the run's own item.
 */
final class DynamoDbRunQueue {

    private static final String CONCURRENCY = "CONCURRENCY";
    private static final String QUEUED = "QUEUED#";
    private static final String RUNNING_RUNS = "RunningRuns";
    private static final String START_TRIGGER = "StartTrigger";
    /** The whole run, on a place in the queue written by an earlier version. */
    private static final String LEGACY_RUN = "Run";

    /**
     * A run's place in the queue: its id, or for a place written by an earlier version the whole run's item
     * ({@code legacyRun}), and the trigger that fires when it starts.
     */
    record Place(Map<String, AttributeValue> key, String workflowRunId, Map<String, AttributeValue> legacyRun,
                 String startTrigger) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbRunQueue(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** Takes one of the workflow's slots; the condition fails when all {@code maxConcurrentRuns} are taken. */
    TransactWriteItem takeSlot(String workflowName, int maxConcurrentRuns) {
        Expressions x = new Expressions();
        String running = x.name(RUNNING_RUNS);
        String update = "ADD " + running + " " + x.value(n(1));
        String condition = "attribute_not_exists(" + running + ") OR " + running + " < "
                + x.value(n(maxConcurrentRuns));
        return TransactWriteItem.builder().update(u -> u.tableName(tableName).key(concurrencyKey(workflowName))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())).build();
    }

    /** Frees a slot; the condition fails when none is taken (a release already done). */
    TransactWriteItem freeSlot(String workflowName) {
        Expressions x = new Expressions();
        String running = x.name(RUNNING_RUNS);
        String update = "ADD " + running + " " + x.value(n(-1));
        String taken = running + " > " + x.value(n(0));
        return TransactWriteItem.builder().update(u -> u.tableName(tableName).key(concurrencyKey(workflowName))
                .updateExpression(update).conditionExpression(taken)
                .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())).build();
    }

    /** The run's place at the end of the queue (in partition order). */
    TransactWriteItem holdPlace(WorkflowRun run) {
        Map<String, AttributeValue> place = new HashMap<>(placeKey(run));
        place.put(RunItems.WORKFLOW_RUN_ID, s(run.workflowRunId()));
        place.put(START_TRIGGER, s(run.startTrigger()));
        return TransactWriteItem.builder().put(p -> p.tableName(tableName).item(place)).build();
    }

    /** The first places of the workflow's queue, read consistently. */
    List<Place> first(String workflowName, int limit) {
        List<Place> places = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamoDb.query(b -> b.tableName(tableName).consistentRead(true)
                .limit(limit).keyConditionExpression("PK = :pk AND begins_with(SK, :queued)")
                .expressionAttributeValues(Map.of(":pk", s(RunItems.workflowKey(workflowName)),
                        ":queued", s(QUEUED)))).items()) {
            Map<String, AttributeValue> key = Map.of(TableDesign.PK, item.get(TableDesign.PK),
                    TableDesign.SK, item.get(TableDesign.SK));
            places.add(item.containsKey(RunItems.WORKFLOW_RUN_ID)
                    ? new Place(key, item.get(RunItems.WORKFLOW_RUN_ID).s(), null, item.get(START_TRIGGER).s())
                    : new Place(key, null, item.get(LEGACY_RUN).m(), item.get(START_TRIGGER).s()));
        }
        return places;
    }

    /** The run leaves its place; the condition fails when a concurrent caller took it first. */
    TransactWriteItem leave(Place place) {
        return TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(place.key())
                .conditionExpression("attribute_exists(PK)")).build();
    }

    /** The run leaves its place, whether or not it is still there. */
    TransactWriteItem leave(WorkflowRun run) {
        return TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(placeKey(run))).build();
    }

    /** Removes a place whose run is no longer QUEUED. */
    void drop(Place place) {
        dynamoDb.deleteItem(b -> b.tableName(tableName).key(place.key()));
    }

    private static Map<String, AttributeValue> placeKey(WorkflowRun run) {
        String order = run.partitionId() != null ? run.partitionId() : run.startedOn().toString();
        return Map.of(TableDesign.PK, s(RunItems.workflowKey(run.workflowName())),
                TableDesign.SK, s(QUEUED + order + "#" + run.workflowRunId()));
    }

    private static Map<String, AttributeValue> concurrencyKey(String workflowName) {
        return Map.of(TableDesign.PK, s(RunItems.workflowKey(workflowName)), TableDesign.SK, s(CONCURRENCY));
    }
}
