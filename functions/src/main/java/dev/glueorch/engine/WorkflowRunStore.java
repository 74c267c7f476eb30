package dev.glueorch.engine;

import dev.glueorch.model.JobRunState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine needs from durable state. Every method is one atomic step that concurrent and repeated callers
 * may race on: conditional writes decide, and a loser learns it from the return value, never by an exception.
 *
 * <p>The writes that start a run ({@link #startRun}, {@link #startQueuedRun}), start or end an action ({@link
 * #recordJobRunStarted}, {@link #recordCrawlStarted}, {@link #transitionAction}) and end a run ({@link #completeRun})
 * keep the event they cause pending in the run's outbox, in the same write (see {@link PendingEvent}, {@link
 * OutboxStore}).
 */
public interface WorkflowRunStore extends WaitingActions, ScheduleCursors, EventBatches {

    /**
     * Starts {@code run} unless a run with its id exists; when the workflow already has {@code maxConcurrentRuns}
     * runs RUNNING, the run is kept QUEUED instead (started later by {@link #startQueuedRun}), never dropped.
     *
     * @param startTrigger the SCHEDULED, ON_DEMAND or EVENT trigger that fires when the run starts
     * @param maxConcurrentRuns {@code null} when unlimited
     */
    RunStart startRun(WorkflowRun run, String startTrigger, Integer maxConcurrentRuns);

    Optional<WorkflowRun> run(String workflowName, String workflowRunId);

    /** Every run of the workflow, oldest first (for reports and the simulator, not for event handling). */
    List<WorkflowRun> runs(String workflowName);

    /**
     * Claims the firing of {@code triggerName} in the run and adds its actions (STARTING), counting them in
     * {@code TotalActions} and {@code RunningActions}: one conditional write, so a trigger fires at most once per
     * run however many deliveries race. False when it had fired already or the run is no longer RUNNING.
     */
    boolean claimTrigger(String workflowName, String workflowRunId, String triggerName,
                                       List<ActionRun> actions);

    /**
     * Records that Glue started the action's job run and moves the action from {@code from} (STARTING or WAITING)
     * to RUNNING: the job run's owner (its events carry only the job run id) and the action's new state, in one
     * atomic write. Returns the state an event already reported for that job run if the event arrived before this
     * record (it is then applied by the caller, not lost).
     */
    Optional<StateUpdate> recordJobRunStarted(ActionRef action, JobRunState from, String jobRunId, Instant startedOn);

    /**
     * Records a state a job run reached, as an event reported it. Returns the action the run belongs to, or empty
     * when the orchestrator did not start it, or has not yet recorded starting it: then, with {@code keepIfUnowned}
     * (the job is one the orchestrator starts), the state is kept for a while for {@link #recordJobRunStarted};
     * without it nothing is written.
     */
    Optional<ActionRef> recordJobRunState(String jobRunId, StateUpdate update, boolean keepIfUnowned);

    /** The action a job run belongs to, if the orchestrator started it and recorded the start (a read only). */
    Optional<ActionRef> jobRunOwner(String jobRunId);

    /**
     * Records another account's completion reported for the run's partition (the {@link WorkflowRun#remoteKey}
     * and its state) and returns the run as it is after, or empty when the run is no longer RUNNING.
     */
    Optional<WorkflowRun> recordRemoteOutcome(String workflowName, String workflowRunId, String key,
                                              JobRunState state);

    /**
     * Records that the action's crawl started, so the crawler's events, which carry no run id, find it, and moves
     * the action from {@code from} (STARTING or WAITING) to RUNNING, in one atomic write.
     */
    void recordCrawlStarted(ActionRef action, JobRunState from, String crawlerName, Instant startedOn);

    /** The action whose crawl of {@code crawlerName} started last, if it started at or before {@code at}. */
    Optional<ActionRef> latestCrawl(String crawlerName, Instant at);

    /**
     * Moves an action to {@code update}'s state and adjusts the statistics in one atomic update: from STARTING /
     * RUNNING it leaves {@code RunningActions}, from WAITING it leaves {@code WaitingActions}. Returns the run as
     * it is after the update, or empty when the action was not in one of {@code from} (a duplicate delivery).
     */
    Optional<WorkflowRun> transitionAction(ActionRef action, ActionTransition transition, StateUpdate update,
                                           String jobRunId);

    /**
     * Ends the run if it is {@code from} (RUNNING → COMPLETED, STOPPING → STOPPED) with nothing running or waiting;
     * also frees its concurrency slot. Returns the ended run, or empty when another caller ended it or an action
     * started meanwhile.
     */
    Optional<WorkflowRun> completeRun(String workflowName, String workflowRunId, WorkflowRunStatus from,
                                      Instant at);

    /**
     * Adds actions (STARTING) to a run outside any trigger's claim, counting them in {@code TotalActions} and
     * {@code RunningActions}: how a resumed run re-runs chosen jobs whose trigger it does not fire again.
     */
    Optional<WorkflowRun> addActions(String workflowName, String workflowRunId, List<ActionRun> actions);

    /** RUNNING → STOPPING (StopWorkflowRun): nothing fires afterwards. Empty when the run was not RUNNING. */
    Optional<WorkflowRun> stopRun(String workflowName, String workflowRunId);

    /** Adds or replaces run properties of a run; empty when there is no such run. */
    Optional<WorkflowRun> putRunProperties(String workflowName, String workflowRunId, Map<String, String> properties);

    /**
     * A page of the workflow's runs, newest first, started at or after {@code since} (null: any), in
     * {@code status} (null: any), through the RunsByStartedOn index: no scan.
     */
    RunPage runs(String workflowName, Instant since, WorkflowRunStatus status, int limit, String nextToken);

    /**
     * Starts the oldest queued run of the workflow if a concurrency slot is free: it becomes RUNNING with
     * {@code StartedOn} = {@code now}. Returns it if so.
     */
    Optional<QueuedRun> startQueuedRun(String workflowName, Integer maxConcurrentRuns, Instant now);

    /** A QUEUED run leaves the queue STOPPED (StopWorkflowRun of a run that never started); empty if not QUEUED. */
    Optional<WorkflowRun> stopQueuedRun(String workflowName, String workflowRunId, Instant at);

    /**
     * The action waits to be started again: from STARTING it moves to WAITING (counted in {@code WaitingActions})
     * and is listed among the {@link #waitingActions}; from WAITING it stays listed and the retry's claim is
     * released. {@code lookUpFirst}: the outcome of the start just tried is unknown (see {@link RetryClaim}).
     * Returns whether the action was in {@code from}: of concurrent callers of the move from STARTING, one wins.
     */
    boolean awaitRetry(ActionRef action, JobRunState from, StateUpdate update, boolean lookUpFirst);

    /**
     * Records {@code triggerName} as the run's start trigger unless it has one (a RUNNING run only), so that a start
     * a crash interrupted is fired by the reconciler.
     */
    void recordStartTrigger(String workflowName, String workflowRunId, String triggerName);

    /**
     * The runs not yet finished (RUNNING or STOPPING), read consistently: what the reconciler looks after; also ended
     * runs whose release a crash interrupted (see {@link #releaseRun}).
     */
    List<WorkflowRun> activeRuns();

    /**
     * Finishes ending a run that ended (COMPLETED, STOPPED, ERROR) but was not released: it leaves the active runs
     * and frees its concurrency slot, atomically. Does nothing for a run still RUNNING or STOPPING.
     */
    void releaseRun(String workflowName, String workflowRunId);
}
