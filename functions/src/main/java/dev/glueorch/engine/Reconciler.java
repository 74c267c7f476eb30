package dev.glueorch.engine;

import dev.glueorch.model.Action;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs what events cannot guarantee, on a schedule (every 5 minutes by default). Glue's events are best effort
 * and Lambda can die between two writes, so for every run not yet finished it:
 * <ul>
 *   <li>applies the real state (GetJobRun / GetCrawler) of actions running past their expected time with no
 *       terminal event, and reports those past {@code ExpectedDurationMinutes} as delayed;</li>
 *   <li>finds the job run Glue started for a claim whose start was never recorded (by the action id argument),
 *       or starts it;</li>
 *   <li>fires what a crash left unfired and completes runs with nothing left to do;</li>
 * </ul>
 * and retries waiting actions (reporting those waiting too long), starts caught-up schedule slots and queued runs,
 * and reports partitions whose run had not started by the workflow's {@code ExpectedStartBy}.
 */
public final class Reconciler {

    /** A claim older than this with no start recorded was lost: longer than any handler runs. */
    static final Duration CLAIM_GRACE = Duration.ofMinutes(3);
    /** A running action is checked with Glue once it ran this long (or its ExpectedDurationMinutes). */
    static final Duration CHECK_RUNNING_AFTER = Duration.ofMinutes(10);
    /** How far back the first not-started check of a trigger looks. */
    static final Duration FIRST_CHECK_LOOKBACK = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** How many items with unsent events one pass sends again (the rest wait for the next pass). */
    static final int UNSENT_PER_PASS = 100;

    private final Orchestrator orchestrator;
    private final RunLifecycle lifecycle;
    private final DefinitionsSource definitions;
    private final WorkflowRunStore store;
    private final OutboxStore outbox;
    private final GlueService glue;
    private final Notifier notifier;
    private final Clock clock;

    public Reconciler(Orchestrator orchestrator, DefinitionsSource definitions, WorkflowRunStore store,
                      OutboxStore outbox, GlueService glue, Clock clock) {
        this.orchestrator = orchestrator;
        this.lifecycle = orchestrator.lifecycle();
        this.definitions = definitions;
        this.store = store;
        this.outbox = outbox;
        this.glue = glue;
        this.notifier = lifecycle.notifier();
        this.clock = clock;
    }

    /** One pass; safe to run concurrently with events, ticks and another pass. */
    public void reconcile() {
        orchestrator.startDueSlots();
        reconcileExceptSchedules();
    }

    /** A pass that starts no schedule slot: for a simulation whose schedules have ended. */
    public void reconcileExceptSchedules() {
        lifecycle.retryWaitingActions();
        for (WorkflowRun run : store.activeRuns()) {
            try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, run.workflowName())
                    .and(LogContext.WORKFLOW_RUN_ID, run.workflowRunId())) {
                lifecycle.isolated(run.workflowName(), "repair of run " + run.workflowRunId(), () -> {
                    if (run.status() == WorkflowRunStatus.RUNNING || run.status() == WorkflowRunStatus.STOPPING) {
                        reconcile(run);
                    } else {
                        LOG.warn("Run ended {} but a crash kept its concurrency slot: released", run.status());
                        store.releaseRun(run.workflowName(), run.workflowRunId());
                    }
                });
            }
        }
        Definitions current = definitions.current();
        for (WorkflowDefinition workflow : current.workflows().values()) {
            if (workflow.workflow().maxConcurrentRuns() != null) {
                lifecycle.isolated(workflow.name(), "start of a queued run of " + workflow.name(),
                        () -> lifecycle.startQueuedRun(workflow));
            }
        }
        checkExpectedStarts(current);
        resendUnsent();
    }

    /** Sends again the events EventBridge had not accepted a minute after they were written. */
    private void resendUnsent() {
        Instant before = clock.instant().minus(Outbox.RESEND_AFTER);
        List<Outbox.Entry> entries = new ArrayList<>();
        for (OutboxStore.Unsent unsent : outbox.unsent(before, UNSENT_PER_PASS)) {
            if (unsent instanceof OutboxStore.Notification notification) {
                entries.add(new Outbox.Entry(notification.notification(),
                        new OutboxItem.Notification(notification.notification().key())));
            } else if (unsent instanceof OutboxStore.RunEvents pending) {
                WorkflowRun run = pending.run();
                lifecycle.isolated(run.workflowName(), "re-send of the events of run " + run.workflowRunId(),
                        () -> {
                            Partition partition = RunLifecycle.partitionOf(lifecycle.workflowOf(run), run);
                            pending.events().stream().filter(event -> event.at().isBefore(before)).forEach(event ->
                                    entries.add(new Outbox.Entry(OrchestratorEvents.of(run, partition, event),
                                            OutboxItem.of(run))));
                        });
            }
        }
        if (!entries.isEmpty()) {
            LOG.warn("{} event(s) were not accepted by EventBridge when written: sending them again", entries.size());
            // the publisher sends them in as few PutEvents as EventBridge's limits allow
            lifecycle.outbox().send(entries);
        }
    }

    private void reconcile(WorkflowRun run) {
        WorkflowDefinition workflow = lifecycle.workflowOf(run);
        Partition partition = RunLifecycle.partitionOf(workflow, run);
        Instant now = clock.instant();
        if (startInterrupted(run, now)) {
            LOG.warn("Run opened at {} but its start trigger {} never fired (a crash between the two): firing it",
                    run.startedOn(), run.startTrigger());
            lifecycle.fireStart(run, run.startTrigger());
            return;
        }
        boolean repaired = false;
        for (ActionRun action : run.actions().values()) {
            Duration age = Duration.between(action.startedOn(), now);
            switch (action.state()) {
                case STARTING -> {
                    if (age.compareTo(CLAIM_GRACE) > 0) {
                        repaired |= recoverClaim(run, action);
                    }
                }
                case RUNNING, STOPPING -> repaired |= checkRunning(workflow, run, partition, action, age);
                default -> {
                    // finished, or WAITING: every tick retries those (and reports one waiting too long)
                }
            }
        }
        // a crash between an action's move and what it fires leaves the run idle or unfired: finish the job (on the
        // run as just read, unless this pass changed it)
        if (repaired) {
            store.run(run.workflowName(), run.workflowRunId())
                    .ifPresent(latest -> lifecycle.advance(workflow, latest));
        } else {
            lifecycle.advance(workflow, run);
        }
    }

    /** A RUNNING run that has fired nothing, longer after it opened than any handler runs, though it has a start. */
    private static boolean startInterrupted(WorkflowRun run, Instant now) {
        return run.status() == WorkflowRunStatus.RUNNING && run.firedTriggers().isEmpty()
                && run.startTrigger() != null && Duration.between(run.startedOn(), now).compareTo(CLAIM_GRACE) > 0;
    }

    /**
     * A claim with no recorded start (its handler stopped around StartJobRun): recovered as a waiting action whose
     * outcome is unknown — its run looked up by its action id, adopted or started — by one pass only.
     */
    private boolean recoverClaim(WorkflowRun run, ActionRun action) {
        boolean recovered = lifecycle.recoverLostStart(run, action);
        if (recovered) {
            LOG.warn("Claim of {} had no recorded start: recovered (looked up by its action id, adopted or started)",
                    action.name());
        }
        return recovered;
    }

    /**
     * A running action with no terminal event yet: ask Glue, apply a final state, report a delay. Returns whether it
     * applied a final state.
     */
    private boolean checkRunning(WorkflowDefinition workflow, WorkflowRun run, Partition partition, ActionRun action,
                              Duration age) {
        Integer expectedMinutes = expectedDuration(workflow, action);
        Duration checkAfter = expectedMinutes != null && expectedMinutes < CHECK_RUNNING_AFTER.toMinutes()
                ? Duration.ofMinutes(expectedMinutes) : CHECK_RUNNING_AFTER;
        if (age.compareTo(checkAfter) <= 0) {
            return false;
        }
        ActionRef ref = action.ref(run.workflowName(), run.workflowRunId());
        if (action.type() == NodeType.JOB && action.jobRunId() != null) {
            Action.JobAction job = (Action.JobAction) action.definitionIn(workflow);
            Optional<StateUpdate> reached = glue.forRole(job.roleArn(), job.externalId())
                    .jobRun(action.name(), action.jobRunId()).flatMap(GlueService.JobRunStatus::reached);
            if (reached.isPresent()) {
                LOG.warn("Job run {} of {} ended {} without an event reaching the orchestrator: applied",
                        action.jobRunId(), action.name(), reached.get().state());
                lifecycle.finish(ref, reached.get(), action.jobRunId());
                return true;
            }
        } else if (action.type() == NodeType.CRAWLER) {
            Optional<StateUpdate> reached = glue.lastCrawl(action.name())
                    .filter(crawl -> crawl.startedSince(action.startedOn()))
                    .flatMap(crawl -> crawl.reached(clock.instant()));
            if (reached.isPresent()) {
                LOG.warn("Crawl of {} ended {} without an event reaching the orchestrator: applied", action.name(),
                        reached.get().state());
                lifecycle.finish(ref, reached.get(), null);
                return true;
            }
        }
        if (expectedMinutes != null && age.toMinutes() > expectedMinutes) {
            notifier.aboutAction(OrchestratorEvent.Notification.Kind.RUN_DELAYED, run, partition, action,
                    age.minusMinutes(expectedMinutes), action.name() + " has been running for " + age.toMinutes()
                    + " minutes, past its ExpectedDurationMinutes of " + expectedMinutes);
        }
        return false;
    }

    private static Integer expectedDuration(WorkflowDefinition workflow, ActionRun action) {
        return Optional.of(action.definitionIn(workflow))
                .filter(Action.JobAction.class::isInstance)
                .map(a -> ((Action.JobAction) a).expectedDurationMinutes())
                .orElse(null);
    }

    /** Partitions whose run had not started by the slot + the workflow's ExpectedStartBy get a notification. */
    private void checkExpectedStarts(Definitions current) {
        Instant now = clock.instant();
        List<Trigger.Scheduled> checked = current.scheduledTriggers().stream()
                .filter(t -> current.workflow(t.workflowName()).orElseThrow().workflow().expectedStartBy() != null)
                .toList();
        if (checked.isEmpty()) {
            return;
        }
        Map<String, Instant> cursors = store.scheduleCursors(ScheduleCursor.START_CHECK,
                checked.stream().map(Trigger::name).toList());
        for (Trigger.Scheduled trigger : checked) {
            lifecycle.isolated(trigger.workflowName(), "start check of trigger " + trigger.name(),
                    () -> checkExpectedStarts(current, trigger, cursors, now));
        }
    }

    private void checkExpectedStarts(Definitions current, Trigger.Scheduled trigger, Map<String, Instant> cursors,
                                     Instant now) {
        WorkflowDefinition workflow = current.workflow(trigger.workflowName()).orElseThrow();
        Duration allowed = Duration.ofMinutes(workflow.workflow().expectedStartBy());
        Instant lastDue = now.minus(allowed);
        // never checked before (first deployment): look back two default passes, not into all history
        Instant cursor = cursors.getOrDefault(trigger.name(), lastDue.minus(FIRST_CHECK_LOOKBACK));
        List<Instant> slots = trigger.schedule().slotsBetween(cursor, lastDue);
        for (Instant slot : slots) {
            Partition partition = Partitions.forSlot(workflow.workflow(), slot);
            Instant deadline = slot.plus(allowed);
            // the run of a slot has this id whether it started, waits in the queue or was never opened
            String runId = RunIds.forPartition(workflow.name(), partition.id());
            Optional<WorkflowRun> run = store.run(workflow.name(), runId);
            if (run.isEmpty() || run.get().status() == WorkflowRunStatus.QUEUED
                    || run.get().startedOn().isAfter(deadline)) {
                notifier.notStarted(workflow.name(), runId, partition, trigger.actions().get(0).name(), deadline,
                        "The run of " + workflow.name() + " for partition " + partition.id() + " had not started "
                        + workflow.workflow().expectedStartBy() + " minutes after its slot " + slot
                        + (run.isEmpty() ? "" : " (it started at " + run.get().startedOn() + ")"));
            }
        }
        if (!slots.isEmpty()) {
            store.advanceScheduleCursor(ScheduleCursor.START_CHECK, trigger.name(), slots.get(slots.size() - 1));
        }
    }
}
