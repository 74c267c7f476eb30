package dev.glueorch.store;

import dev.glueorch.engine.ActionRef;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.ActionTransition;
import dev.glueorch.engine.ClosedEventBatch;
import dev.glueorch.engine.EventBatch;
import dev.glueorch.engine.EventBatchCondition;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

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
 *   <li>{@code EVENTBATCH#OPEN | EVENTBATCH#CLOSED / TRIGGER#...}, {@code EVENT#<id> / TRIGGER#<trigger>}: the
 *       batches of EVENT triggers and the events they counted ({@link DynamoDbEventBatches});</li>
 *   <li>{@code NOTIFICATION#<key> / NOTIFICATION}: a notification claimed, so it is sent once (see
 *       {@link DynamoDbOutbox}).</li>
 * </ul>
 * One class per item family ({@link DynamoDbRuns}, {@link DynamoDbRunQueue}, {@link DynamoDbActions},
 * {@link DynamoDbJobRunOwners}, {@link DynamoDbCrawls}, {@link DynamoDbWaitingActions},
 * {@link DynamoDbScheduleCursors}, {@link DynamoDbEventBatches}); this class composes them and writes, in one transaction, what changes items of
 * several families at once. No operation scans; every decision is a conditional write.
 */
public final class DynamoDbWorkflowRunStore implements WorkflowRunStore {

    private final DynamoDbClient dynamoDb;
    private final DynamoDbRuns runs;
    private final DynamoDbRunQueue queue;
    private final DynamoDbActions actions;
    private final DynamoDbJobRunOwners owners;
    private final DynamoDbCrawls crawls;
    private final DynamoDbWaitingActions waiting;
    private final DynamoDbScheduleCursors cursors;
    private final DynamoDbEventBatches eventBatches;

    public DynamoDbWorkflowRunStore(DynamoDbClient dynamoDb, String tableName, Duration history) {
        this.dynamoDb = dynamoDb;
        this.runs = new DynamoDbRuns(dynamoDb, tableName, history);
        this.queue = new DynamoDbRunQueue(dynamoDb, tableName);
        this.waiting = new DynamoDbWaitingActions(dynamoDb, tableName);
        this.actions = new DynamoDbActions(dynamoDb, tableName, runs, waiting, history);
        this.owners = new DynamoDbJobRunOwners(dynamoDb, tableName, history);
        this.crawls = new DynamoDbCrawls(dynamoDb, tableName);
        this.cursors = new DynamoDbScheduleCursors(dynamoDb, tableName);
        this.eventBatches = new DynamoDbEventBatches(dynamoDb, tableName);
    }

    @Override
    public RunStart startRun(WorkflowRun candidate, String startTrigger, Integer maxConcurrentRuns) {
        WorkflowRun run = startTrigger == null ? candidate : candidate.withStartTrigger(startTrigger);
        Map<String, AttributeValue> item = new HashMap<>(RunItems.toItem(run, null, maxConcurrentRuns != null));
        OutboxAttributes.put(item, PendingEvent.ofRun(PendingEvent.Kind.RUN_STARTED, run.workflowRunId(),
                run.startedOn()));
        actions.carryOver(run);
        if (maxConcurrentRuns == null) {
            return runs.putNew(item) ? new RunStart(RunStart.Outcome.STARTED, run) : existed(run);
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(queue.takeSlot(run.workflowName(), maxConcurrentRuns),
                    runs.newItem(item)));
            return new RunStart(RunStart.Outcome.STARTED, run);
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e.cancellationReasons(), 1)) {
                return existed(run);
            }
            if (!Transactions.failedCondition(e.cancellationReasons(), 0)) {
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
        WorkflowRun run = started.queued();
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(runs.newItem(RunItems.toItem(run, null, true)),
                    queue.holdPlace(run)));
            return new RunStart(RunStart.Outcome.QUEUED, run);
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e.cancellationReasons(), 0)) {
                // a duplicate delivery queued (or started) the same run first
                return existed(run);
            }
            throw e;
        }
    }

    private RunStart existed(WorkflowRun run) {
        return new RunStart(RunStart.Outcome.EXISTED, runs.existing(run.workflowName(), run.workflowRunId()));
    }

    @Override
    public Optional<QueuedRun> startQueuedRun(String workflowName, Integer maxConcurrentRuns, Instant now) {
        for (DynamoDbRunQueue.Place place : queue.first(workflowName, 5)) {
            String runId = place.workflowRunId() != null ? place.workflowRunId()
                    : runs.keepLegacyQueuedRun(place.legacyRun());
            List<TransactWriteItem> items = new ArrayList<>();
            if (maxConcurrentRuns != null) {
                items.add(queue.takeSlot(workflowName, maxConcurrentRuns));
            }
            int runIndex = items.size();
            items.add(runs.leaveQueue(workflowName, runId, now));
            items.add(queue.leave(place));
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(items));
                return Optional.of(new QueuedRun(runs.existing(workflowName, runId), place.startTrigger()));
            } catch (TransactionCanceledException e) {
                if (maxConcurrentRuns != null && Transactions.failedCondition(e.cancellationReasons(), 0)) {
                    return Optional.empty();
                }
                if (Transactions.failedCondition(e.cancellationReasons(), runIndex)) {
                    // no longer QUEUED (stopped, or taken by a concurrent caller): its place goes
                    queue.drop(place);
                    continue;
                }
                if (!Transactions.failedCondition(e.cancellationReasons(), runIndex + 1)) {
                    throw e;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<WorkflowRun> stopQueuedRun(String workflowName, String workflowRunId, Instant at) {
        Optional<WorkflowRun> queued = run(workflowName, workflowRunId)
                .filter(run -> run.status() == WorkflowRunStatus.QUEUED);
        if (queued.isEmpty()) {
            return Optional.empty();
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(runs.stopQueued(workflowName, workflowRunId, at),
                    queue.leave(queued.get())));
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e.cancellationReasons(), 0)) {
                return Optional.empty();
            }
            throw e;
        }
        return run(workflowName, workflowRunId);
    }

    @Override
    public Optional<WorkflowRun> run(String workflowName, String workflowRunId) {
        return runs.run(workflowName, workflowRunId);
    }

    @Override
    public List<WorkflowRun> runs(String workflowName) {
        return runs.runs(workflowName);
    }

    @Override
    public RunPage runs(String workflowName, Instant since, WorkflowRunStatus status, int limit, String nextToken) {
        return runs.runs(workflowName, since, status, limit, nextToken);
    }

    @Override
    public List<WorkflowRun> activeRuns() {
        return runs.activeRuns();
    }

    @Override
    public boolean claimTrigger(String workflowName, String workflowRunId, String triggerName,
                                List<ActionRun> actions) {
        return this.actions.claimTrigger(workflowName, workflowRunId, triggerName, actions);
    }

    @Override
    public Optional<WorkflowRun> addActions(String workflowName, String workflowRunId, List<ActionRun> actions) {
        return this.actions.addActions(workflowName, workflowRunId, actions);
    }

    @Override
    public Optional<StateUpdate> recordJobRunStarted(ActionRef action, JobRunState from, String jobRunId,
                                                     Instant startedOn) {
        StateUpdate running = new StateUpdate(JobRunState.RUNNING, startedOn, null);
        if (startedTogether(owners.recordFirst(action, jobRunId, startedOn), action, from, running, jobRunId)) {
            return Optional.empty();
        }
        // An event for the job run came first (its state is kept on the owner item), or the action moved
        // meanwhile: the two writes one by one keep that state and let the transition find the real origin.
        Optional<DynamoDbJobRunOwners.Recorded> recorded = owners.record(action, jobRunId, startedOn);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        transitionAction(action, ActionTransition.STARTED, running, jobRunId);
        return recorded.get().reportedBefore();
    }

    @Override
    public void recordCrawlStarted(ActionRef action, JobRunState from, String crawlerName, Instant startedOn) {
        StateUpdate running = new StateUpdate(JobRunState.RUNNING, startedOn, null);
        if (!startedTogether(crawls.recordLatest(action, crawlerName, startedOn), action, from, running, null)) {
            crawls.putLatest(action, crawlerName, startedOn);
            transitionAction(action, ActionTransition.STARTED, running, null);
        }
    }

    /**
     * Writes {@code record} and the action's move from {@code from} to RUNNING in one transaction (one request
     * where two would do the same one by one). False when a condition failed: nothing was written.
     */
    private boolean startedTogether(TransactWriteItem record, ActionRef action, JobRunState from,
                                    StateUpdate running, String jobRunId) {
        List<TransactWriteItem> items = new ArrayList<>(List.of(record));
        items.addAll(actions.started(action, from, running, jobRunId));
        if (from == JobRunState.WAITING) {
            items.add(waiting.forget(action));
        }
        try {
            Transactions.write(dynamoDb, items);
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public Optional<ActionRef> recordJobRunState(String jobRunId, StateUpdate update, boolean keepIfUnowned) {
        return owners.recordState(jobRunId, update, keepIfUnowned);
    }

    @Override
    public Optional<ActionRef> jobRunOwner(String jobRunId) {
        return owners.owner(jobRunId);
    }

    @Override
    public Optional<ActionRef> latestCrawl(String crawlerName, Instant at) {
        return crawls.latestCrawl(crawlerName, at);
    }

    @Override
    public Optional<WorkflowRun> recordRemoteOutcome(String workflowName, String workflowRunId, String key,
                                                     JobRunState state) {
        return runs.recordRemoteOutcome(workflowName, workflowRunId, key, state);
    }

    @Override
    public Optional<WorkflowRun> transitionAction(ActionRef action, ActionTransition transition, StateUpdate update,
                                                  String jobRunId) {
        JobRunState target = transition.to() == null ? update.state() : transition.to();
        if (target == JobRunState.WAITING) {
            waiting.list(action, false);
        }
        return actions.move(action, transition, target, update, jobRunId);
    }

    @Override
    public boolean awaitRetry(ActionRef action, JobRunState from, StateUpdate update, boolean lookUpFirst) {
        if (from == JobRunState.WAITING) {
            return waiting.release(action, lookUpFirst);
        }
        waiting.list(action, lookUpFirst);
        return actions.move(action, ActionTransition.WAIT, JobRunState.WAITING, update, null).isPresent();
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

    @Override
    public Optional<WorkflowRun> completeRun(String workflowName, String workflowRunId, WorkflowRunStatus from,
                                             Instant at) {
        Optional<Map<String, AttributeValue>> ended = runs.complete(workflowName, workflowRunId, from, at);
        if (ended.isEmpty()) {
            return Optional.empty();
        }
        release(ended.get());
        return runs.run(workflowName, workflowRunId);
    }

    @Override
    public void releaseRun(String workflowName, String workflowRunId) {
        Map<String, AttributeValue> item = runs.item(workflowName, workflowRunId);
        if (item != null && !item.isEmpty()) {
            WorkflowRunStatus status = WorkflowRunStatus.valueOf(item.get(RunItems.STATUS).s());
            if (status != WorkflowRunStatus.RUNNING && status != WorkflowRunStatus.STOPPING) {
                release(item);
            }
        }
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
        List<TransactWriteItem> items = new ArrayList<>(List.of(runs.leaveActive(item)));
        if (item.containsKey(RunItems.CONCURRENCY_LIMITED)) {
            items.add(queue.freeSlot(item.get(RunItems.NAME).s()));
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            // released by a concurrent caller (the index entry is gone), or the counter is already at zero
        }
    }

    @Override
    public void recordStartTrigger(String workflowName, String workflowRunId, String triggerName) {
        runs.recordStartTrigger(workflowName, workflowRunId, triggerName);
    }

    @Override
    public Optional<WorkflowRun> stopRun(String workflowName, String workflowRunId) {
        return runs.stopRun(workflowName, workflowRunId);
    }

    @Override
    public Optional<WorkflowRun> putRunProperties(String workflowName, String workflowRunId,
                                                  Map<String, String> properties) {
        return runs.putRunProperties(workflowName, workflowRunId, properties);
    }

    @Override
    public Addition addEvent(String workflowName, String triggerName, String partitionId, String eventId,
                             Instant at, int batchSize, Instant seenUntil) {
        return eventBatches.addEvent(workflowName, triggerName, partitionId, eventId, at, batchSize, seenUntil);
    }

    @Override
    public Optional<EventBatch> openEventBatch(String triggerName, String partitionId) {
        return eventBatches.openEventBatch(triggerName, partitionId);
    }

    @Override
    public List<EventBatch> openEventBatches() {
        return eventBatches.openEventBatches();
    }

    @Override
    public Optional<ClosedEventBatch> closeEventBatch(EventBatch batch, EventBatchCondition condition) {
        return eventBatches.closeEventBatch(batch, condition);
    }

    @Override
    public List<ClosedEventBatch> closedEventBatches() {
        return eventBatches.closedEventBatches();
    }

    @Override
    public void forgetClosedEventBatch(ClosedEventBatch closed) {
        eventBatches.forgetClosedEventBatch(closed);
    }
}
