package dev.glueorch.store;

import static dev.glueorch.store.RunItems.n;
import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.ActionRef;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.ActionTransition;
import dev.glueorch.engine.PendingEvent;
import dev.glueorch.engine.QueuedRun;
import dev.glueorch.engine.RetryClaim;
import dev.glueorch.engine.RunPage;
import dev.glueorch.engine.RunStart;
import dev.glueorch.engine.ScheduleCursor;
import dev.glueorch.engine.StateUpdate;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.engine.WorkflowRunStore;
import dev.glueorch.model.JobRunState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The {@link WorkflowRunStore} on one DynamoDB table (see {@link TableDesign}). Items:
 * <ul>
 *   <li>{@code WORKFLOW#<name> / RUN#<id>}: the run, its statistics, actions and fired triggers;</li>
 *   <li>{@code WORKFLOW#<name> / CONCURRENCY}: runs RUNNING, for {@code MaxConcurrentRuns};</li>
 *   <li>{@code WORKFLOW#<name> / QUEUED#<partition>#<id>}: a run waiting for a concurrency slot;</li>
 *   <li>{@code JOBRUN#<id> / JOBRUN}: which action a Glue job run belongs to, and a state reported before that
 *       was recorded;</li>
 *   <li>{@code CRAWLER#<name> / LATEST}: the action of the crawler's latest crawl (crawler events carry no id);</li>
 *   <li>{@code WAITING / <actionId>}: actions waiting for Glue capacity ({@link DynamoDbWaitingActions});</li>
 *   <li>{@code SCHEDULE#START | SCHEDULE#START_CHECK / SHARD#<0-15>}: the schedule cursors
 *       ({@link DynamoDbScheduleCursors});</li>
 *   <li>{@code NOTIFICATION#<key> / NOTIFICATION}: a notification claimed, so it is sent once (see
 *       {@link DynamoDbOutbox}).</li>
 * </ul>
 * No operation scans; every decision is a conditional write.
 */
public final class DynamoDbWorkflowRunStore implements WorkflowRunStore {

    private static final String CONCURRENCY = "CONCURRENCY";
    private static final String QUEUED = "QUEUED#";
    private static final String RUNNING_RUNS = "RunningRuns";
    private static final String START_TRIGGER = "StartTrigger";
    /** The whole run, on a place in the queue written by an earlier version. */
    private static final String LEGACY_RUN = "Run";
    private static final String ACTION_ID = "ActionId";
    private static final String REPORTED_STATE = "ReportedState";
    private static final String REPORTED_AT = "ReportedAt";
    private static final String REPORTED_MESSAGE = "ReportedMessage";
    /** How long a job run's state reported before any start of it was recorded is kept. */
    static final Duration UNOWNED_STATE_HISTORY = Duration.ofDays(1);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration history;
    private final DynamoDbWaitingActions waiting;
    private final DynamoDbScheduleCursors cursors;

    public DynamoDbWorkflowRunStore(DynamoDbClient dynamoDb, String tableName, Duration history) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.history = history;
        this.waiting = new DynamoDbWaitingActions(dynamoDb, tableName);
        this.cursors = new DynamoDbScheduleCursors(dynamoDb, tableName);
    }

    @Override
    public RunStart startRun(WorkflowRun candidate, String startTrigger, Integer maxConcurrentRuns) {
        WorkflowRun run = startTrigger == null ? candidate : candidate.withStartTrigger(startTrigger);
        Map<String, AttributeValue> item = new HashMap<>(RunItems.toItem(run, null, maxConcurrentRuns != null));
        OutboxAttributes.put(item, PendingEvent.ofRun(PendingEvent.Kind.RUN_STARTED, run.workflowRunId(),
                run.startedOn()));
        if (maxConcurrentRuns == null) {
            try {
                dynamoDb.putItem(b -> b.tableName(tableName).item(item)
                        .conditionExpression("attribute_not_exists(PK)"));
                return new RunStart(RunStart.Outcome.STARTED, run);
            } catch (ConditionalCheckFailedException e) {
                return new RunStart(RunStart.Outcome.EXISTED, existing(run));
            }
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(takeSlot(run.workflowName(), maxConcurrentRuns),
                    TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)
                            .conditionExpression("attribute_not_exists(PK)")).build()));
            return new RunStart(RunStart.Outcome.STARTED, run);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failedCondition(reasons, 1)) {
                return new RunStart(RunStart.Outcome.EXISTED, existing(run));
            }
            if (!failedCondition(reasons, 0)) {
                throw e;
            }
        }
        return queue(run);
    }

    /**
     * Keeps the run QUEUED: its item (listed with the workflow's runs, not active) and its place in the queue, in one
     * transaction, so a queued run is never without its place.
     */
    private RunStart queue(WorkflowRun started) {
        WorkflowRun run = new WorkflowRun(started.workflowName(), started.workflowRunId(), started.partitionId(),
                started.properties(), started.startedOn(), null, WorkflowRunStatus.QUEUED, started.statistics(),
                started.definitionsVersion(), started.actions(), started.firedTriggers(), started.remoteOutcomes(),
                started.previousRunId(), started.startTrigger());
        Map<String, AttributeValue> place = new HashMap<>();
        place.put(TableDesign.PK, s(RunItems.workflowKey(run.workflowName())));
        place.put(TableDesign.SK, s(queuedKey(run)));
        place.put(RunItems.WORKFLOW_RUN_ID, s(run.workflowRunId()));
        place.put(START_TRIGGER, s(run.startTrigger()));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(tableName).item(RunItems.toItem(run, null, true))
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(tableName).item(place)).build()));
            return new RunStart(RunStart.Outcome.QUEUED, run);
        } catch (TransactionCanceledException e) {
            if (failedCondition(e.cancellationReasons(), 0)) {
                // a duplicate delivery queued (or started) the same run first
                return new RunStart(RunStart.Outcome.EXISTED, existing(run));
            }
            throw e;
        }
    }

    @Override
    public Optional<QueuedRun> startQueuedRun(String workflowName, Integer maxConcurrentRuns, Instant now) {
        QueryResponse queue = dynamoDb.query(b -> b.tableName(tableName).consistentRead(true).limit(5)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :queued)")
                .expressionAttributeValues(Map.of(":pk", s(RunItems.workflowKey(workflowName)),
                        ":queued", s(QUEUED))));
        for (Map<String, AttributeValue> queued : queue.items()) {
            String runId = queued.containsKey(RunItems.WORKFLOW_RUN_ID) ? queued.get(RunItems.WORKFLOW_RUN_ID).s()
                    : keepLegacyQueuedRun(queued.get(LEGACY_RUN).m());
            Map<String, AttributeValue> placeKey = Map.of(TableDesign.PK, queued.get(TableDesign.PK),
                    TableDesign.SK, queued.get(TableDesign.SK));
            List<TransactWriteItem> items = new ArrayList<>();
            if (maxConcurrentRuns != null) {
                items.add(takeSlot(workflowName, maxConcurrentRuns));
            }
            items.add(TransactWriteItem.builder().update(leaveQueue(workflowName, runId, now)).build());
            items.add(TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(placeKey)
                    .conditionExpression("attribute_exists(PK)")).build());
            int runIndex = maxConcurrentRuns == null ? 0 : 1;
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(items));
                return Optional.of(new QueuedRun(existing(workflowName, runId), queued.get(START_TRIGGER).s()));
            } catch (TransactionCanceledException e) {
                if (maxConcurrentRuns != null && failedCondition(e.cancellationReasons(), 0)) {
                    return Optional.empty();
                }
                if (failedCondition(e.cancellationReasons(), runIndex)) {
                    // no longer QUEUED (stopped, or taken by a concurrent caller): its place goes
                    dynamoDb.deleteItem(b -> b.tableName(tableName).key(placeKey));
                    continue;
                }
                if (!failedCondition(e.cancellationReasons(), runIndex + 1)) {
                    throw e;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A place in the queue written before queued runs had their own item holds the whole run: its item is written
     * now, QUEUED, so that it leaves the queue like the others. Returns its id.
     */
    private String keepLegacyQueuedRun(Map<String, AttributeValue> runItem) {
        Map<String, AttributeValue> item = new HashMap<>(runItem);
        item.put(RunItems.STATUS, s(WorkflowRunStatus.QUEUED.name()));
        item.remove(TableDesign.GSI2_PK);
        item.remove(TableDesign.GSI2_SK);
        item.remove(TableDesign.TTL_ATTRIBUTE);
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            // written by a concurrent caller
        }
        return item.get(RunItems.WORKFLOW_RUN_ID).s();
    }

    /** QUEUED → RUNNING: it starts now, and joins the active runs the reconciler looks after. */
    private Update leaveQueue(String workflowName, String workflowRunId, Instant now) {
        Expressions x = new Expressions();
        x.set(x.name(RunItems.STATUS), x.value(s(WorkflowRunStatus.RUNNING.name())));
        x.set(x.name(RunItems.STARTED_ON), x.value(s(now.toString())));
        x.set(x.name(TableDesign.GSI1_SK), x.value(s(RunItems.byStartedOn(now, workflowRunId))));
        x.set(x.name(TableDesign.GSI2_PK), x.value(s(RunItems.ACTIVE)));
        x.set(x.name(TableDesign.GSI2_SK), x.value(s(RunItems.activeSince(now, workflowName, workflowRunId))));
        OutboxAttributes.add(x, PendingEvent.ofRun(PendingEvent.Kind.RUN_STARTED, workflowRunId, now));
        String queuedNow = x.name(RunItems.STATUS) + " = " + x.value(s(WorkflowRunStatus.QUEUED.name()));
        return Update.builder().tableName(tableName).key(RunItems.key(workflowName, workflowRunId))
                .updateExpression(x.update()).conditionExpression(queuedNow).expressionAttributeNames(x.names())
                .expressionAttributeValues(x.values()).build();
    }

    @Override
    public Optional<WorkflowRun> stopQueuedRun(String workflowName, String workflowRunId, Instant at) {
        Optional<WorkflowRun> queued = run(workflowName, workflowRunId)
                .filter(run -> run.status() == WorkflowRunStatus.QUEUED);
        if (queued.isEmpty()) {
            return Optional.empty();
        }
        Expressions x = new Expressions();
        x.set(x.name(RunItems.STATUS), x.value(s(WorkflowRunStatus.STOPPED.name())));
        x.set(x.name(RunItems.COMPLETED_ON), x.value(s(at.toString())));
        x.set(x.name(TableDesign.TTL_ATTRIBUTE), x.value(n(expiresAt(at))));
        String stillQueued = x.name(RunItems.STATUS) + " = " + x.value(s(WorkflowRunStatus.QUEUED.name()));
        Map<String, AttributeValue> placeKey = Map.of(TableDesign.PK, s(RunItems.workflowKey(workflowName)),
                TableDesign.SK, s(queuedKey(queued.get())));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(tableName)
                            .key(RunItems.key(workflowName, workflowRunId)).updateExpression(x.update())
                            .conditionExpression(stillQueued).expressionAttributeNames(x.names())
                            .expressionAttributeValues(x.values())).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(placeKey)).build()));
        } catch (TransactionCanceledException e) {
            if (failedCondition(e.cancellationReasons(), 0)) {
                return Optional.empty();
            }
            throw e;
        }
        return run(workflowName, workflowRunId);
    }

    @Override
    public Optional<WorkflowRun> run(String workflowName, String workflowRunId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(RunItems.key(workflowName, workflowRunId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(RunItems.fromItem(item));
    }

    @Override
    public List<WorkflowRun> runs(String workflowName) {
        List<WorkflowRun> runs = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(tableName).indexName(TableDesign.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(RunItems.workflowKey(workflowName)))))
                .items().forEach(item -> runs.add(RunItems.fromItem(item)));
        return runs;
    }

    @Override
    public Optional<WorkflowRun> claimTrigger(String workflowName, String workflowRunId, String triggerName,
                                              List<ActionRun> actions) {
        Expressions x = new Expressions();
        List<String> sets = new ArrayList<>();
        for (ActionRun action : actions) {
            sets.add(x.path(RunItems.ACTIONS, action.actionId()) + " = " + x.value(RunItems.toAttribute(action)));
        }
        String count = x.value(n(actions.size()));
        String update = "SET " + String.join(", ", sets) + " ADD " + x.name(RunItems.FIRED_TRIGGERS) + " "
                + x.value(AttributeValue.fromSs(List.of(triggerName))) + ", " + x.name(RunItems.TOTAL) + " " + count
                + ", " + x.name(RunItems.RUNNING) + " " + count;
        String condition = x.name(RunItems.STATUS) + " = " + x.value(s(WorkflowRunStatus.RUNNING.name()))
                + " AND NOT contains(" + x.name(RunItems.FIRED_TRIGGERS) + ", " + x.value(s(triggerName)) + ")";
        try {
            UpdateItemResponse response = dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(RunItems.key(workflowName, workflowRunId))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(RunItems.fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<StateUpdate> recordJobRunStarted(ActionRef action, JobRunState from, String jobRunId,
                                                     Instant startedOn) {
        StateUpdate running = new StateUpdate(JobRunState.RUNNING, startedOn, null);
        Expressions x = ownerOf(action, startedOn);
        String reported = x.name(REPORTED_STATE);
        TransactWriteItem owner = TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(jobRunKey(jobRunId)).updateExpression(x.update())
                .conditionExpression("attribute_not_exists(" + reported + ")")
                .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())).build();
        if (startedTogether(owner, action, from, running, jobRunId)) {
            return Optional.empty();
        }
        // An event for the job run came first (its state is kept on the owner item), or the action moved
        // meanwhile: the two writes one by one keep that state and let the transition find the real origin.
        // The owner is written only if no other action owns the job run: a race can never re-point it.
        Expressions alone = ownerOf(action, startedOn);
        String ownedBy = alone.name(ACTION_ID);
        String unownedOrSame = "attribute_not_exists(" + ownedBy + ") OR " + ownedBy + " = "
                + alone.value(s(action.actionId()));
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.updateItem(b -> b.tableName(tableName).key(jobRunKey(jobRunId))
                    .updateExpression(alone.update()).conditionExpression(unownedOrSame)
                    .expressionAttributeNames(alone.names()).expressionAttributeValues(alone.values())
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        transitionAction(action, ActionTransition.STARTED, running, jobRunId);
        if (!item.containsKey(REPORTED_STATE)) {
            return Optional.empty();
        }
        return Optional.of(new StateUpdate(JobRunState.valueOf(item.get(REPORTED_STATE).s()),
                Instant.parse(item.get(REPORTED_AT).s()), RunItems.text(item, REPORTED_MESSAGE)));
    }

    /** The SET expression that names the action a job run belongs to. */
    private Expressions ownerOf(ActionRef action, Instant startedOn) {
        Expressions x = new Expressions();
        x.set(x.name(RunItems.NAME), x.value(s(action.workflowName())));
        x.set(x.name(RunItems.WORKFLOW_RUN_ID), x.value(s(action.workflowRunId())));
        x.set(x.name(ACTION_ID), x.value(s(action.actionId())));
        x.set(x.name(RunItems.STARTED_ON), x.value(s(startedOn.toString())));
        x.set(x.name(TableDesign.TTL_ATTRIBUTE), x.value(n(expiresAt(startedOn))));
        return x;
    }

    /**
     * Writes {@code record} and the action's move from {@code from} to RUNNING in one transaction (one request
     * where two would do the same one by one). False when a condition failed: nothing was written.
     */
    private boolean startedTogether(TransactWriteItem record, ActionRef action, JobRunState from,
                                    StateUpdate running, String jobRunId) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(record);
        items.add(TransactWriteItem.builder().update(actionUpdate(action, from, JobRunState.RUNNING, running,
                jobRunId).transactional(tableName)).build());
        if (from == JobRunState.WAITING) {
            items.add(TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(DynamoDbWaitingActions.key(action)))
                    .build());
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public Optional<ActionRef> recordJobRunState(String jobRunId, StateUpdate update, boolean keepIfUnowned) {
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
        // Without keepIfUnowned, only a job run the orchestrator recorded starting is written: events of runs it did
        // not start leave nothing behind.
        String condition = keepIfUnowned ? null : "attribute_exists(" + x.name(ACTION_ID) + ")";
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.updateItem(b -> b.tableName(tableName).key(jobRunKey(jobRunId))
                    .updateExpression(expression.toString()).conditionExpression(condition)
                    .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        if (!item.containsKey(ACTION_ID)) {
            return Optional.empty();
        }
        return Optional.of(new ActionRef(item.get(RunItems.NAME).s(), item.get(RunItems.WORKFLOW_RUN_ID).s(),
                item.get(ACTION_ID).s()));
    }

    @Override
    public Optional<ActionRef> jobRunOwner(String jobRunId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(jobRunKey(jobRunId))).item();
        if (item == null || !item.containsKey(ACTION_ID)) {
            return Optional.empty();
        }
        return Optional.of(new ActionRef(item.get(RunItems.NAME).s(), item.get(RunItems.WORKFLOW_RUN_ID).s(),
                item.get(ACTION_ID).s()));
    }

    @Override
    public Optional<WorkflowRun> recordRemoteOutcome(String workflowName, String workflowRunId, String key,
                                                     JobRunState state) {
        Expressions x = new Expressions();
        String update = "SET " + x.path(RunItems.REMOTE_OUTCOMES, key) + " = " + x.value(s(state.name()));
        String condition = x.name(RunItems.STATUS) + " = " + x.value(s(WorkflowRunStatus.RUNNING.name()));
        try {
            return Optional.of(RunItems.fromItem(dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(RunItems.key(workflowName, workflowRunId)).updateExpression(update)
                    .conditionExpression(condition).expressionAttributeNames(x.names())
                    .expressionAttributeValues(x.values()).returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public void recordCrawlStarted(ActionRef action, JobRunState from, String crawlerName, Instant startedOn) {
        StateUpdate running = new StateUpdate(JobRunState.RUNNING, startedOn, null);
        Map<String, AttributeValue> latest = Map.of(
                TableDesign.PK, s("CRAWLER#" + crawlerName), TableDesign.SK, s("LATEST"),
                RunItems.NAME, s(action.workflowName()), RunItems.WORKFLOW_RUN_ID, s(action.workflowRunId()),
                ACTION_ID, s(action.actionId()), RunItems.STARTED_ON, s(startedOn.toString()));
        TransactWriteItem record = TransactWriteItem.builder().put(p -> p.tableName(tableName).item(latest)).build();
        if (!startedTogether(record, action, from, running, null)) {
            dynamoDb.putItem(b -> b.tableName(tableName).item(latest));
            transitionAction(action, ActionTransition.STARTED, running, null);
        }
    }

    @Override
    public Optional<ActionRef> latestCrawl(String crawlerName, Instant at) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(Map.of(TableDesign.PK, s("CRAWLER#" + crawlerName), TableDesign.SK, s("LATEST")))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        // Crawler events carry no run id: an event older than the latest crawl's start belongs to an earlier crawl
        // (EventBridge times have whole seconds, hence the truncation).
        Instant startedOn = Instant.parse(item.get(RunItems.STARTED_ON).s()).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS);
        if (at.isBefore(startedOn)) {
            return Optional.empty();
        }
        return Optional.of(new ActionRef(item.get(RunItems.NAME).s(), item.get(RunItems.WORKFLOW_RUN_ID).s(),
                item.get(ACTION_ID).s()));
    }

    @Override
    public Optional<WorkflowRun> transitionAction(ActionRef action, ActionTransition transition, StateUpdate update,
                                                  String jobRunId) {
        JobRunState target = transition.to() == null ? update.state() : transition.to();
        if (target == JobRunState.WAITING) {
            waiting.list(action, false);
        }
        return move(action, transition, target, update, jobRunId);
    }

    @Override
    public boolean awaitRetry(ActionRef action, JobRunState from, StateUpdate update, boolean lookUpFirst) {
        if (from == JobRunState.WAITING) {
            return waiting.release(action, lookUpFirst);
        }
        waiting.list(action, lookUpFirst);
        return move(action, ActionTransition.WAIT, JobRunState.WAITING, update, null).isPresent();
    }

    @Override
    public Optional<RetryClaim> claimWaitingAction(ActionRef action, Instant now, Instant until) {
        return waiting.claimWaitingAction(action, now, until);
    }

    @Override
    public List<ActionRef> waitingActions(int limit) {
        return waiting.waitingActions(limit);
    }

    @Override
    public void forgetWaitingAction(ActionRef action) {
        waiting.forgetWaitingAction(action);
    }

    @Override
    public Map<String, Instant> scheduleCursors(ScheduleCursor cursor, Collection<String> triggerNames) {
        return cursors.scheduleCursors(cursor, triggerNames);
    }

    @Override
    public void advanceScheduleCursor(ScheduleCursor cursor, String triggerName, Instant slot) {
        cursors.advanceScheduleCursor(cursor, triggerName, slot);
    }

    private Optional<WorkflowRun> move(ActionRef action, ActionTransition transition, JobRunState target,
                                       StateUpdate update, String jobRunId) {
        // Try the usual origin first; a failed condition returns the item, which tells the real one.
        JobRunState expected = transition.usualFrom();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Optional<WorkflowRun> after = Optional.of(RunItems.fromItem(
                        updateAction(action, expected, target, update, jobRunId).attributes()));
                if (expected == JobRunState.WAITING) {
                    forgetWaitingAction(action);
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

    private UpdateItemResponse updateAction(ActionRef action, JobRunState from, JobRunState to, StateUpdate update,
                                            String jobRunId) {
        ActionUpdate change = actionUpdate(action, from, to, update, jobRunId);
        return dynamoDb.updateItem(b -> b.tableName(tableName).key(change.key())
                .updateExpression(change.expression().update())
                .conditionExpression(change.condition())
                .expressionAttributeNames(change.expression().names())
                .expressionAttributeValues(change.expression().values())
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
    }

    /** An action's move from {@code from} to {@code to} on its run item, with the statistics it changes. */
    private static ActionUpdate actionUpdate(ActionRef action, JobRunState from, JobRunState to, StateUpdate update,
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
        return new ActionUpdate(RunItems.key(action.workflowName(), action.workflowRunId()), x, condition);
    }

    /** One conditional update of a run item, to send alone or inside a transaction. */
    private record ActionUpdate(Map<String, AttributeValue> key, Expressions expression, String condition) {

        Update transactional(String tableName) {
            return Update.builder().tableName(tableName).key(key).updateExpression(expression.update())
                    .conditionExpression(condition).expressionAttributeNames(expression.names())
                    .expressionAttributeValues(expression.values()).build();
        }
    }

    @Override
    public Optional<WorkflowRun> completeRun(String workflowName, String workflowRunId, WorkflowRunStatus from,
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
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.updateItem(b -> b.tableName(tableName).key(RunItems.key(workflowName, workflowRunId))
                    .updateExpression(x.update()).conditionExpression(condition)
                    .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        release(item);
        return Optional.of(RunItems.fromItem(item));
    }

    /**
     * The second step of ending a run: it leaves the ActiveRuns index and, if it held a concurrency slot, frees it,
     * both in one transaction. A crash before this step leaves the ended run in the index, where the reconciler
     * finds it and calls {@link #releaseRun}: no slot is ever lost.
     */
    private void release(Map<String, AttributeValue> item) {
        if (!item.containsKey(TableDesign.GSI2_PK)) {
            return;
        }
        String workflowName = item.get(RunItems.NAME).s();
        Map<String, AttributeValue> key = RunItems.key(workflowName, item.get(RunItems.WORKFLOW_RUN_ID).s());
        Expressions x = new Expressions();
        String leave = "REMOVE " + x.name(TableDesign.GSI2_PK) + ", " + x.name(TableDesign.GSI2_SK);
        String stillThere = "attribute_exists(" + x.name(TableDesign.GSI2_PK) + ")";
        TransactWriteItem leaveIndex = TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key)
                .updateExpression(leave).conditionExpression(stillThere).expressionAttributeNames(x.names()))
                .build();
        List<TransactWriteItem> items = new ArrayList<>(List.of(leaveIndex));
        if (item.containsKey(RunItems.CONCURRENCY_LIMITED)) {
            Expressions y = new Expressions();
            String running = y.name(RUNNING_RUNS);
            String freeSlot = "ADD " + running + " " + y.value(n(-1));
            String taken = running + " > " + y.value(n(0));
            items.add(TransactWriteItem.builder().update(u -> u.tableName(tableName).key(concurrencyKey(workflowName))
                    .updateExpression(freeSlot).conditionExpression(taken)
                    .expressionAttributeNames(y.names()).expressionAttributeValues(y.values())).build());
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            // released by a concurrent caller (the index entry is gone), or the counter is already at zero
        }
    }

    @Override
    public void releaseRun(String workflowName, String workflowRunId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(RunItems.key(workflowName, workflowRunId))).item();
        if (item != null && !item.isEmpty()) {
            WorkflowRunStatus status = WorkflowRunStatus.valueOf(item.get(RunItems.STATUS).s());
            if (status != WorkflowRunStatus.RUNNING && status != WorkflowRunStatus.STOPPING) {
                release(item);
            }
        }
    }

    @Override
    public Optional<WorkflowRun> addActions(String workflowName, String workflowRunId, List<ActionRun> actions) {
        Expressions x = new Expressions();
        List<String> sets = new ArrayList<>();
        for (ActionRun action : actions) {
            sets.add(x.path(RunItems.ACTIONS, action.actionId()) + " = " + x.value(RunItems.toAttribute(action)));
        }
        String count = x.value(n(actions.size()));
        String update = "SET " + String.join(", ", sets) + " ADD " + x.name(RunItems.TOTAL) + " " + count + ", "
                + x.name(RunItems.RUNNING) + " " + count;
        String condition = x.name(RunItems.STATUS) + " = " + x.value(s(WorkflowRunStatus.RUNNING.name()));
        return conditionalUpdate(workflowName, workflowRunId, x, update, condition);
    }

    @Override
    public void recordStartTrigger(String workflowName, String workflowRunId, String triggerName) {
        Expressions x = new Expressions();
        String startTrigger = x.name(RunItems.START_TRIGGER);
        String update = "SET " + startTrigger + " = if_not_exists(" + startTrigger + ", " + x.value(s(triggerName))
                + ")";
        String condition = x.name(RunItems.STATUS) + " = " + x.value(s(WorkflowRunStatus.RUNNING.name()));
        conditionalUpdate(workflowName, workflowRunId, x, update, condition);
    }

    @Override
    public Optional<WorkflowRun> stopRun(String workflowName, String workflowRunId) {
        Expressions x = new Expressions();
        String status = x.name(RunItems.STATUS);
        String update = "SET " + status + " = " + x.value(s(WorkflowRunStatus.STOPPING.name()));
        String condition = status + " = " + x.value(s(WorkflowRunStatus.RUNNING.name()));
        return conditionalUpdate(workflowName, workflowRunId, x, update, condition);
    }

    @Override
    public Optional<WorkflowRun> putRunProperties(String workflowName, String workflowRunId,
                                                  Map<String, String> properties) {
        if (properties.isEmpty()) {
            return run(workflowName, workflowRunId);
        }
        Expressions x = new Expressions();
        List<String> sets = new ArrayList<>();
        properties.forEach((name, value) -> sets.add(x.path(RunItems.PROPERTIES, name) + " = " + x.value(s(value))));
        return conditionalUpdate(workflowName, workflowRunId, x, "SET " + String.join(", ", sets),
                "attribute_exists(PK)");
    }

    private Optional<WorkflowRun> conditionalUpdate(String workflowName, String workflowRunId, Expressions x,
                                                    String update, String condition) {
        try {
            return Optional.of(RunItems.fromItem(dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(RunItems.key(workflowName, workflowRunId)).updateExpression(update)
                    .conditionExpression(condition).expressionAttributeNames(x.names())
                    .expressionAttributeValues(x.values()).returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public RunPage runs(String workflowName, Instant since, WorkflowRunStatus status, int limit, String nextToken) {
        Expressions x = new Expressions();
        String keyCondition = x.name(TableDesign.GSI1_PK) + " = " + x.value(s(RunItems.workflowKey(workflowName)))
                + (since == null ? "" : " AND " + x.name(TableDesign.GSI1_SK) + " >= " + x.value(s(since.toString())));
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
        List<WorkflowRun> runs = new ArrayList<>();
        page.items().forEach(item -> runs.add(RunItems.fromItem(item)));
        return new RunPage(runs, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? PageTokens.encode(page.lastEvaluatedKey()) : null);
    }

    @Override
    public List<WorkflowRun> activeRuns() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(tableName).indexName(TableDesign.GSI2)
                .keyConditionExpression("GSI2PK = :active")
                .expressionAttributeValues(Map.of(":active", s(RunItems.ACTIVE))))
                .items().forEach(key -> keys.add(Map.of(TableDesign.PK, key.get(TableDesign.PK),
                        TableDesign.SK, key.get(TableDesign.SK))));
        // the index holds keys only: the runs themselves, up to 100 per request instead of one GetItem each
        List<WorkflowRun> runs = new ArrayList<>();
        BatchGets.consistent(dynamoDb, tableName, keys).forEach(item -> runs.add(RunItems.fromItem(item)));
        // the index's order (oldest first); a batch answers in any order
        runs.sort(Comparator.comparing(WorkflowRun::startedOn).thenComparing(WorkflowRun::workflowName)
                .thenComparing(WorkflowRun::workflowRunId));
        return runs;
    }

    private TransactWriteItem takeSlot(String workflowName, int maxConcurrentRuns) {
        Expressions x = new Expressions();
        String running = x.name(RUNNING_RUNS);
        String update = "ADD " + running + " " + x.value(n(1));
        String condition = "attribute_not_exists(" + running + ") OR " + running + " < "
                + x.value(n(maxConcurrentRuns));
        return TransactWriteItem.builder().update(u -> u.tableName(tableName).key(concurrencyKey(workflowName))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(x.names()).expressionAttributeValues(x.values())).build();
    }

    private WorkflowRun existing(WorkflowRun run) {
        return existing(run.workflowName(), run.workflowRunId());
    }

    private WorkflowRun existing(String workflowName, String workflowRunId) {
        return run(workflowName, workflowRunId).orElseThrow(() -> new IllegalStateException(
                "run " + workflowRunId + " exists by its condition but cannot be read"));
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static JobRunState currentState(Map<String, AttributeValue> item, String actionId) {
        if (item == null || !item.containsKey(RunItems.ACTIONS)) {
            return null;
        }
        AttributeValue action = item.get(RunItems.ACTIONS).m().get(actionId);
        return action == null ? null : JobRunState.valueOf(action.m().get(RunItems.STATE).s());
    }

    private static String queuedKey(WorkflowRun run) {
        String order = run.partitionId() != null ? run.partitionId() : run.startedOn().toString();
        return QUEUED + order + "#" + run.workflowRunId();
    }

    private static Map<String, AttributeValue> concurrencyKey(String workflowName) {
        return Map.of(TableDesign.PK, s(RunItems.workflowKey(workflowName)), TableDesign.SK, s(CONCURRENCY));
    }

    private static Map<String, AttributeValue> jobRunKey(String jobRunId) {
        return Map.of(TableDesign.PK, s("JOBRUN#" + jobRunId), TableDesign.SK, s("JOBRUN"));
    }

    private long expiresAt(Instant from) {
        return from.plus(history).getEpochSecond();
    }
}
