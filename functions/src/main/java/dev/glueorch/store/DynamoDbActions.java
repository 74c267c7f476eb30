package dev.glueorch.store;

import static dev.glueorch.store.RunItems.n;
import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.ActionRef;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.ActionTransition;
import dev.glueorch.engine.PendingEvent;
import dev.glueorch.engine.PredecessorRun;
import dev.glueorch.engine.StateUpdate;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.JobRunState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A run's actions, each its own item ({@link RunItems#actionKey}): added when a trigger fires, in the same
 * transaction as the trigger's claim on the run's item; moved from state to state in one transaction with the
 * statistics counters (and the pending event) on the run's item, conditional on the action's state, so a duplicate
 * or late delivery moves nothing.
 */
final class DynamoDbActions {

    /** DynamoDB's limit of items in one transaction. */
    private static final int TRANSACTION_ITEMS = 100;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbRuns runs;
    private final DynamoDbWaitingActions waiting;
    private final Duration history;

    DynamoDbActions(DynamoDbClient dynamoDb, String tableName, DynamoDbRuns runs, DynamoDbWaitingActions waiting,
                    Duration history) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.history = history;
        this.runs = runs;
        this.waiting = waiting;
    }

    /**
     * Claims the firing of {@code triggerName} and adds its actions (at most a trigger's 50, with its firing's
     * predecessor runs stored once): one transaction. False if it fired already or the run is not RUNNING.
     */
    boolean claimTrigger(String workflowName, String workflowRunId, String triggerName,
                                       List<ActionRun> actions) {
        Expressions x = new Expressions();
        String count = x.value(n(actions.size()));
        x.add(x.name(RunItems.FIRED_TRIGGERS), x.value(AttributeValue.fromSs(List.of(triggerName))));
        x.add(x.name(RunItems.TOTAL), count);
        x.add(x.name(RunItems.RUNNING), count);
        String condition = DynamoDbRuns.running(x) + " AND NOT contains(" + x.name(RunItems.FIRED_TRIGGERS) + ", "
                + x.value(s(triggerName)) + ")";
        List<TransactWriteItem> items = new ArrayList<>(List.of(runUpdate(workflowName, workflowRunId, x,
                condition)));
        List<PredecessorRun> predecessors = actions.isEmpty() ? List.of() : actions.get(0).predecessorRuns();
        if (!actions.isEmpty()) {
            items.add(put(RunItems.firingItem(workflowName, workflowRunId, triggerName, predecessors),
                    actions.get(0).startedOn()));
        }
        for (ActionRun action : actions) {
            items.add(put(RunItems.actionItem(workflowName, workflowRunId, action,
                    !action.predecessorRuns().equals(predecessors)), action.startedOn()));
        }
        return write(items);
    }

    /**
     * Adds actions outside any trigger's claim (a resumed run's chosen jobs), counted as they are written, up to a
     * transaction's worth at a time; empty if the run is not RUNNING.
     */
    Optional<WorkflowRun> addActions(String workflowName, String workflowRunId, List<ActionRun> actions) {
        for (int from = 0; from < actions.size(); from += TRANSACTION_ITEMS - 1) {
            List<ActionRun> chunk = actions.subList(from, Math.min(actions.size(), from + TRANSACTION_ITEMS - 1));
            Expressions x = new Expressions();
            String count = x.value(n(chunk.size()));
            x.add(x.name(RunItems.TOTAL), count);
            x.add(x.name(RunItems.RUNNING), count);
            List<TransactWriteItem> items = new ArrayList<>(List.of(runUpdate(workflowName, workflowRunId, x,
                    DynamoDbRuns.running(x))));
            chunk.forEach(action -> items.add(put(RunItems.actionItem(workflowName, workflowRunId, action, true),
                    action.startedOn())));
            if (!write(items)) {
                return Optional.empty();
            }
        }
        return runs.run(workflowName, workflowRunId);
    }

    /**
     * Writes the actions a new run carries over from the run it resumes (already ended, so not counted as running),
     * before the run's own item is written: a crash in between leaves items no run reads, never a run without them.
     * Each is written only if absent: a repair's resumed run has a derived id, and a second repair writing the same
     * run (which then finds it exists) must not put back as STARTING an action the first one has since started.
     */
    void carryOver(WorkflowRun run) {
        for (ActionRun action : run.actions().values()) {
            try {
                dynamoDb.putItem(b -> b.tableName(tableName).item(expiring(RunItems.actionItem(run.workflowName(),
                        run.workflowRunId(), action, true), run.startedOn()))
                        .conditionExpression("attribute_not_exists(PK)"));
            } catch (ConditionalCheckFailedException e) {
                // written by the first writer of this run (or by an attempt that crashed before the run's item)
            }
        }
    }

    /**
     * Moves the action to {@code target}, from whichever of the transition's origins it is in (the usual one is
     * tried first; a failed condition returns the action's item, which tells the real one). Empty when it was in
     * none.
     */
    Optional<WorkflowRun> move(ActionRef action, ActionTransition transition, JobRunState target, StateUpdate update,
                               String jobRunId) {
        JobRunState expected = transition.usualFrom();
        boolean readOnce = false;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                Transactions.write(dynamoDb, move(action, expected, target, update, jobRunId));
                if (expected == JobRunState.WAITING) {
                    waiting.forgetWaitingAction(action);
                }
                return runs.run(action.workflowName(), action.workflowRunId());
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (!Transactions.failedCondition(reasons, 0)) {
                    return Optional.empty();
                }
                Map<String, AttributeValue> item = reasons.get(0).item();
                if (item == null || item.isEmpty()) {
                    if (readOnce) {
                        return Optional.empty();
                    }
                    // a run an earlier version stored: reading it gives its actions their own items
                    readOnce = true;
                    runs.run(action.workflowName(), action.workflowRunId());
                    continue;
                }
                JobRunState current = JobRunState.valueOf(item.get(RunItems.STATE).s());
                if (!transition.from().contains(current) || current == expected) {
                    return Optional.empty();
                }
                expected = current;
            }
        }
        return Optional.empty();
    }

    /** The action's move from {@code from} to RUNNING, for a transaction with the record of what started. */
    List<TransactWriteItem> started(ActionRef action, JobRunState from, StateUpdate running, String jobRunId) {
        return move(action, from, JobRunState.RUNNING, running, jobRunId);
    }

    /**
     * An action's move from {@code from} to {@code to}: its own item (conditional on its state, and on its job run
     * when one is given) and the run's counters and pending event.
     */
    private List<TransactWriteItem> move(ActionRef action, JobRunState from, JobRunState to, StateUpdate update,
                                         String jobRunId) {
        Expressions a = new Expressions();
        a.set(a.name(RunItems.STATE), a.value(s(to.name())));
        if (to.isTerminal()) {
            a.set(a.name(RunItems.COMPLETED_ON), a.value(s(update.at().toString())));
        }
        if (to == JobRunState.RUNNING && from == JobRunState.WAITING) {
            a.set(a.name(RunItems.STARTED_ON), a.value(s(update.at().toString())));
        }
        if (update.errorMessage() != null) {
            a.set(a.name(RunItems.ERROR_MESSAGE), a.value(s(update.errorMessage())));
        }
        if (jobRunId != null) {
            a.set(a.name(RunItems.JOB_RUN_ID), a.value(s(jobRunId)));
        }
        String condition = a.name(RunItems.STATE) + " = " + a.value(s(from.name()));
        if (jobRunId != null) {
            // only the job run the action recorded may move it: a duplicate run's events change nothing
            String recorded = a.name(RunItems.JOB_RUN_ID);
            condition += " AND (attribute_not_exists(" + recorded + ") OR " + recorded + " = " + a.value(s(jobRunId))
                    + ")";
        }
        String actionCondition = condition;
        TransactWriteItem actionItem = TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(RunItems.actionKey(action.workflowName(), action.workflowRunId(), action.actionId()))
                .updateExpression(a.update()).conditionExpression(actionCondition)
                .expressionAttributeNames(a.names()).expressionAttributeValues(a.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();

        Expressions r = new Expressions();
        String fromCounter = RunItems.counterOf(from);
        String toCounter = RunItems.counterOf(to);
        if (!fromCounter.equals(toCounter)) {
            r.add(r.name(fromCounter), r.value(n(-1)));
            r.add(r.name(toCounter), r.value(n(1)));
        }
        // the events these moves cause are kept pending by the move itself, so none is lost if publishing fails
        String id = action.actionId();
        if (to == JobRunState.RUNNING && (from == JobRunState.STARTING || from == JobRunState.WAITING)) {
            OutboxAttributes.add(r, PendingEvent.ofAction(PendingEvent.Kind.ACTION_STARTED, id, update.at()));
        } else if (to.isTerminal()) {
            OutboxAttributes.add(r, PendingEvent.ofAction(PendingEvent.Kind.ACTION_COMPLETED, id, update.at()));
        }
        List<TransactWriteItem> items = new ArrayList<>(List.of(actionItem));
        if (!r.update().isEmpty()) {
            items.add(runUpdate(action.workflowName(), action.workflowRunId(), r, "attribute_exists(PK)"));
        }
        return items;
    }

    private TransactWriteItem runUpdate(String workflowName, String workflowRunId, Expressions x, String condition) {
        return TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(RunItems.key(workflowName, workflowRunId)).updateExpression(x.update())
                .conditionExpression(condition).expressionAttributeNames(x.names())
                .expressionAttributeValues(x.values())).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, Instant writtenOn) {
        return TransactWriteItem.builder().put(p -> p.tableName(tableName).item(expiring(item, writtenOn))).build();
    }

    private Map<String, AttributeValue> expiring(Map<String, AttributeValue> item, Instant writtenOn) {
        return RunItems.expiringPart(item, writtenOn, history);
    }

    /** Writes the transaction; false when one of its conditions failed (nothing was written). */
    private boolean write(List<TransactWriteItem> items) {
        try {
            Transactions.write(dynamoDb, items);
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.anyConditionFailed(e.cancellationReasons())) {
                return false;
            }
            throw e;
        }
    }
}
