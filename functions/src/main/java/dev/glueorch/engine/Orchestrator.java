package dev.glueorch.engine;

import dev.glueorch.engine.OrchestratorEvent.Notification.Missing;
import dev.glueorch.model.Action;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event handler's service: turns Glue's events, other accounts' completions and schedule ticks into steps of the
 * {@link RunLifecycle} (open a run, finish an action). Every step that must happen once is a conditional write in the
 * {@link WorkflowRunStore}, so duplicated, reordered and concurrent deliveries are safe.
 */
public final class Orchestrator {

    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);

    private final DefinitionsSource definitions;
    private final WorkflowRunStore store;
    private final RunLifecycle lifecycle;
    private final OrchestratorMetrics metrics;
    private final Clock clock;
    private final AccountTrust trust;
    private final ScheduledStarts scheduledStarts;
    private final EventTriggers eventTriggers;
    private final MissingPartitions missingPartitions;
    /** {@code null}: the tick starts the due slots itself, one after the other. */
    private final StartQueue startQueue;

    /** An orchestrator of one account that trusts no other orchestrator. */
    public Orchestrator(DefinitionsSource definitions, WorkflowRunStore store, GlueService glue,
                        Outbox outbox, OrchestratorMetrics metrics, Clock clock, RetryPolicy retryPolicy) {
        this(definitions, store, glue, outbox, metrics, clock, retryPolicy, AccountTrust.SINGLE_ACCOUNT);
    }

    public Orchestrator(DefinitionsSource definitions, WorkflowRunStore store, GlueService glue,
                        Outbox outbox, OrchestratorMetrics metrics, Clock clock, RetryPolicy retryPolicy,
                        AccountTrust trust) {
        this(definitions, store, glue, outbox, metrics, clock, retryPolicy, trust, null);
    }

    /**
     * @param startQueue where the schedule tick hands due slots to the start workers; {@code null} to start them in
     *                   the tick's own invocation (the simulator, the local orchestrator, small estates)
     */
    public Orchestrator(DefinitionsSource definitions, WorkflowRunStore store, GlueService glue,
                        Outbox outbox, OrchestratorMetrics metrics, Clock clock, RetryPolicy retryPolicy,
                        AccountTrust trust, StartQueue startQueue) {
        this.trust = trust;
        this.definitions = definitions;
        this.store = store;
        this.lifecycle = new RunLifecycle(definitions, store, glue, outbox, metrics, clock, retryPolicy);
        this.metrics = metrics;
        this.clock = clock;
        this.scheduledStarts = new ScheduledStarts(lifecycle, definitions, store, clock);
        this.eventTriggers = new EventTriggers(lifecycle, definitions, store, clock);
        this.missingPartitions = new MissingPartitions(lifecycle, store);
        this.startQueue = startQueue;
    }

    /** The run lifecycle this orchestrator drives, for the reconciler and the operations to drive too. */
    public RunLifecycle lifecycle() {
        return lifecycle;
    }

    /** Handles one event; safe to call again with the same event. */
    public void handle(GlueEvent event) {
        try (LogContext ignored = LogContext.with(LogContext.EVENT_ID, event.eventId())) {
            if (event instanceof GlueEvent.JobStateChange change) {
                onJobStateChange(change);
            } else if (event instanceof GlueEvent.JobRunDelayed delayed) {
                onJobRunDelayed(delayed);
            } else if (event instanceof GlueEvent.CrawlerStateChange change) {
                onCrawlerStateChange(change);
            } else if (event instanceof GlueEvent.ScheduleTick tick) {
                onScheduleTick(tick);
            } else if (event instanceof GlueEvent.RemoteActionCompleted remote) {
                onRemoteActionCompleted(remote);
            } else if (event instanceof GlueEvent.TriggerEvent triggered) {
                eventTriggers.onEvent(triggered);
            }
            metrics.eventHandled(event.getClass().getSimpleName(), Duration.between(event.time(), clock.instant()));
        }
    }

    private void onJobStateChange(GlueEvent.JobStateChange event) {
        try (LogContext ignored = LogContext.with(LogContext.JOB_RUN_ID, event.jobRunId())) {
            if (!event.state().isTerminal()) {
                LOG.debug("Job run of {} is {}: not a state triggers listen for", event.jobName(), event.state());
                return;
            }
            if (!trust.acceptsGlueEvent(event.account(), definitions.current().remoteActionAccounts())) {
                LOG.warn("Ignored a job state change from account {}: the definitions start no job there",
                        event.account());
                return;
            }
            if (!JobRunIds.storable(event.jobRunId())) {
                // not an id Glue gives (at most 255 characters); retrying the delivery would fail the same way
                LOG.warn("Ignored a job state change of {} whose job run id is {} characters long: not a Glue job run "
                        + "id (at most {})", event.jobName(), event.jobRunId().length(), JobRunIds.MAX_LENGTH);
                return;
            }
            StateUpdate update = new StateUpdate(event.state(), event.time(),
                    event.state() == JobRunState.SUCCEEDED ? null : JobRunIds.boundedMessage(event.message()));
            // a state is kept ahead of its start's record only for jobs the orchestrator starts here
            boolean ours = definitions.current().jobNames().contains(event.jobName());
            Optional<ActionRef> action = store.recordJobRunState(event.jobRunId(), update, ours);
            if (action.isEmpty()) {
                LOG.info("Job run of {} reached {} but was not started by the orchestrator (or its start is not "
                        + "recorded yet; the state is kept for it): nothing fires", event.jobName(), event.state());
                return;
            }
            lifecycle.finish(action.get(), update, event.jobRunId());
        }
    }

    /**
     * Another account's orchestrator finished an action: it starts, or joins, the run of the same partition of every
     * workflow with a condition it meets, and may fire what waited for it (cross-account chaining).
     */
    private void onRemoteActionCompleted(GlueEvent.RemoteActionCompleted event) {
        String refusal = trust.refusalOf(event.account(), event.eventBusArn());
        if (refusal != null) {
            LOG.warn("Ignored an \"Action Completed\" event claiming account {}: {}", event.account(), refusal);
            return;
        }
        Definitions current = definitions.current();
        String key = WorkflowRun.remoteKey(event.account(), event.region(), event.type(), event.name());
        for (Trigger.Conditional trigger : current.remoteListenersOf(event.account(), event.region(), event.type(),
                event.name())) {
            boolean meets = trigger.predicate().conditions().stream().anyMatch(c -> c.isMetRemotelyBy(
                    event.account(), event.region(), event.type(), event.name(), event.state()));
            if (!meets) {
                continue;
            }
            WorkflowDefinition workflow = current.workflow(trigger.workflowName()).orElseThrow();
            Partition partition;
            try {
                partition = Partitions.forId(workflow.workflow(), event.partition());
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignored {}'s completion of {} for workflow {}: {}", event.account(), event.name(),
                        workflow.name(), e.getMessage());
                continue;
            }
            Optional<String> oldest = Partitions.oldestCaughtUp(workflow, clock.instant());
            if (oldest.isPresent() && partition.id().compareTo(oldest.get()) < 0) {
                // a run opened for it would wait for a start its schedule no longer gives: it would never end
                LOG.warn("Refused {}'s completion of {} for partition {} of workflow {}: older than {}, the oldest "
                        + "partition its schedule still starts (MaxCatchUpRuns)", event.account(), event.name(),
                        partition.id(), workflow.name(), oldest.get());
                continue;
            }
            WorkflowRun candidate = WorkflowRun.ofPartition(workflow, partition, clock.instant(), current.version());
            try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, workflow.name())
                    .and(LogContext.WORKFLOW_RUN_ID, candidate.workflowRunId())
                    .and(LogContext.TRIGGER, trigger.name())) {
                // joining is not queued behind MaxConcurrentRuns: the partition's own start still is
                if (lifecycle.open(workflow, candidate, List.of()).outcome() == RunStart.Outcome.STARTED) {
                    LOG.info("Workflow run for partition {} opened by {}'s completion of {}", partition.id(),
                            event.account(), event.name());
                }
                store.recordRemoteOutcome(workflow.name(), candidate.workflowRunId(), key, event.state())
                        .ifPresentOrElse(run -> lifecycle.advance(lifecycle.workflowOf(run), run), () -> LOG.info(
                                "Run of partition {} is no longer running: {}'s completion of {} changes nothing",
                                partition.id(), event.account(), event.name()));
            }
        }
    }

    /** Glue's own delay event (the job's NotifyDelayAfter passed): a "Run Delayed" notification, once. */
    private void onJobRunDelayed(GlueEvent.JobRunDelayed event) {
        try (LogContext ignored = LogContext.with(LogContext.JOB_RUN_ID, event.jobRunId())) {
            Optional<ActionRef> ref = store.jobRunOwner(event.jobRunId());
            Optional<WorkflowRun> run = ref.flatMap(r -> store.run(r.workflowName(), r.workflowRunId()));
            if (run.isEmpty()) {
                LOG.info("Job run of {} is delayed but was not started by the orchestrator: no notification",
                        event.jobName());
                return;
            }
            ActionRun action = run.get().actions().get(ref.get().actionId());
            Instant startedOn = event.startedOn() != null ? event.startedOn() : action.startedOn();
            Duration running = Duration.between(startedOn, event.time());
            lifecycle.notifier().aboutAction(OrchestratorEvent.Notification.Kind.RUN_DELAYED, run.get(),
                    RunLifecycle.partitionOf(lifecycle.workflowOf(run.get()), run.get()), action,
                    running.minusMinutes(event.notifyDelayAfterMinutes()),
                    "Job run of " + action.name() + " has been running for " + running.toMinutes()
                    + " minutes, past its NotifyDelayAfter of " + event.notifyDelayAfterMinutes() + " minutes");
        }
    }

    private void onCrawlerStateChange(GlueEvent.CrawlerStateChange event) {
        JobRunState state = event.state().asActionState();
        if (!state.isTerminal()) {
            LOG.debug("Crawler {} is {}: not a state triggers listen for", event.crawlerName(), event.state());
            return;
        }
        Optional<ActionRef> action = store.latestCrawl(event.crawlerName(), event.time());
        if (action.isEmpty()) {
            LOG.info("Crawl of {} reached {} but was not started by the orchestrator: nothing fires",
                    event.crawlerName(), event.state());
            return;
        }
        lifecycle.finish(action.get(), new StateUpdate(state, event.time(), event.errorMessage()), null);
    }

    private void onScheduleTick(GlueEvent.ScheduleTick tick) {
        // Actions already waiting for Glue capacity go first: they are older than any slot due now.
        lifecycle.retryWaitingActions();
        startDueSlots();
        eventTriggers.onTick();
    }

    /**
     * Starts the runs of every schedule slot due since the last one started, within each catch-up limit: in this
     * invocation, or, with a {@link StartQueue}, by handing the slots to the start workers. The cursors are read in
     * one request; a trigger's cursor moves past its slots only once they were started or handed over, so a tick that
     * dies in between leaves them to the next one (which may hand a slot over twice: harmless, see {@link DueSlot}).
     * The partitions of slots skipped (past the catch-up limit, or of a DEACTIVATED trigger) are notified before any
     * cursor moves past them, so a tick that dies leaves them to the next one too (notified once all the same).
     */
    void startDueSlots() {
        Instant now = clock.instant();
        Definitions current = definitions.current();
        List<Trigger.Scheduled> triggers = current.scheduledTriggers();
        if (triggers.isEmpty()) {
            return;
        }
        Map<String, Instant> cursors = store.scheduleCursors(ScheduleCursor.START,
                triggers.stream().map(Trigger::name).toList());
        Map<Trigger.Scheduled, DueSlots> dueByTrigger = new LinkedHashMap<>();
        for (Trigger.Scheduled trigger : triggers) {
            try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, trigger.workflowName())
                    .and(LogContext.TRIGGER, trigger.name())) {
                lifecycle.isolated(trigger.workflowName(), "schedule of trigger " + trigger.name(), () -> {
                    DueSlots due = dueSlots(trigger, cursors, now);
                    if (!due.isEmpty()) {
                        dueByTrigger.put(trigger, due);
                    }
                });
            }
        }
        notifyMissing(current, dueByTrigger);
        Map<Trigger.Scheduled, List<Instant>> queued = new LinkedHashMap<>();
        dueByTrigger.forEach((trigger, due) -> {
            try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, trigger.workflowName())
                    .and(LogContext.TRIGGER, trigger.name())) {
                lifecycle.isolated(trigger.workflowName(), "schedule of trigger " + trigger.name(), () -> {
                    if (due.start().isEmpty()) {
                        store.advanceScheduleCursor(ScheduleCursor.START, trigger.name(), due.last());
                    } else if (startQueue != null) {
                        queued.put(trigger, due.start());
                    } else {
                        due.start().forEach(slot -> scheduledStarts.open(current, trigger, slot));
                        store.advanceScheduleCursor(ScheduleCursor.START, trigger.name(), due.last());
                    }
                });
            }
        });
        if (!queued.isEmpty()) {
            handOver(queued);
        }
    }

    /**
     * The due slots of one trigger: those to start and those skipped (oldest first) and why; {@code last} is where its
     * cursor moves once they are handled.
     */
    private record DueSlots(List<Instant> start, List<Instant> skipped, Missing.Reason skippedBecause) {

        static final DueSlots NONE = new DueSlots(List.of(), List.of(), null);

        boolean isEmpty() {
            return start.isEmpty() && skipped.isEmpty();
        }

        Instant last() {
            return start.isEmpty() ? skipped.get(skipped.size() - 1) : start.get(start.size() - 1);
        }
    }

    /**
     * The slots of one trigger due now: none when nothing is due; all skipped when the trigger is DEACTIVATED; else
     * at most {@code 1 + MaxCatchUpRuns} of them to start, the latest, and the older ones skipped.
     */
    private DueSlots dueSlots(Trigger.Scheduled trigger, Map<String, Instant> cursors, Instant now) {
        Instant cursor = cursors.getOrDefault(trigger.name(), now.minus(Duration.ofMinutes(1)));
        List<Instant> due = trigger.schedule().slotsBetween(cursor, now);
        if (due.isEmpty()) {
            if (!cursors.containsKey(trigger.name())) {
                // first tick for this trigger: remember it, so a slot missed later is caught up from here
                store.advanceScheduleCursor(ScheduleCursor.START, trigger.name(), now);
            }
            return DueSlots.NONE;
        }
        if (definitions.deactivatedTriggers().contains(trigger.name())) {
            LOG.info("Trigger is DEACTIVATED: {} slot(s) up to {} start nothing", due.size(), due.get(due.size() - 1));
            return new DueSlots(List.of(), due, Missing.Reason.TRIGGER_DEACTIVATED);
        }
        int keep = 1 + trigger.maxCatchUpRuns();
        if (due.size() <= keep) {
            return new DueSlots(due, List.of(), null);
        }
        LOG.warn("{} schedule slot(s) from {} to {} were missed and are past the catch-up limit of {} "
                + "(MaxCatchUpRuns): skipped", due.size() - keep, due.get(0), due.get(due.size() - keep - 1),
                trigger.maxCatchUpRuns());
        return new DueSlots(due.subList(due.size() - keep, due.size()), due.subList(0, due.size() - keep),
                Missing.Reason.PAST_CATCH_UP_LIMIT);
    }

    /** Notifies the partitions of the slots this tick skips, but those whose runs it starts through another trigger. */
    private void notifyMissing(Definitions current, Map<Trigger.Scheduled, DueSlots> dueByTrigger) {
        List<MissingPartitions.Skip> skips = new ArrayList<>();
        dueByTrigger.forEach((trigger, due) -> {
            if (!due.skipped().isEmpty()) {
                skips.add(new MissingPartitions.Skip(trigger, due.skipped(), due.skippedBecause()));
            }
        });
        if (skips.isEmpty()) {
            return;
        }
        Set<String> started = new HashSet<>();
        dueByTrigger.forEach((trigger, due) -> current.workflow(trigger.workflowName()).ifPresent(workflow ->
                started.addAll(MissingPartitions.partitionsOf(workflow, due.start()))));
        missingPartitions.notify(current, skips, started);
    }

    /**
     * Hands every due slot to the start workers (the queue batches them), then moves each trigger's cursor past the
     * slots it handed over — never past one the queue did not take.
     */
    private void handOver(Map<Trigger.Scheduled, List<Instant>> queued) {
        List<DueSlot> slots = new ArrayList<>();
        queued.forEach((trigger, due) -> due.forEach(slot -> slots.add(new DueSlot(trigger.workflowName(),
                trigger.name(), slot))));
        Set<String> notSent = new HashSet<>();
        try {
            startQueue.send(slots).forEach(slot -> notSent.add(slot.triggerName()));
        } catch (RuntimeException e) {
            LOG.error("The start queue refused the due slots: the next tick hands them over again", e);
            return;
        }
        if (!notSent.isEmpty()) {
            LOG.error("The start queue did not take the due slots of {} trigger(s) (first: {}): the next tick hands "
                    + "them over again", notSent.size(), notSent.iterator().next());
        }
        LOG.info("Handed {} due slot(s) of {} trigger(s) to the start workers", slots.size(), queued.size());
        queued.forEach((trigger, due) -> {
            if (!notSent.contains(trigger.name())) {
                lifecycle.isolated(trigger.workflowName(), "schedule cursor of trigger " + trigger.name(), () ->
                        store.advanceScheduleCursor(ScheduleCursor.START, trigger.name(), due.get(due.size() - 1)));
            }
        });
    }
}
