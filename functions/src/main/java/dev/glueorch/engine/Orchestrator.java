package dev.glueorch.engine;

import dev.glueorch.model.Action;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's service: turns Glue events and schedule ticks into workflow runs, trigger firings and job
 * starts. Decisions come from the engine ({@link TriggerEvaluator}, {@link Partitions}, {@link ArgumentResolver});
 * every step that must happen once is a conditional write in the {@link WorkflowRunStore}, so duplicated,
 * reordered and concurrent deliveries are safe.
 */
public final class Orchestrator {

    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
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
    private final AccountTrust trust;

    /** An orchestrator of one account that trusts no other orchestrator. */
    public Orchestrator(DefinitionsSource definitions, WorkflowRunStore store, GlueService glue,
                        Outbox outbox, OrchestratorMetrics metrics, Clock clock, RetryPolicy retryPolicy) {
        this(definitions, store, glue, outbox, metrics, clock, retryPolicy, AccountTrust.SINGLE_ACCOUNT);
    }

    public Orchestrator(DefinitionsSource definitions, WorkflowRunStore store, GlueService glue,
                        Outbox outbox, OrchestratorMetrics metrics, Clock clock, RetryPolicy retryPolicy,
                        AccountTrust trust) {
        this.trust = trust;
        this.definitions = definitions;
        this.store = store;
        this.glue = glue;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.retryPolicy = retryPolicy;
        this.notifier = new Notifier(outbox, clock);
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
            finish(action.get(), update, event.jobRunId());
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
            Map<String, String> properties = new LinkedHashMap<>(workflow.workflow().defaultRunProperties());
            properties.putAll(partition.runProperties());
            WorkflowRun candidate = WorkflowRun.started(workflow.name(), RunIds.forPartition(workflow.name(),
                    partition.id()), partition.id(), properties, clock.instant(), current.version());
            try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, workflow.name())
                    .and(LogContext.WORKFLOW_RUN_ID, candidate.workflowRunId())
                    .and(LogContext.TRIGGER, trigger.name())) {
                // joining is not queued behind MaxConcurrentRuns: the partition's own start still is
                RunStart start = store.startRun(candidate, null, null);
                if (start.outcome() == RunStart.Outcome.STARTED) {
                    LOG.info("Workflow run for partition {} opened by {}'s completion of {}", partition.id(),
                            event.account(), event.name());
                    outbox.publish(OrchestratorEvents.runStarted(start.run(), partition, start.run().startedOn()),
                            OutboxItem.of(start.run()));
                }
                store.recordRemoteOutcome(workflow.name(), candidate.workflowRunId(), key, event.state())
                        .ifPresentOrElse(run -> advance(workflowOf(run), run), () -> LOG.info(
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
            notifier.aboutAction(OrchestratorEvent.Notification.Kind.RUN_DELAYED, run.get(),
                    partitionOf(workflowOf(run.get()), run.get()), action,
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
        finish(action.get(), new StateUpdate(state, event.time(), event.errorMessage()), null);
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

    /** Fires every trigger the run now satisfies; when nothing can fire and nothing runs, completes the run. */
    void advance(WorkflowDefinition workflow, WorkflowRun run) {
        Set<String> deactivated = definitions.deactivatedTriggers();
        List<Firing> firings = TriggerEvaluator.satisfied(workflow, run).stream()
                .filter(f -> !deactivated.contains(f.trigger().name())).toList();
        for (Firing firing : firings) {
            fire(workflow, run, firing);
        }
        // A run that nothing fired in yet was opened by another account's completion and waits for its own start;
        // one whose AND trigger lacks only other accounts' completions waits for them.
        if (firings.isEmpty() && run.status() == WorkflowRunStatus.RUNNING && run.statistics().isIdle()
                && !run.firedTriggers().isEmpty() && !TriggerEvaluator.awaitsRemote(workflow, run)) {
            complete(workflow, run);
        } else if (run.status() == WorkflowRunStatus.STOPPING && run.statistics().isIdle()) {
            // StopWorkflowRun: STOPPED once the last running action ended
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
                actions.add(ActionRun.claimed(actionId, trigger.name(), action.type(), action.name(), arguments, now,
                        firing.predecessorRuns()));
            }
            Optional<WorkflowRun> claimed = store.claimTrigger(run.workflowName(), run.workflowRunId(),
                    trigger.name(), actions);
            if (claimed.isEmpty()) {
                LOG.info("Trigger already fired in this run (or the run is no longer RUNNING): not fired again");
                return;
            }
            LOG.info("Trigger fired: starting {} action(s)", actions.size());
            metrics.triggerFired(run.workflowName());
            for (int i = 0; i < actions.size(); i++) {
                start(workflow, claimed.get(), trigger.actions().get(i), actions.get(i));
            }
        }
    }

    /** Starts one claimed action in Glue and records the start. */
    void start(WorkflowDefinition workflow, WorkflowRun run, Action action, ActionRun actionRun) {
        start(workflow, run, action, actionRun, false);
    }

    /**
     * Starts one claimed (or waiting) action in Glue and records the start. A start is never sent again while the
     * outcome of an earlier one is unknown ({@code lookUpFirst}): Glue is asked for the run first, and it is adopted
     * if it exists.
     */
    void start(WorkflowDefinition workflow, WorkflowRun run, Action action, ActionRun actionRun,
               boolean lookUpFirst) {
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
    Lookup adopt(WorkflowDefinition workflow, WorkflowRun run, Action action, ActionRun actionRun) {
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
        Definitions current = definitions.current();
        current.workflow(done.workflowName()).ifPresent(latest -> store.startQueuedRun(done.workflowName(),
                latest.workflow().maxConcurrentRuns(), clock.instant()).ifPresent(queued -> begin(queued.run(),
                queued.startTrigger())));
    }

    private void onScheduleTick(GlueEvent.ScheduleTick tick) {
        // Actions already waiting for Glue capacity go first: they are older than any slot due now.
        retryWaitingActions();
        startDueSlots();
    }

    /** Starts the runs of every schedule slot due since the last one started, within each catch-up limit. */
    void startDueSlots() {
        Instant now = clock.instant();
        Definitions current = definitions.current();
        List<Trigger.Scheduled> triggers = current.scheduledTriggers();
        if (triggers.isEmpty()) {
            return;
        }
        Map<String, Instant> cursors = store.scheduleCursors(ScheduleCursor.START,
                triggers.stream().map(Trigger::name).toList());
        for (Trigger.Scheduled trigger : triggers) {
            try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, trigger.workflowName())
                    .and(LogContext.TRIGGER, trigger.name())) {
                isolated(trigger.workflowName(), "schedule of trigger " + trigger.name(),
                        () -> startDueSlots(current, trigger, cursors, now));
            }
        }
    }

    /** Starts the due slots of one trigger and advances its cursor past them. */
    private void startDueSlots(Definitions current, Trigger.Scheduled trigger, Map<String, Instant> cursors,
                               Instant now) {
        Instant cursor = cursors.getOrDefault(trigger.name(), now.minus(Duration.ofMinutes(1)));
        List<Instant> due = trigger.schedule().slotsBetween(cursor, now);
        if (due.isEmpty()) {
            if (!cursors.containsKey(trigger.name())) {
                // first tick for this trigger: remember it, so a slot missed later is caught up from here
                store.advanceScheduleCursor(ScheduleCursor.START, trigger.name(), now);
            }
            return;
        }
        Instant last = due.get(due.size() - 1);
        if (definitions.deactivatedTriggers().contains(trigger.name())) {
            LOG.info("Trigger is DEACTIVATED: {} slot(s) up to {} start nothing", due.size(), last);
            store.advanceScheduleCursor(ScheduleCursor.START, trigger.name(), last);
            return;
        }
        int keep = 1 + trigger.maxCatchUpRuns();
        if (due.size() > keep) {
            LOG.warn("{} schedule slot(s) from {} to {} were missed and are past the catch-up limit of {} "
                    + "(MaxCatchUpRuns): skipped", due.size() - keep, due.get(0), due.get(due.size() - keep - 1),
                    trigger.maxCatchUpRuns());
        }
        for (Instant slot : due.subList(Math.max(0, due.size() - keep), due.size())) {
            startScheduledRun(current, trigger, slot);
        }
        store.advanceScheduleCursor(ScheduleCursor.START, trigger.name(), last);
    }

    private void startScheduledRun(Definitions current, Trigger.Scheduled trigger, Instant slot) {
        WorkflowDefinition workflow = current.workflow(trigger.workflowName()).orElseThrow();
        Partition partition = Partitions.forSlot(workflow.workflow(), slot);
        Map<String, String> properties = new LinkedHashMap<>(workflow.workflow().defaultRunProperties());
        properties.putAll(partition.runProperties());
        WorkflowRun candidate = WorkflowRun.started(workflow.name(), RunIds.forPartition(workflow.name(),
                partition.id()), partition.id(), properties, clock.instant(), current.version());
        try (LogContext ignored = LogContext.with(LogContext.WORKFLOW_RUN_ID, candidate.workflowRunId())) {
            RunStart start = store.startRun(candidate, trigger.name(), workflow.workflow().maxConcurrentRuns());
            switch (start.outcome()) {
                case STARTED -> begin(start.run(), trigger.name());
                case EXISTED -> {
                    if (start.run().status() == WorkflowRunStatus.RUNNING && !start.run().hasFired(trigger.name())) {
                        LOG.info("Run of partition {} exists without its start firing: firing {} now",
                                partition.id(), trigger.name());
                        // kept first, so a crash before the firing is repaired by the reconciler
                        store.recordStartTrigger(workflow.name(), start.run().workflowRunId(), trigger.name());
                        fire(workflowOf(start.run()), start.run(), new Firing(trigger, List.of()));
                    }
                }
                case QUEUED -> LOG.info("Run of partition {} waits: workflow {} already has MaxConcurrentRuns={} "
                        + "runs", partition.id(), workflow.name(), workflow.workflow().maxConcurrentRuns());
                default -> throw new IllegalStateException("unhandled outcome " + start.outcome());
            }
        }
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

    /** Fires a start trigger (SCHEDULED or ON_DEMAND) of a run as it is in the run's definitions version. */
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

    private void retry(RetryClaim claim) {
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
        Trigger trigger = workflow.trigger(action.triggerName()).orElseThrow();
        start(workflow, run.get(), trigger.actions().get(RunIds.actionIndex(action.actionId())), action,
                claim.lookUpFirst());
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

    static Partition partitionOf(WorkflowDefinition workflow, WorkflowRun run) {
        if (run.partitionId() == null) {
            return null;
        }
        return Partitions.forId(workflow.workflow(), run.partitionId());
    }
}
