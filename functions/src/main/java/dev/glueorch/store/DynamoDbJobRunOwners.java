package dev.glueorch.store;

import static dev.glueorch.store.RunItems.n;
import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.ActionRef;
import dev.glueorch.engine.StateUpdate;
import dev.glueorch.model.JobRunState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The job-run owners, {@code JOBRUN#<id> / JOBRUN}: which action a Glue job run belongs to (its events carry only
 * the job run id), and a state an event reported before the start was recorded (applied when it is, not lost).
 * Nothing is written for a job run of a job the orchestrator never starts.
 */
final class DynamoDbJobRunOwners {

    private static final String REPORTED_STATE = "ReportedState";
    private static final String REPORTED_AT = "ReportedAt";
    private static final String REPORTED_MESSAGE = "ReportedMessage";
    /** How long a job run's state reported before any start of it was recorded is kept. */
    static final Duration UNOWNED_STATE_HISTORY = Duration.ofDays(1);

    /** The owner was written; {@code reportedBefore} is the state an event reported first, if one did. */
    record Recorded(Optional<StateUpdate> reportedBefore) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration history;

    DynamoDbJobRunOwners(DynamoDbClient dynamoDb, String tableName, Duration history) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.history = history;
    }

    /** The owner's write for a transaction: it fails when an event reported a state first (then {@link #record}). */
    TransactWriteItem recordFirst(ActionRef action, String jobRunId, Instant startedOn) {
        Expressions x = ownerOf(action, startedOn);
        String reported = x.name(REPORTED_STATE);
        return TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key(jobRunId))
                .updateExpression(x.update()).conditionExpression("attribute_not_exists(" + reported + ")")
                .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())).build();
    }

    /**
     * Writes the owner alone, keeping a state an event reported first; only if no other action owns the job run,
     * so a race can never re-point it. Empty when another action owns it.
     */
    Optional<Recorded> record(ActionRef action, String jobRunId, Instant startedOn) {
        Expressions x = ownerOf(action, startedOn);
        String ownedBy = x.name(RunItems.ACTION_ID);
        String unownedOrSame = "attribute_not_exists(" + ownedBy + ") OR " + ownedBy + " = "
                + x.value(s(action.actionId()));
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.updateItem(b -> b.tableName(tableName).key(key(jobRunId))
                    .updateExpression(x.update()).conditionExpression(unownedOrSame)
                    .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        if (!item.containsKey(REPORTED_STATE)) {
            return Optional.of(new Recorded(Optional.empty()));
        }
        return Optional.of(new Recorded(Optional.of(new StateUpdate(JobRunState.valueOf(item.get(REPORTED_STATE).s()),
                Instant.parse(item.get(REPORTED_AT).s()), RunItems.text(item, REPORTED_MESSAGE)))));
    }

    /**
     * Records a state a job run reached. Returns its owner; empty when there is none yet (then the state is kept
     * for a while only with {@code keepIfUnowned}; without it, nothing is written).
     */
    Optional<ActionRef> recordState(String jobRunId, StateUpdate update, boolean keepIfUnowned) {
        Expressions x = new Expressions();
        String ttl = x.name(TableDesign.TTL_ATTRIBUTE);
        StringBuilder expression = new StringBuilder("SET ")
                .append(x.name(REPORTED_STATE)).append(" = ").append(x.value(s(update.state().name()))).append(", ")
                .append(x.name(REPORTED_AT)).append(" = ").append(x.value(s(update.at().toString()))).append(", ")
                // an owner's item already expires with its history; a state kept for a start not yet recorded
                // only matters for moments, so it goes soon if no start claims it
                .append(ttl).append(" = if_not_exists(").append(ttl).append(", ")
                .append(x.value(n(update.at().plus(UNOWNED_STATE_HISTORY).getEpochSecond()))).append(')');
        if (update.errorMessage() != null) {
            expression.append(", ").append(x.name(REPORTED_MESSAGE)).append(" = ")
                    .append(x.value(s(update.errorMessage())));
        }
        String condition = keepIfUnowned ? null : "attribute_exists(" + x.name(RunItems.ACTION_ID) + ")";
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.updateItem(b -> b.tableName(tableName).key(key(jobRunId))
                    .updateExpression(expression.toString()).conditionExpression(condition)
                    .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        return ownerIn(item);
    }

    /** The action the job run belongs to, if its start was recorded (a read only). */
    Optional<ActionRef> owner(String jobRunId) {
        return ownerIn(dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true).key(key(jobRunId))).item());
    }

    private static Optional<ActionRef> ownerIn(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(RunItems.ACTION_ID)) {
            return Optional.empty();
        }
        return Optional.of(new ActionRef(item.get(RunItems.NAME).s(), item.get(RunItems.WORKFLOW_RUN_ID).s(),
                item.get(RunItems.ACTION_ID).s()));
    }

    /** The SET expression that names the action a job run belongs to. */
    private Expressions ownerOf(ActionRef action, Instant startedOn) {
        Expressions x = new Expressions();
        x.set(x.name(RunItems.NAME), x.value(s(action.workflowName())));
        x.set(x.name(RunItems.WORKFLOW_RUN_ID), x.value(s(action.workflowRunId())));
        x.set(x.name(RunItems.ACTION_ID), x.value(s(action.actionId())));
        x.set(x.name(RunItems.STARTED_ON), x.value(s(startedOn.toString())));
        x.set(x.name(TableDesign.TTL_ATTRIBUTE), x.value(n(startedOn.plus(history).getEpochSecond())));
        return x;
    }

    private static Map<String, AttributeValue> key(String jobRunId) {
        return Map.of(TableDesign.PK, s("JOBRUN#" + jobRunId), TableDesign.SK, s("JOBRUN"));
    }
}
