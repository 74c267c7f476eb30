package dev.glueorch.engine;

import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the run of one due schedule slot: opens the run of the slot's partition and fires the SCHEDULED trigger —
 * the tick does it in its own invocation, a start worker for a slot the tick queued. Both steps are conditional
 * writes ({@link WorkflowRunStore#startRun}, {@link WorkflowRunStore#claimTrigger}), so a slot delivered twice, or
 * to two workers at once, opens one run and starts each action once.
 */
public final class ScheduledStarts {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledStarts.class);

    /** What {@link #start(DueSlot)} left behind. */
    public enum Outcome {
        /** The trigger fired (now or by an earlier delivery) and none of its actions waits for Glue. */
        STARTED,
        /** The run waits for a MaxConcurrentRuns slot; the queue of runs starts it later. */
        QUEUED,
        /**
         * Glue has not taken every action yet (throttled, no capacity past the retries): they wait, durably, and are
         * retried by the next delivery of the slot or by the tick.
         */
        WAITING,
        /**
         * The trigger is no longer SCHEDULED in the current definitions, or is deactivated: nothing to start (for a
         * deactivated trigger, the slot's partition is notified missing if the workflow asks for it).
         */
        GONE
    }

    private final DefinitionsSource definitions;
    private final WorkflowRunStore store;
    private final RunLifecycle lifecycle;
    private final Clock clock;
    private final MissingPartitions missingPartitions;

    /** Starts slots through {@code orchestrator}'s run lifecycle (and so through its Glue). */
    public ScheduledStarts(Orchestrator orchestrator, DefinitionsSource definitions, WorkflowRunStore store,
                           Clock clock) {
        this(orchestrator.lifecycle(), definitions, store, clock);
    }

    ScheduledStarts(RunLifecycle lifecycle, DefinitionsSource definitions, WorkflowRunStore store, Clock clock) {
        this.lifecycle = lifecycle;
        this.definitions = definitions;
        this.store = store;
        this.clock = clock;
        this.missingPartitions = new MissingPartitions(lifecycle, store);
    }

    /**
     * Starts the slot's run, as a start worker does with a slot the tick queued; safe to call again with the same
     * slot, and concurrently. A second delivery of a slot whose actions wait retries them (each retry claims its
     * action first, so a tick retrying it at the same time does not start it twice).
     */
    public Outcome start(DueSlot due) {
        Definitions current = definitions.current();
        Optional<Trigger.Scheduled> trigger = current.scheduledTriggers().stream()
                .filter(t -> t.name().equals(due.triggerName()) && t.workflowName().equals(due.workflowName()))
                .findFirst();
        try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, due.workflowName())
                .and(LogContext.TRIGGER, due.triggerName())) {
            if (trigger.isEmpty()) {
                LOG.warn("Slot {} is no longer due: the current definitions have no SCHEDULED trigger {} in workflow "
                        + "{}", due.slot(), due.triggerName(), due.workflowName());
                return Outcome.GONE;
            }
            if (definitions.deactivatedTriggers().contains(due.triggerName())) {
                LOG.info("Trigger was DEACTIVATED after slot {} was queued: it starts nothing", due.slot());
                missingPartitions.notify(current, List.of(new MissingPartitions.Skip(trigger.get(),
                        List.of(due.slot()), OrchestratorEvent.Notification.Missing.Reason.TRIGGER_DEACTIVATED)),
                        Set.of());
                return Outcome.GONE;
            }
            Opened opened = open(current, trigger.get(), due.slot());
            if (opened.start().outcome() == RunStart.Outcome.QUEUED) {
                return Outcome.QUEUED;
            }
            WorkflowRun run = opened.start().run();
            if (!opened.attempted()) {
                retryWaiting(run.workflowName(), run.workflowRunId(), due.triggerName());
            }
            return waits(run.workflowName(), run.workflowRunId(), due.triggerName()) ? Outcome.WAITING
                    : Outcome.STARTED;
        }
    }

    /** A run opened for a slot, and whether its trigger's actions were started (or tried) by this call. */
    record Opened(RunStart start, boolean attempted) {
    }

    /** Opens the run of {@code trigger}'s {@code slot} and fires the trigger unless it fired already. */
    Opened open(Definitions current, Trigger.Scheduled trigger, Instant slot) {
        WorkflowDefinition workflow = current.workflow(trigger.workflowName()).orElseThrow();
        Partition partition = Partitions.forSlot(workflow.workflow(), slot);
        WorkflowRun candidate = WorkflowRun.ofPartition(workflow, partition, clock.instant(), current.version());
        try (LogContext ignored = LogContext.with(LogContext.WORKFLOW_RUN_ID, candidate.workflowRunId())) {
            RunStart start = lifecycle.open(workflow, candidate, List.of(trigger.name()));
            boolean attempted = switch (start.outcome()) {
                case STARTED -> true;
                case QUEUED -> false;
                case EXISTED -> lifecycle.fireUnfiredStart(start.run(), trigger.name());
            };
            return new Opened(start, attempted);
        }
    }

    /** Tries again the trigger's actions that wait for Glue, each under its retry claim. */
    private void retryWaiting(String workflowName, String workflowRunId, String triggerName) {
        for (ActionRun action : waiting(workflowName, workflowRunId, triggerName)) {
            Instant now = clock.instant();
            store.claimWaitingAction(action.ref(workflowName, workflowRunId), now, now.plus(RunLifecycle.RETRY_CLAIM))
                    .ifPresent(lifecycle::retry);
        }
    }

    private boolean waits(String workflowName, String workflowRunId, String triggerName) {
        return !waiting(workflowName, workflowRunId, triggerName).isEmpty();
    }

    private List<ActionRun> waiting(String workflowName, String workflowRunId, String triggerName) {
        return store.run(workflowName, workflowRunId).map(run -> run.actions().values().stream()
                .filter(a -> a.triggerName().equals(triggerName) && a.state() == JobRunState.WAITING).toList())
                .orElse(List.of());
    }
}
