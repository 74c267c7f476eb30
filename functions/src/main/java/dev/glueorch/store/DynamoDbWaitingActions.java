package dev.glueorch.store;

import static dev.glueorch.store.RunItems.n;
import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.ActionRef;
import dev.glueorch.engine.RetryClaim;
import dev.glueorch.engine.WaitingActions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The waiting actions, {@code WAITING / <actionId>}: an entry per action waiting for Glue to accept its start, with
 * the retry holding it ({@code ClaimedUntil}) and whether an earlier start's outcome is unknown ({@code LookUpFirst}).
 * The action's own state is on its run's item; the entry is written before the action moves to WAITING and removed
 * after it leaves, so a crash in between leaves an entry to skip, never a lost action.
 */
public final class DynamoDbWaitingActions implements WaitingActions {

    private static final String PARTITION = "WAITING";
    /** The outcome of the action's last start is unknown: look its run up before another. */
    private static final String LOOK_UP_FIRST = "LookUpFirst";
    /** Until when a retry holds the action (epoch milliseconds). */
    private static final String CLAIMED_UNTIL = "ClaimedUntil";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbWaitingActions(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public List<ActionRef> waitingActions(int limit) {
        List<ActionRef> refs = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamoDb.query(b -> b.tableName(tableName).limit(limit)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(PARTITION)))).items()) {
            refs.add(new ActionRef(item.get(RunItems.NAME).s(), item.get(RunItems.WORKFLOW_RUN_ID).s(),
                    item.get(RunItems.ACTION_ID).s()));
        }
        return refs;
    }

    @Override
    public Optional<RetryClaim> claimWaitingAction(ActionRef action, Instant now, Instant until) {
        Expressions x = new Expressions();
        String claimedUntil = x.name(CLAIMED_UNTIL);
        String update = "SET " + claimedUntil + " = " + x.value(n(until.toEpochMilli()));
        String free = "attribute_exists(PK) AND (attribute_not_exists(" + claimedUntil + ") OR " + claimedUntil
                + " < " + x.value(n(now.toEpochMilli())) + ")";
        Map<String, AttributeValue> before;
        try {
            before = dynamoDb.updateItem(b -> b.tableName(tableName).key(key(action)).updateExpression(update)
                    .conditionExpression(free).expressionAttributeNames(x.names())
                    .expressionAttributeValues(x.values()).returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        // a claim that lapsed belonged to a retry that died: its start may have reached Glue
        boolean lookUpFirst = before.containsKey(CLAIMED_UNTIL)
                || (before.containsKey(LOOK_UP_FIRST) && Boolean.TRUE.equals(before.get(LOOK_UP_FIRST).bool()));
        return Optional.of(new RetryClaim(action, lookUpFirst));
    }

    @Override
    public void forgetWaitingAction(ActionRef action) {
        dynamoDb.deleteItem(b -> b.tableName(tableName).key(key(action)));
    }

    /**
     * Lists the action among the waiting ones before it moves. Only if it is not listed yet: a caller that then loses
     * the move must not erase the winner's claim on the entry.
     */
    void list(ActionRef action, boolean lookUpFirst) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(Map.of(TableDesign.PK, s(PARTITION),
                    TableDesign.SK, s(action.actionId()), RunItems.NAME, s(action.workflowName()),
                    RunItems.WORKFLOW_RUN_ID, s(action.workflowRunId()), RunItems.ACTION_ID, s(action.actionId()),
                    LOOK_UP_FIRST, AttributeValue.fromBool(lookUpFirst)))
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            // listed already, by a concurrent caller of the same move
        }
    }

    /** A retry that did not start the action lets it go (and says whether to look up first). */
    boolean release(ActionRef action, boolean lookUpFirst) {
        Expressions x = new Expressions();
        String release = "SET " + x.name(LOOK_UP_FIRST) + " = " + x.value(AttributeValue.fromBool(lookUpFirst))
                + " REMOVE " + x.name(CLAIMED_UNTIL);
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key(action)).updateExpression(release)
                    .conditionExpression("attribute_exists(PK)").expressionAttributeNames(x.names())
                    .expressionAttributeValues(x.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            // no longer waiting: a concurrent retry started or ended it
            return false;
        }
    }

    /** The entry's removal, in the same transaction that starts the action. */
    TransactWriteItem forget(ActionRef action) {
        return TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(key(action))).build();
    }

    private static Map<String, AttributeValue> key(ActionRef action) {
        return Map.of(TableDesign.PK, s(PARTITION), TableDesign.SK, s(action.actionId()));
    }
}
