package dev.glueorch.engine;

import dev.glueorch.model.Definitions;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glue's EVENT triggers: counts each event once in its trigger's open batch (per partition with PartitionFrom),
 * closes a batch when it holds {@code BatchSize} events (the handler that filled it) or its {@code BatchWindow}
 * passed since its first event (the tick, every minute), and starts the closed batch's run — or joins the run of its
 * partition, firing the EVENT trigger there once. Every step is a conditional write: a repeated event counts
 * nothing, a batch closes once, its run opens once and the trigger fires at most once per run. A closed batch is
 * kept until its run is there, so a crash in between is finished by the next tick.
 */
public final class EventTriggers {

    private static final Logger LOG = LoggerFactory.getLogger(EventTriggers.class);
    /**
     * How long an event id is remembered: EventBridge retries a delivery for up to 24 hours, and Lambda's async
     * retries and dead-letter replays come within days.
     */
    static final Duration SEEN_RETENTION = Duration.ofDays(3);
    /** Closing a full batch and adding again: more attempts than concurrent closers can take turns. */
    private static final int ADD_ATTEMPTS = 10;

    private final RunLifecycle lifecycle;
    private final DefinitionsSource definitions;
    private final WorkflowRunStore store;
    private final Clock clock;

    EventTriggers(RunLifecycle lifecycle, DefinitionsSource definitions, WorkflowRunStore store, Clock clock) {
        this.lifecycle = lifecycle;
        this.definitions = definitions;
        this.store = store;
        this.clock = clock;
    }

    /** Counts one event of an EVENT trigger's rule in its batch; closes the batch when that fills it. */
    void onEvent(GlueEvent.TriggerEvent event) {
        try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, event.workflowName())
                .and(LogContext.TRIGGER, event.triggerName())) {
            Definitions current = definitions.current();
            Optional<Trigger.Event> trigger = eventTrigger(current, event.workflowName(), event.triggerName());
            if (trigger.isEmpty()) {
                LOG.warn("Ignored event {}: the current definitions have no EVENT trigger {} in workflow {} (a rule "
                        + "left from an earlier deployment)", event.eventId(), event.triggerName(),
                        event.workflowName());
                return;
            }
            if (definitions.deactivatedTriggers().contains(event.triggerName())) {
                LOG.info("Ignored event {}: the trigger is DEACTIVATED", event.eventId());
                return;
            }
            String partitionId = null;
            if (trigger.get().partitionFrom() != null) {
                Optional<Partition> partition = Partitions.forEvent(
                        current.workflow(event.workflowName()).orElseThrow().workflow(),
                        trigger.get().partitionFrom(), event.event());
                if (partition.isEmpty()) {
                    LOG.warn("Ignored event {}: no partition found at {} with PartitionFrom.Pattern", event.eventId(),
                            trigger.get().partitionFrom().path());
                    return;
                }
                partitionId = partition.get().id();
            }
            add(trigger.get(), partitionId, event.eventId());
        }
    }

    private void add(Trigger.Event trigger, String partitionId, String eventId) {
        int batchSize = trigger.batching().batchSize();
        for (int attempt = 0; attempt < ADD_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            EventBatches.Addition addition = store.addEvent(trigger.workflowName(), trigger.name(), partitionId,
                    eventId, now, batchSize, now.plus(SEEN_RETENTION));
            switch (addition.outcome()) {
                case DUPLICATE -> {
                    LOG.info("Event {} was counted before: a repeated delivery counts nothing", eventId);
                    return;
                }
                case ADDED -> {
                    if (addition.batch().isEmpty()) {
                        // another handler closed the batch, this event in it, between the add and the read
                        LOG.info("Event {} counted in a batch closed meanwhile", eventId);
                        return;
                    }
                    EventBatch batch = addition.batch().get();
                    LOG.info("Event {} counted: batch {} of partition {} holds {} of {}", eventId, batch.sequence(),
                            partitionId, batch.size(), batchSize);
                    if (batch.size() >= batchSize) {
                        close(batch, EventBatchCondition.sizeReached(batch.size()));
                    }
                    return;
                }
                case FULL -> addition.batch().ifPresent(full ->
                        close(full, EventBatchCondition.sizeReached(full.size())));
            }
        }
        throw new IllegalStateException("event " + eventId + " found batch of trigger " + trigger.name()
                + " full " + ADD_ATTEMPTS + " times: it is delivered again");
    }

    /**
     * What the tick does: closes the open batches whose window has passed (or that are full and whose closer
     * stopped), then starts the runs of closed batches a crash left. The window's resolution is the tick's minute.
     */
    void onTick() {
        Instant now = clock.instant();
        Definitions current = definitions.current();
        if (current.workflows().values().stream().flatMap(w -> w.triggers().stream())
                .noneMatch(t -> t instanceof Trigger.Event)) {
            // a tick costs no request for EVENT triggers where there are none (batches of a removed one stay put)
            return;
        }
        for (EventBatch batch : store.openEventBatches()) {
            lifecycle.isolated(batch.workflowName(), "closing of an event batch", () -> {
                Optional<Trigger.Event> trigger = eventTrigger(current, batch.workflowName(), batch.triggerName());
                if (trigger.isEmpty()) {
                    return;
                }
                int window = trigger.get().batching().batchWindowSeconds();
                if (batch.size() >= trigger.get().batching().batchSize()) {
                    close(batch, EventBatchCondition.sizeReached(batch.size()));
                } else if (!now.isBefore(batch.firstEventAt().plusSeconds(window))) {
                    close(batch, EventBatchCondition.windowExpired(window));
                }
            });
        }
        for (ClosedEventBatch closed : store.closedEventBatches()) {
            lifecycle.isolated(closed.batch().workflowName(), "start of a closed event batch", () -> start(closed));
        }
    }

    private void close(EventBatch batch, EventBatchCondition condition) {
        Optional<ClosedEventBatch> closed = store.closeEventBatch(batch, condition);
        if (closed.isEmpty()) {
            LOG.info("Batch {} of partition {} was closed by another caller, or took an event meanwhile",
                    batch.sequence(), batch.partitionId());
            return;
        }
        LOG.info("Batch {} of partition {} closed with {} event(s): {}", batch.sequence(), batch.partitionId(),
                batch.size(), condition.batchSize() > 0 ? "BatchSize reached" : "BatchWindow expired");
        start(closed.get());
    }

    /**
     * Starts the closed batch's run, or joins its partition's run: the EVENT trigger fires in it unless it fired
     * there already. Safe to call again for the same batch; the batch is forgotten once nothing is left to do.
     */
    void start(ClosedEventBatch closed) {
        EventBatch batch = closed.batch();
        try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, batch.workflowName())
                .and(LogContext.TRIGGER, batch.triggerName())) {
            Definitions current = definitions.current();
            Optional<Trigger.Event> trigger = eventTrigger(current, batch.workflowName(), batch.triggerName());
            if (trigger.isEmpty()) {
                LOG.warn("Batch {} closed, but the current definitions have no EVENT trigger {} any more: it starts "
                        + "nothing", batch.sequence(), batch.triggerName());
                store.forgetClosedEventBatch(closed);
                return;
            }
            WorkflowDefinition workflow = current.workflow(batch.workflowName()).orElseThrow();
            WorkflowRun candidate = candidate(workflow, batch, current.version())
                    .startedByEvents(batch.eventIds(), closed.condition());
            RunStart start;
            try (LogContext run = LogContext.with(LogContext.WORKFLOW_RUN_ID, candidate.workflowRunId())) {
                start = lifecycle.open(workflow, candidate, List.of(batch.triggerName()));
                if (start.outcome() == RunStart.Outcome.EXISTED && !join(start.run(), batch)) {
                    return;
                }
            }
            store.forgetClosedEventBatch(closed);
        }
    }

    /** The run a batch starts: its partition's run, or one derived from the batch. */
    private WorkflowRun candidate(WorkflowDefinition workflow, EventBatch batch, String version) {
        Instant now = clock.instant();
        if (batch.partitionId() != null) {
            return WorkflowRun.ofPartition(workflow, Partitions.forId(workflow.workflow(), batch.partitionId()), now,
                    version);
        }
        return WorkflowRun.started(workflow.name(), RunIds.forEventBatch(workflow.name(), batch.triggerName(),
                batch.sequence(), batch.firstEventAt()), null, workflow.workflow().defaultRunProperties(), now,
                version);
    }

    /**
     * Joins a run that exists: fires the EVENT trigger in it unless it fired there already. Returns false when the
     * batch must wait: the run is QUEUED under another start trigger, which alone fires when it leaves the queue.
     */
    private boolean join(WorkflowRun run, EventBatch batch) {
        String trigger = batch.triggerName();
        if (run.hasFired(trigger)) {
            LOG.info("Trigger already fired in run {} of partition {}: batch {} of {} event(s) starts nothing",
                    run.workflowRunId(), run.partitionId(), batch.sequence(), batch.size());
            return true;
        }
        if (run.status() == WorkflowRunStatus.QUEUED) {
            if (trigger.equals(run.startTrigger())) {
                return true;
            }
            LOG.info("Run {} of partition {} waits for a MaxConcurrentRuns slot: batch {} joins it once it runs",
                    run.workflowRunId(), run.partitionId(), batch.sequence());
            return false;
        }
        if (run.status() != WorkflowRunStatus.RUNNING) {
            LOG.info("Run {} of partition {} is {}: batch {} of {} event(s) starts nothing", run.workflowRunId(),
                    run.partitionId(), run.status(), batch.sequence(), batch.size());
            return true;
        }
        WorkflowRun joined = store.putRunProperties(run.workflowName(), run.workflowRunId(),
                Map.of(WorkflowRun.EVENT_IDS_PROPERTY, WorkflowRun.eventIdsProperty(batch.eventIds()))).orElse(run);
        if (lifecycle.fireUnfiredStart(joined, trigger)) {
            LOG.info("Batch {} of {} event(s) joined run {} of partition {}", batch.sequence(), batch.size(),
                    run.workflowRunId(), run.partitionId());
        }
        return true;
    }

    /** The EVENT trigger of that name in the workflow, as the current definitions have it. */
    private static Optional<Trigger.Event> eventTrigger(Definitions current, String workflowName, String triggerName) {
        return current.workflow(workflowName).flatMap(w -> w.trigger(triggerName))
                .filter(Trigger.Event.class::isInstance).map(Trigger.Event.class::cast);
    }
}
