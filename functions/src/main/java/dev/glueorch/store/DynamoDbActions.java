package dev.glueorch.store;

import static dev.glueorch.store.RunItems.n;
import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.ActionRef;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.ActionTransition;
import dev.glueorch.engine.PendingEvent;
import dev.glueorch.engine.StateUpdate;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.JobRunState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A run's actions: added when a trigger fires (its claim), moved from state to state with the statistics they
 * change, each move one conditional update, so a duplicate or late delivery moves nothing.
 */
final class DynamoDbActions {

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbRuns runs;
    private final DynamoDbWaitingActions waiting;

    DynamoDbActions(DynamoDbClient dynamoDb, String tableName, DynamoDbRuns runs, DynamoDbWaitingActions waiting) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.runs = runs;
        this.waiting = waiting;
    }

    /** Claims the firing of {@code triggerName} and adds its actions; empty if it fired or the run is not RUNNING. */
    Optional<WorkflowRun> claimTrigger(String workflowName, String workflowRunId, String triggerName,
                                       List<ActionRun> actions) {
        Expressions x = new Expressions();
        String count = x.value(n(actions.size()));
        String update = "SET " + added(x, actions) + " ADD " + x.name(RunItems.FIRED_TRIGGERS) + " "
                + x.value(AttributeValue.fromSs(List.of(triggerName))) + ", " + x.name(RunItems.TOTAL) + " " + count
                + ", " + x.name(RunItems.RUNNING) + " " + count;
        String condition = DynamoDbRuns.running(x) + " AND NOT contains(" + x.name(RunItems.FIRED_TRIGGERS) + ", "
                + x.value(s(triggerName)) + ")";
        return runs.update(workflowName, workflowRunId, x, update, condition);
    }

    /** Adds actions outside any trigger's claim (a resumed run's chosen jobs); empty if the run is not RUNNING. */
    Optional<WorkflowRun> addActions(String workflowName, String workflowRunId, List<ActionRun> actions) {
        Expressions x = new Expressions();
        String count = x.value(n(actions.size()));
        String update = "SET " + added(x, actions) + " ADD " + x.name(RunItems.TOTAL) + " " + count + ", "
                + x.name(RunItems.RUNNING) + " " + count;
        return runs.update(workflowName, workflowRunId, x, update, DynamoDbRuns.running(x));
    }

    /**
     * Moves the action to {@code target}, from whichever of the transition's origins it is in (the usual one is
     * tried first; a failed condition returns the item, which tells the real one). Empty when it was in none.
     */
    Optional<WorkflowRun> move(ActionRef action, ActionTransition transition, JobRunState target, StateUpdate update,
                               String jobRunId) {
        JobRunState expected = transition.usualFrom();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Optional<WorkflowRun> after = Optional.of(RunItems.fromItem(
                        send(action, expected, target, update, jobRunId).attributes()));
                if (expected == JobRunState.WAITING) {
                    waiting.forgetWaitingAction(action);
                }
                return after;
            } catch (ConditionalCheckFailedException e) {
                JobRunState current = currentState(e.item(), action.actionId());
                if (current == null || !transition.from().contains(current) || current == expected) {
                    return Optional.empty();
                }
                expected = current;
            }
        }
        return Optional.empty();
    }

    /** The action's move from {@code from} to RUNNING, for a transaction with the record of what started. */
    TransactWriteItem started(ActionRef action, JobRunState from, StateUpdate running, String jobRunId) {
        Move move = move(action, from, JobRunState.RUNNING, running, jobRunId);
        return TransactWriteItem.builder().update(Update.builder().tableName(tableName).key(move.key())
                .updateExpression(move.expression().update()).conditionExpression(move.condition())
                .expressionAttributeNames(move.expression().names())
                .expressionAttributeValues(move.expression().values()).build()).build();
    }

    private UpdateItemResponse send(ActionRef action, JobRunState from, JobRunState to, StateUpdate update,
                                    String jobRunId) {
        Move move = move(action, from, to, update, jobRunId);
        return dynamoDb.updateItem(b -> b.tableName(tableName).key(move.key())
                .updateExpression(move.expression().update())
                .conditionExpression(move.condition())
                .expressionAttributeNames(move.expression().names())
                .expressionAttributeValues(move.expression().values())
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
    }

    /** An action's move from {@code from} to {@code to} on its run item, with the statistics it changes. */
    private static Move move(ActionRef action, JobRunState from, JobRunState to, StateUpdate update,
                             String jobRunId) {
        Expressions x = new Expressions();
        String id = action.actionId();
        x.set(x.path(RunItems.ACTIONS, id, RunItems.STATE), x.value(s(to.name())));
        if (to.isTerminal()) {
            x.set(x.path(RunItems.ACTIONS, id, RunItems.COMPLETED_ON), x.value(s(update.at().toString())));
        }
        if (to == JobRunState.RUNNING && from == JobRunState.WAITING) {
            x.set(x.path(RunItems.ACTIONS, id, RunItems.STARTED_ON), x.value(s(update.at().toString())));
        }
        // the events these moves cause are kept pending by the move itself, so none is lost if publishing fails
        if (to == JobRunState.RUNNING && (from == JobRunState.STARTING || from == JobRunState.WAITING)) {
            OutboxAttributes.add(x, PendingEvent.ofAction(PendingEvent.Kind.ACTION_STARTED, id, update.at()));
        } else if (to.isTerminal()) {
            OutboxAttributes.add(x, PendingEvent.ofAction(PendingEvent.Kind.ACTION_COMPLETED, id, update.at()));
        }
        if (update.errorMessage() != null) {
            x.set(x.path(RunItems.ACTIONS, id, RunItems.ERROR_MESSAGE), x.value(s(update.errorMessage())));
        }
        if (jobRunId != null) {
            x.set(x.path(RunItems.ACTIONS, id, RunItems.JOB_RUN_ID), x.value(s(jobRunId)));
        }
        String fromCounter = RunItems.counterOf(from);
        String toCounter = RunItems.counterOf(to);
        if (!fromCounter.equals(toCounter)) {
            x.add(x.name(fromCounter), x.value(n(-1)));
            x.add(x.name(toCounter), x.value(n(1)));
        }
        String condition = x.path(RunItems.ACTIONS, id, RunItems.STATE) + " = " + x.value(s(from.name()));
        if (jobRunId != null) {
            // only the job run the action recorded may move it: a duplicate run's events change nothing
            String recorded = x.path(RunItems.ACTIONS, id, RunItems.JOB_RUN_ID);
            condition += " AND (attribute_not_exists(" + recorded + ") OR " + recorded + " = " + x.value(s(jobRunId))
                    + ")";
        }
        return new Move(RunItems.key(action.workflowName(), action.workflowRunId()), x, condition);
    }

    /** One conditional update of a run item, to send alone or inside a transaction. */
    private record Move(Map<String, AttributeValue> key, Expressions expression, String condition) {
    }

    private static String added(Expressions x, List<ActionRun> actions) {
        List<String> sets = new ArrayList<>();
        for (ActionRun action : actions) {
            sets.add(x.path(RunItems.ACTIONS, action.actionId()) + " = " + x.value(RunItems.toAttribute(action)));
        }
        return String.join(", ", sets);
    }

    private static JobRunState currentState(Map<String, AttributeValue> item, String actionId) {
        if (item == null || !item.containsKey(RunItems.ACTIONS)) {
            return null;
        }
        AttributeValue action = item.get(RunItems.ACTIONS).m().get(actionId);
        return action == null ? null : JobRunState.valueOf(action.m().get(RunItems.STATE).s());
    }
}
