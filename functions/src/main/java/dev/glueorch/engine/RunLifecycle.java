package dev.glueorch.engine;

import dev.glueorch.model.Action;
import dev.glueorch.model.JobRunState;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a workflow run, one step at a time — open it, fire its triggers, start its actions in Glue, finish
 * them, end it — as the event handler, the reconciler and the operations all drive it. What to do next is decided by
 * the pure {@link RunDecision} and {@link TriggerEvaluator}; every step that must happen once is a conditional write
 * in the {@link WorkflowRunStore}, so duplicated, reordered and concurrent deliveries are safe; what a step publishes
 * leaves through the {@link Outbox}.
 */
public final class RunLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RunLifecycle.class);
    private static final int WAITING_ACTIONS_PER_TICK = 100;
    /** An action waiting for Glue capacity this long is reported (it keeps waiting and being retried). */
    static final Duration MAX_WAIT = Duration.ofMinutes(30);
    /**
     * How long one retry holds a waiting action: longer than a start with its own retries and look-ups takes, short
     * enough that a retry that died delays the next by minutes only.
     */
    static final Duration RETRY_CLAIM = Duration.ofMinutes(5);

    private final DefinitionsSource definitions;
    private final WorkflowRunStore store;
    private final GlueService glue;
    private final Outbox outbox;
    private final OrchestratorMetrics metrics;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final Notifier notifier;

    public RunLifecycle(DefinitionsSource definitions, WorkflowRunStore store, GlueService glue, Outbox outbox,
                        OrchestratorMetrics metrics, Clock clock, RetryPolicy retryPolicy) {
        this.definitions = definitions;
        this.store = store;
        this.glue = glue;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.retryPolicy = retryPolicy;
        this.notifier = new Notifier(outbox, clock);
    }

    /**
     * Opens a run — the one recipe for every way a run starts (a schedule slot, StartWorkflowRun, a backfill, another
     * account's completion): it starts, announced, firing {@code startTriggers} (the first is kept on the run), or it
     * is QUEUED behind the workflow's MaxConcurrentRuns; a run opened without a start trigger (another account's
     * completion joining a partition) is never queued. An existing run is left as it is (see
     * {@link #fireUnfiredStart}).
     */
    RunStart open(WorkflowDefinition workflow, WorkflowRun candidate, List<String> startTriggers) {
        String startTrigger = startTriggers.isEmpty() ? null : startTriggers.get(0);
        Integer maxConcurrentRuns = startTrigger == null ? null : workflow.workflow().maxConcurrentRuns();
        RunStart start = store.startRun(candidate, startTrigger, maxConcurrentRuns);
        switch (start.outcome()) {
            case STARTED -> begin(start.run(), startTriggers);
            case QUEUED -> LOG.info("Run {} of partition {} waits: workflow {} already has MaxConcurrentRuns={} runs",
                    candidate.workflowRunId(), candidate.partitionId(), workflow.name(), maxConcurrentRuns);
            default -> {
                // it existed: the caller decides what an existing run means to it
            }
        }
        return start;
    }

    /**
     * Fires {@code startTrigger} of a run that exists RUNNING without having fired it (another account's completion
     * opened it before its own start came); the trigger is kept on the run first, so a crash before the firing is
     * repaired by the reconciler. Returns whether it fired now.
     */
    boolean fireUnfiredStart(WorkflowRun run, String startTrigger) {
        if (run.status() != WorkflowRunStatus.RUNNING || run.hasFired(startTrigger)) {
            return false;
        }
        LOG.info("Run of partition {} exists without its start firing: firing {} now", run.partitionId(),
                startTrigger);
        store.recordStartTrigger(run.workflowName(), run.workflowRunId(), startTrigger);
        fireStart(run, startTrigger);
        return true;
    }

    /** An action reached a final state: record it, then fire what it satisfies or complete the run. */
    void finish(ActionRef ref, StateUpdate update, String jobRunId) {
        try (LogContext ignored = LogContext.of(ref).and(LogContext.JOB_RUN_ID, jobRunId)) {
            Optional<WorkflowRun> after = store.transitionAction(ref, ActionTransition.FINISH, update, jobRunId);
            if (after.isEmpty()) {
                LOG.info("Action {} already recorded as finished: duplicate delivery ignored", ref.actionId());
                return;
            }
            WorkflowRun run = after.get();
            ActionRun action = run.actions().get(ref.actionId());
            LOG.info("Action {} of {} reached {}", action.name(), action.triggerName(), update.state());
            WorkflowDefinition workflow = workflowOf(run);
            Partition partition = partitionOf(workflow, run);
            outbox.publish(OrchestratorEvents.actionCompleted(run, partition, action, update.at()),
                    OutboxItem.of(run));
            notifyFinished(run, partition, action, update);
            advance(workflow, run);
        }
    }

    private void notifyFinished(WorkflowRun run, Partition partition, ActionRun action, StateUpdate update) {
        String what = (action.type() == NodeType.JOB ? "Job run of " : "Crawl of ") + action.name();
        switch (update.state()) {
            case TIMEOUT -> notifier.aboutAction(OrchestratorEvent.Notification.Kind.RUN_TIMED_OUT, run, partition,
                    action, null, what + " timed out");
            case FAILED -> notifier.aboutAction(OrchestratorEvent.Notification.Kind.RUN_FAILED, run, partition,
                    action, null, what + " failed: " + update.errorMessage());
            case ERROR -> notifier.aboutAction(action.jobRunId() == null
                    ? OrchestratorEvent.Notification.Kind.ACTION_START_FAILED
                    : OrchestratorEvent.Notification.Kind.RUN_FAILED, run, partition, action, null,
                    what + " could not run: " + update.errorMessage());
            default -> {
                // SUCCEEDED and STOPPED tell nobody anything they did not ask for
            }
        }
    }

    /** Carries out what the run's state decides: fire what it now satisfies, end it, or wait. */
    void advance(WorkflowDefinition workflow, WorkflowRun run) {
        RunDecision decision = RunDecision.after(workflow, run, definitions.deactivatedTriggers(), clock.instant());
        if (decision instanceof RunDecision.Fire fire) {
            fire.firings().forEach(firing -> fire(workflow, run, firing));
        } else if (decision instanceof RunDecision.End) {
            complete(workflow, run);
        }
    }

    void fire(WorkflowDefinition workflow, WorkflowRun run, Firing firing) {
        Trigger trigger = firing.trigger();
        try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, run.workflowName())
                .and(LogContext.WORKFLOW_RUN_ID, run.workflowRunId()).and(LogContext.TRIGGER, trigger.name())) {
            Partition partition = partitionOf(workflow, run);
            Instant now = clock.instant();
            List<ActionRun> actions = new ArrayList<>();
            for (int i = 0; i < trigger.actions().size(); i++) {
                Action action = trigger.actions().get(i);
                String actionId = RunIds.action(run.workflowRunId(), trigger.name(), i);
                Map<String, String> arguments = action instanceof Action.JobAction job
                        ? ArgumentResolver.resolve(job, partition, run.properties(), actionId) : Map.of();
                actions.add(ActionRun.claimed(actionId, trigger.name(), i, action.type(), action.name(), arguments,
                        now, firing.predecessorRuns()));
            }
            if (!store.claimTrigger(run.workflowName(), run.workflowRunId(), trigger.name(), actions)) {
                LOG.info("Trigger already fired in this run (or the run is no longer RUNNING): not fired again");
                return;
            }
            LOG.info("Trigger fired: starting {} action(s)", actions.size());
            metrics.triggerFired(run.workflowName());
            actions.forEach(action -> start(workflow, run, action));
        }
    }

    /** Starts one claimed action in Glue and records the start. */
    void start(WorkflowDefinition workflow, WorkflowRun run, ActionRun actionRun) {
        start(workflow, run, actionRun, false);
    }

    /**
     * Starts one claimed (or waiting) action in Glue and records the start. A start is never sent again while the
     * outcome of an earlier one is unknown ({@code lookUpFirst}): Glue is asked for the run first, and it is adopted
     * if it exists.
     */
    private void start(WorkflowDefinition workflow, WorkflowRun run, ActionRun actionRun, boolean lookUpFirst) {
        Action action = actionRun.definitionIn(workflow);
        if (lookUpFirst) {
            Lookup found = adopt(workflow, run, action, actionRun);
            if (found == Lookup.ADOPTED) {
                return;
            }
            if (found == Lookup.UNKNOWN) {
                awaitRetry(run, actionRun, "Glue could not be asked whether an earlier start of " + action.name()
                        + " went through", true);
                return;
            }
        }
        try {
            if (action instanceof Action.JobAction job) {
                GlueService jobsGlue = glue.forRole(job.roleArn(), job.externalId());
                String jobRunId = withRetries(() -> jobsGlue.startJobRun(job.jobName(), actionRun.arguments(),
                        job.timeout(), job.securityConfiguration(), job.notifyDelayAfter()));
                recordJobStart(workflow, run, actionRun, jobRunId, clock.instant(), Optional.empty());
            } else {
                withRetries(() -> {
                    glue.startCrawler(action.name());
                    return null;
                });
                recordCrawlStart(workflow, run, actionRun, clock.instant());
            }
        } catch (StartOutcomeUnknownException e) {
            metrics.actionStartFailed(run.workflowName(), e.errorCode());
            LOG.warn("The answer to the start of {} was lost ({}): looking for the run by its action id instead of "
                    + "starting it again", action.name(), e.getMessage());
            if (adopt(workflow, run, action, actionRun) != Lookup.ADOPTED) {
                // not found yet is not proof: a start still under way in Glue shows up later, so look again first
                awaitRetry(run, actionRun, "the outcome of its start is unknown (" + e.getMessage() + ")", true);
            }
        } catch (StartRejectedException e) {
            metrics.actionStartFailed(run.workflowName(), e.errorCode());
            if (e.retryable()) {
                LOG.warn("Glue could not start {} now ({}): the action waits and is retried", action.name(),
                        e.errorCode());
                awaitRetry(run, actionRun, e.getMessage(), false);
                return;
            }
            LOG.error("Glue refused to start {}: {}; the action ends as errored", action.name(), e.getMessage());
            finish(actionRun.ref(run.workflowName(), run.workflowRunId()),
                    new StateUpdate(JobRunState.ERROR, clock.instant(), e.getMessage()), null);
        }
    }

    private void awaitRetry(WorkflowRun run, ActionRun action, String reason, boolean lookUpFirst) {
        store.awaitRetry(action.ref(run.workflowName(), run.workflowRunId()), action.state(),
                new StateUpdate(JobRunState.WAITING, clock.instant(), reason), lookUpFirst);
    }

    /** What Glue said when asked whether it started an action's run. */
    enum Lookup {
        /** It had: the run is now the action's. */
        ADOPTED,
        /** It had not (yet). */
        NOT_FOUND,
        /** It could not be asked. */
        UNKNOWN
    }

    /**
     * Asks Glue whether it started the action's run — the job run carrying its action id, or a crawl of the crawler
     * since the action was claimed — and records it as the action's if so.
     */
    private Lookup adopt(WorkflowDefinition workflow, WorkflowRun run, Action action, ActionRun actionRun) {
        if (action instanceof Action.JobAction job) {
            Optional<GlueService.JobRunStatus> found;
            try {
                found = glue.forRole(job.roleArn(), job.externalId()).findJobRun(job.jobName(), actionRun.actionId());
            } catch (RuntimeException e) {
                return lookUpFailed(action, e);
            }
            if (found.isEmpty()) {
                return Lookup.NOT_FOUND;
            }
            GlueService.JobRunStatus status = found.get();
            LOG.warn("Glue had started job run {} of {} for this action: recorded as its run", status.jobRunId(),
                    action.name());
            recordJobStart(workflow, run, actionRun, status.jobRunId(),
                    status.startedOn() != null ? status.startedOn() : clock.instant(), status.reached());
            return Lookup.ADOPTED;
        }
        Optional<GlueService.CrawlStatus> crawl;
        try {
            crawl = glue.lastCrawl(action.name());
        } catch (RuntimeException e) {
            return lookUpFailed(action, e);
        }
        if (crawl.isEmpty() || !crawl.get().startedSince(actionRun.startedOn())) {
            return Lookup.NOT_FOUND;
        }
        LOG.warn("Crawler {} crawls (or crawled) since this action was claimed: recorded as its crawl", action.name());
        recordCrawlStart(workflow, run, actionRun, clock.instant());
        crawl.get().reached(clock.instant()).ifPresent(update -> finish(actionRun.ref(run.workflowName(),
                run.workflowRunId()), update, null));
        return Lookup.ADOPTED;
    }

    /** A look-up that failed (Glue throttled or unreachable past the SDK's retries) leaves the outcome unknown. */
    private static Lookup lookUpFailed(Action action, RuntimeException e) {
        LOG.warn("Could not ask Glue whether {} was started: {}", action.name(), e.toString());
        return Lookup.UNKNOWN;
    }

    /** Glue started the action's job run: record it, announce it, apply a state it already reached. */
    private void recordJobStart(WorkflowDefinition workflow, WorkflowRun run, ActionRun actionRun, String jobRunId,
                                Instant startedOn, Optional<StateUpdate> reached) {
        ActionRef ref = actionRun.ref(run.workflowName(), run.workflowRunId());
        Optional<StateUpdate> early = store.recordJobRunStarted(ref, actionRun.state(), jobRunId, startedOn);
        announceStarted(workflow, run, actionRun, jobRunId, startedOn);
        early.or(() -> reached).ifPresent(update -> finish(ref, update, jobRunId));
    }

    private void recordCrawlStart(WorkflowDefinition workflow, WorkflowRun run, ActionRun actionRun,
                                  Instant startedOn) {
        store.recordCrawlStarted(actionRun.ref(run.workflowName(), run.workflowRunId()), actionRun.state(),
                actionRun.name(), startedOn);
        announceStarted(workflow, run, actionRun, null, startedOn);
    }

    /** An action's start is recorded: count it, log it, publish "Action Started". */
    void announceStarted(WorkflowDefinition workflow, WorkflowRun run, ActionRun action, String jobRunId,
                         Instant startedOn) {
        try (LogContext ignored = LogContext.with(LogContext.JOB_RUN_ID, jobRunId)) {
            metrics.actionStarted(run.workflowName());
            LOG.info("Started {} {}", action.type() == NodeType.JOB ? "job" : "crawler", action.name());
            Partition partition = partitionOf(workflow, run);
            outbox.publish(OrchestratorEvents.actionStarted(run, partition, action, jobRunId, startedOn),
                    OutboxItem.of(run));
        }
    }

    private <T> T withRetries(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StartRejectedException e) {
                if (!e.retryable() || attempt >= retryPolicy.maxAttempts()) {
                    throw e;
                }
                retryPolicy.pauseAfter(attempt);
            }
        }
    }

    private void complete(WorkflowDefinition workflow, WorkflowRun run) {
        Optional<WorkflowRun> completed = store.completeRun(run.workflowName(), run.workflowRunId(), run.status(),
                clock.instant());
        if (completed.isEmpty()) {
            return;
        }
        WorkflowRun done = completed.get();
        LOG.info("Workflow run completed: {}", done.statistics());
        Partition partition = partitionOf(workflow, done);
        outbox.publish(OrchestratorEvents.runCompleted(done, partition, done.completedOn()), OutboxItem.of(done));
        definitions.current().workflow(done.workflowName()).ifPresent(this::startQueuedRun);
    }

    /** Starts the workflow's oldest QUEUED run if a MaxConcurrentRuns slot is free, as its current definition says. */
    void startQueuedRun(WorkflowDefinition workflow) {
        store.startQueuedRun(workflow.name(), workflow.workflow().maxConcurrentRuns(), clock.instant())
                .ifPresent(queued -> begin(queued.run(), queued.startTrigger()));
    }

    /** A run has just started: announce it and fire its start trigger. */
    void begin(WorkflowRun run, String startTrigger) {
        begin(run, List.of(startTrigger));
    }

    /**
     * A run has just started (its item keeps "Workflow Run Started" pending): announce it and fire its start
     * triggers, if any.
     */
    void begin(WorkflowRun run, List<String> startTriggers) {
        try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, run.workflowName())
                .and(LogContext.WORKFLOW_RUN_ID, run.workflowRunId())) {
            WorkflowDefinition workflow = workflowOf(run);
            LOG.info("Workflow run started for partition {}", run.partitionId());
            outbox.publish(OrchestratorEvents.runStarted(run, partitionOf(workflow, run), run.startedOn()),
                    OutboxItem.of(run));
            startTriggers.forEach(trigger -> fireStart(run, trigger));
        }
    }

    /** Fires a start trigger (SCHEDULED, ON_DEMAND or EVENT) of a run as it is in the run's definitions version. */
    void fireStart(WorkflowRun run, String startTrigger) {
        WorkflowDefinition workflow = workflowOf(run);
        Trigger trigger = workflow.trigger(startTrigger).orElseThrow(() -> new IllegalStateException(
                "trigger " + startTrigger + " is not in the definitions version of run " + run.workflowRunId()));
        fire(workflow, run, new Firing(trigger, List.of()));
    }

    /**
     * Tries again to start the actions that Glue had no capacity for (every tick does this first, and every reconcile
     * pass). Each retry claims its action first, so a tick and a pass working at once start it once; one that has
     * waited past {@link #MAX_WAIT} is reported ("Action Start Failed") and keeps being retried.
     */
    public void retryWaitingActions() {
        for (ActionRef ref : store.waitingActions(WAITING_ACTIONS_PER_TICK)) {
            try (LogContext ignored = LogContext.of(ref)) {
                Instant now = clock.instant();
                Optional<RetryClaim> claim = store.claimWaitingAction(ref, now, now.plus(RETRY_CLAIM));
                if (claim.isEmpty()) {
                    LOG.debug("Another retry holds the waiting action: left to it");
                    continue;
                }
                isolated(ref.workflowName(), "retry", () -> retry(claim.get()));
            }
        }
    }

    /**
     * Recovers an action claimed long ago whose start was never recorded (its handler stopped around StartJobRun):
     * it becomes a waiting action whose last start's outcome is unknown — one conditional move, so of the passes
     * recovering it at once one does — and is retried at once like any waiting action: claimed, its run looked up by
     * its action id first, adopted or started. Returns whether this caller recovered it.
     */
    boolean recoverLostStart(WorkflowRun run, ActionRun action) {
        ActionRef ref = action.ref(run.workflowName(), run.workflowRunId());
        Instant now = clock.instant();
        if (!store.awaitRetry(ref, JobRunState.STARTING, new StateUpdate(JobRunState.WAITING, now,
                "its start was never recorded (the handler stopped around StartJobRun)"), true)) {
            return false;
        }
        store.claimWaitingAction(ref, now, now.plus(RETRY_CLAIM)).ifPresent(this::retry);
        return true;
    }

    void retry(RetryClaim claim) {
        ActionRef ref = claim.action();
        Optional<WorkflowRun> run = store.run(ref.workflowName(), ref.workflowRunId());
        ActionRun action = run.map(r -> r.actions().get(ref.actionId())).orElse(null);
        if (action == null || action.state() != JobRunState.WAITING) {
            store.forgetWaitingAction(ref);
            return;
        }
        WorkflowDefinition workflow = workflowOf(run.get());
        Duration waited = Duration.between(action.startedOn(), clock.instant());
        if (waited.compareTo(MAX_WAIT) > 0) {
            notifier.aboutAction(OrchestratorEvent.Notification.Kind.ACTION_START_FAILED, run.get(),
                    partitionOf(workflow, run.get()), action, waited.minus(MAX_WAIT), action.name() + " has waited "
                    + waited.toMinutes() + " minutes for Glue to accept it (" + action.errorMessage()
                    + "); still retrying");
        }
        start(workflow, run.get(), action, claim.lookUpFirst());
    }

    /**
     * Runs one repair — one run, one trigger, one waiting action — so that its failure (Glue throttled past every
     * retry, a role that cannot be assumed, an item DynamoDB refuses) is logged and counted and the rest goes on;
     * what failed is tried again on the next tick or pass.
     */
    void isolated(String workflowName, String what, Runnable repair) {
        try {
            repair.run();
        } catch (RuntimeException e) {
            metrics.repairFailed(workflowName, what);
            LOG.error("The {} failed; it is tried again on the next tick or reconcile pass", what, e);
        }
    }

    /** Where this orchestrator's events leave (the reconciler re-sends through it). */
    Outbox outbox() {
        return outbox;
    }

    Notifier notifier() {
        return notifier;
    }

    WorkflowDefinition workflowOf(WorkflowRun run) {
        return definitions.version(run.definitionsVersion()).workflow(run.workflowName())
                .orElseThrow(() -> new IllegalStateException("workflow " + run.workflowName()
                        + " is not in definitions version " + run.definitionsVersion()));
    }

    /**
     * The run's partition as the run carries it; a run stored before runs kept their partition's arguments has only
     * its id, and gets them from the workflow's Partitioning.
     */
    static Partition partitionOf(WorkflowDefinition workflow, WorkflowRun run) {
        Partition partition = run.partition();
        if (partition != null && partition.arguments().isEmpty() && workflow.workflow().partitioning() != null) {
            return Partitions.forId(workflow.workflow(), partition.id());
        }
        return partition;
    }
}
