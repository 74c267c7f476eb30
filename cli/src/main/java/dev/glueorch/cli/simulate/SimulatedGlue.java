package dev.glueorch.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.engine.ArgumentResolver;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.LogContext;
import dev.glueorch.engine.StartOutcomeUnknownException;
import dev.glueorch.engine.StartRejectedException;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.MDC;

/**
 * Glue as the scenario describes it: runs end after their duration in the scenario's state (a job run still running
 * at its timeout ends TIMEOUT then; a crawl's outcome is scripted by the partition of the run that started it), a job
 * refuses runs
 * beyond its {@code maxConcurrentRuns} with ConcurrentRunsExceededException, a crawler refuses a second crawl with
 * CrawlerRunningException, a run past its NotifyDelayAfter sends "Glue Job Run Status", and every state change
 * comes back as the EventBridge event Glue would send. GetJobRun(s) and GetCrawler answer from the same record,
 * whatever happened to the events. With faults, StartJobRun is throttled, fails with a 5xx before it starts anything,
 * loses its answer after Glue started the run, has a reconcile pass run while it retries a waiting action, and the
 * handler dies around it.
 */
public final class SimulatedGlue implements GlueService {

    /**
     * One job run Glue really started, in {@code account}: the ground truth the orchestrator's records are checked
     * against.
     */
    public record JobRunRecord(String account, String jobName, String jobRunId, String actionId, String partition,
                               Instant startedOn, Instant endsOn, JobRunState finalState, Integer notifyDelayAfter) {
        JobRunState stateAt(Instant now) {
            return now.isBefore(endsOn) ? JobRunState.RUNNING : finalState;
        }
    }

    /** One crawl Glue really ran, for the run of {@code partition} (null when no run of the simulation started it). */
    public record CrawlRecord(String crawlerName, String partition, Instant startedOn, Instant endsOn,
                              CrawlState finalState) {
    }

    /**
     * The handler's process dying in the middle of a start: an Error, so that nothing on the way out handles it as a
     * failed repair (a dead process handles nothing).
     */
    static final class Crash extends Error {
        Crash(String message) {
            super(message);
        }
    }

    private final String account;
    private final Function<String, SimulatedGlue> accounts;
    private final Scenario scenario;
    private final Clock clock;
    private final EventQueue queue;
    private final Consumer<ObjectNode> events;
    private final Function<String, String> partitionOfRun;
    private final Random random;
    private final Predicate<String> waitingAction;
    private final Runnable concurrentPass;
    private final Map<String, JobRunRecord> jobRuns = new LinkedHashMap<>();
    private final Map<String, CrawlRecord> lastCrawls = new HashMap<>();
    private final List<CrawlRecord> crawls = new ArrayList<>();
    private long counter;
    private int answersLost;
    private int failedBeforeStart;

    /**
     * @param account the account this Glue belongs to
     * @param accounts every simulated account's Glue, by account id: where a RoleArn leads
     * @param events delivers an event Glue sends (through whatever faults the scenario has)
     * @param partitionOfRun the partition id of a workflow run, by its id
     * @param waitingAction whether the action of an action id is waiting to be started again
     * @param concurrentPass runs a reconcile pass of this account, as if at the same time as the caller
     */
    public SimulatedGlue(String account, Function<String, SimulatedGlue> accounts, Scenario scenario, Clock clock,
                  EventQueue queue, Consumer<ObjectNode> events, Function<String, String> partitionOfRun,
                  Random random, Predicate<String> waitingAction, Runnable concurrentPass) {
        this.account = account;
        this.accounts = accounts;
        this.scenario = scenario;
        this.clock = clock;
        this.queue = queue;
        this.events = events;
        this.partitionOfRun = partitionOfRun;
        this.random = random;
        this.waitingAction = waitingAction;
        this.concurrentPass = concurrentPass;
    }

    @Override
    public String startJobRun(String jobName, Map<String, String> arguments, Integer timeout,
                              String securityConfiguration, Integer notifyDelayAfter) {
        Scenario.Faults faults = scenario.faults();
        if (random.nextDouble() < faults.throttleStartJobRun()) {
            throw new StartRejectedException("ThrottlingException", "Rate exceeded", true, null);
        }
        if (faults.failStartJobRunBeforeStart() > 0 && random.nextDouble() < faults.failStartJobRunBeforeStart()) {
            // the orchestrator cannot tell this 5xx from one sent after the run started
            failedBeforeStart++;
            throw new StartOutcomeUnknownException("InternalServiceException", "Simulated failure before the run "
                    + "of " + jobName + " started", null);
        }
        boolean crash = random.nextDouble() < faults.crashAfterClaim();
        if (crash && random.nextBoolean()) {
            throw new Crash("the handler died after claiming, before StartJobRun of " + jobName);
        }
        Scenario.Behaviour behaviour = scenario.job(jobName);
        Instant now = clock.instant();
        long running = jobRuns.values().stream().filter(r -> r.jobName().equals(jobName)
                && r.stateAt(now) == JobRunState.RUNNING).count();
        if (behaviour.maxConcurrentRuns() != null && running >= behaviour.maxConcurrentRuns()) {
            throw new StartRejectedException("ConcurrentRunsExceededException", "Concurrent runs exceeded for "
                    + jobName, true, null);
        }
        // unique across accounts, as Glue's are: the counter, then the account's 12 digits
        String jobRunId = "jr_" + HexFormat.of().toHexDigits(++counter) + account + "0".repeat(36);
        String actionId = arguments.get(ArgumentResolver.ACTION_ID_ARGUMENT);
        // an action id is its run's id, ':', the trigger and the action's index (RunIds.action)
        String partition = actionId == null ? null : partitionOfRun.apply(actionId.substring(0,
                actionId.indexOf(':')));
        // the action's Timeout overrides the job's, and Glue's default applies to a job without one
        int timeoutMinutes = timeout != null ? timeout : behaviour.timeoutMinutes() != null
                ? behaviour.timeoutMinutes() : Scenario.GLUE_DEFAULT_TIMEOUT_MINUTES;
        Scenario.Outcome outcome = behaviour.outcome(partition).within(timeoutMinutes);
        Instant end = now.plus(Duration.ofMinutes(outcome.afterMinutes()));
        Integer delay = notifyDelayAfter != null ? notifyDelayAfter : behaviour.notifyDelayAfterMinutes();
        jobRuns.put(jobRunId, new JobRunRecord(account, jobName, jobRunId, actionId, partition, now, end,
                outcome.state(), delay));
        if (delay != null && outcome.afterMinutes() > delay) {
            Instant late = now.plus(Duration.ofMinutes(delay));
            queue.at(late, () -> events.accept(GlueEventJson.jobRunStatus(account, late, jobName, jobRunId, delay,
                    now)));
        }
        queue.at(end, () -> events.accept(GlueEventJson.jobStateChange(account, end, jobName, jobRunId,
                outcome.state())));
        if (faults.reconcileDuringRetry() > 0 && random.nextDouble() < faults.reconcileDuringRetry()
                && waitingAction.test(actionId)) {
            // Glue started the run of a waiting action and the retry has not recorded it yet: the moment a pass that
            // also took the action for its own would start it a second time
            concurrentPass.run();
        }
        if (crash) {
            throw new Crash("the handler died after StartJobRun of " + jobName + ", before its answer was recorded");
        }
        if (faults.loseStartJobRunAnswer() > 0 && random.nextDouble() < faults.loseStartJobRunAnswer()) {
            answersLost++;
            throw new StartOutcomeUnknownException("NoAnswer", "Simulated loss of the answer: Glue started "
                    + jobRunId + " of " + jobName, null);
        }
        return jobRunId;
    }

    @Override
    public void startCrawler(String crawlerName) {
        Instant now = clock.instant();
        CrawlRecord last = lastCrawls.get(crawlerName);
        if (last != null && now.isBefore(last.endsOn())) {
            throw new StartRejectedException("CrawlerRunningException", "Crawler with name " + crawlerName
                    + " has already started", true, null);
        }
        /*
         * StartCrawler names no run (jobs carry their action id as an argument): the crawl belongs to the run the
         * orchestrator is handling when it calls, which every start of an action puts in its log context.
         */
        String runId = MDC.get(LogContext.WORKFLOW_RUN_ID);
        String partition = runId == null ? null : partitionOfRun.apply(runId);
        Scenario.Outcome outcome = scenario.crawler(crawlerName).outcome(partition);
        Instant end = now.plus(Duration.ofMinutes(outcome.afterMinutes()));
        CrawlState state = switch (outcome.state()) {
            case FAILED -> CrawlState.FAILED;
            case STOPPED -> CrawlState.CANCELLED;
            default -> CrawlState.SUCCEEDED;
        };
        CrawlRecord crawl = new CrawlRecord(crawlerName, partition, now, end, state);
        lastCrawls.put(crawlerName, crawl);
        crawls.add(crawl);
        queue.at(now, () -> events.accept(GlueEventJson.crawlerStateChange(account, now, crawlerName, "Started")));
        // Glue documents crawler events for Started, Succeeded and Failed only: a cancelled crawl sends none, and
        // only GetCrawler (its LastCrawl CANCELLED) tells the orchestrator's reconciler
        if (state != CrawlState.CANCELLED) {
            queue.at(end, () -> events.accept(GlueEventJson.crawlerStateChange(account, end, crawlerName,
                    state == CrawlState.SUCCEEDED ? "Succeeded" : "Failed")));
        }
    }

    /** The Glue of the role's account (simulated roles need no credentials). */
    @Override
    public GlueService forRole(String roleArn, String externalId) {
        if (roleArn == null) {
            return this;
        }
        SimulatedGlue other = accounts.apply(roleArn.split(":")[4]);
        if (other == null) {
            throw new StartRejectedException("AccessDeniedException", "the scenario simulates no account for "
                    + roleArn, false, null);
        }
        return other;
    }

    /** Runs stop at once: their end moves to now, as STOPPED, and their event follows. */
    @Override
    public Map<String, String> stopJobRuns(String jobName, List<String> jobRunIds) {
        Instant now = clock.instant();
        for (String id : jobRunIds) {
            JobRunRecord run = jobRuns.get(id);
            if (run != null && run.stateAt(now) == JobRunState.RUNNING) {
                jobRuns.put(id, new JobRunRecord(run.account(), run.jobName(), id, run.actionId(), run.partition(),
                        run.startedOn(), now, JobRunState.STOPPED, run.notifyDelayAfter()));
                queue.at(now, () -> events.accept(GlueEventJson.jobStateChange(account, now, jobName, id,
                        JobRunState.STOPPED)));
            }
        }
        return Map.of();
    }

    @Override
    public Optional<JobRunStatus> jobRun(String jobName, String jobRunId) {
        return Optional.ofNullable(jobRuns.get(jobRunId)).filter(r -> r.jobName().equals(jobName))
                .map(this::status);
    }

    @Override
    public Optional<JobRunStatus> findJobRun(String jobName, String actionId) {
        return jobRuns.values().stream().filter(r -> r.jobName().equals(jobName) && actionId.equals(r.actionId()))
                .findFirst().map(this::status);
    }

    @Override
    public Optional<CrawlStatus> lastCrawl(String crawlerName) {
        CrawlRecord last = lastCrawls.get(crawlerName);
        if (last == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(now.isBefore(last.endsOn())
                ? new CrawlStatus(CrawlState.RUNNING, last.startedOn(), null, null)
                : new CrawlStatus(last.finalState(), last.startedOn(), last.endsOn(), null));
    }

    /** Every job run Glue started, in start order. */
    public List<JobRunRecord> jobRuns() {
        return List.copyOf(jobRuns.values());
    }

    /** StartJobRun answers lost after Glue started the run. */
    int answersLost() {
        return answersLost;
    }

    /** StartJobRun calls that failed with a 5xx before Glue started anything. */
    int failedBeforeStart() {
        return failedBeforeStart;
    }

    /** Every crawl Glue ran, in start order. */
    List<CrawlRecord> crawls() {
        return List.copyOf(crawls);
    }

    private JobRunStatus status(JobRunRecord run) {
        Instant now = clock.instant();
        JobRunState state = run.stateAt(now);
        return new JobRunStatus(run.jobRunId(), state, run.startedOn(), state.isTerminal() ? run.endsOn() : null,
                state == JobRunState.SUCCEEDED || !state.isTerminal() ? null : "Simulated " + state);
    }
}
