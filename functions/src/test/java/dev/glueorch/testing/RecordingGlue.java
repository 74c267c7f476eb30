package dev.glueorch.testing;

import dev.glueorch.engine.ArgumentResolver;
import dev.glueorch.engine.GlueService;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import java.time.Instant;
import java.util.Optional;
import dev.glueorch.engine.StartOutcomeUnknownException;
import dev.glueorch.engine.StartRejectedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** An in-memory Glue that records every start, and can refuse starts or react to them. */
public final class RecordingGlue implements GlueService {

    /** One StartJobRun or StartCrawler that Glue accepted. */
    public record Start(String name, String jobRunId, Map<String, String> arguments) {
    }

    private final List<Start> starts = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<StartRejectedException>> refusals = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, JobRunStatus> jobRunStates = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, CrawlStatus> crawls = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Boolean> crashes = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Consumer<Start> onStart = start -> { };
    private final Map<String, Boolean> lostAnswers = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger failedReads = new AtomicInteger();
    private final java.util.Set<String> unreadable = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String startJobRun(String jobName, Map<String, String> arguments, Integer timeout,
                              String securityConfiguration, Integer notifyDelayAfter) {
        requests.add(jobName);
        refuseIfAsked(jobName);
        Boolean lostAfterStart = lostAnswers.remove(jobName);
        if (Boolean.FALSE.equals(lostAfterStart)) {
            throw new StartOutcomeUnknownException("InternalServiceException", "a 5xx before the run started", null);
        }
        Boolean crashAfterStart = crashes.remove(jobName);
        if (Boolean.FALSE.equals(crashAfterStart)) {
            throw new Crash("the handler died before StartJobRun of " + jobName);
        }
        Start start = new Start(jobName, "jr_" + jobName + "_" + ids.incrementAndGet(), Map.copyOf(arguments));
        starts.add(start);
        onStart.accept(start);
        if (Boolean.TRUE.equals(lostAfterStart)) {
            throw new StartOutcomeUnknownException("NoAnswer", "the connection closed after Glue started "
                    + start.jobRunId(), null);
        }
        if (Boolean.TRUE.equals(crashAfterStart)) {
            throw new Crash("the handler died before StartJobRun of " + jobName + " answered");
        }
        return start.jobRunId();
    }

    /** The next start of {@code jobName} kills the handler, before Glue starts the run or after. */
    public void crashOnNextStart(String jobName, boolean afterGlueStarted) {
        crashes.put(jobName, afterGlueStarted);
    }

    /**
     * The answer to the next start of {@code jobName} is lost: after Glue started the run ({@code afterGlueStarted})
     * or before (a 5xx of a start that did not happen); either way the caller cannot tell which.
     */
    public void loseAnswerOnNextStart(String jobName, boolean afterGlueStarted) {
        lostAnswers.put(jobName, afterGlueStarted);
    }

    /** The next {@code times} reads (GetJobRun, GetJobRuns, GetCrawler) fail, as Glue throttled past all retries. */
    public void failReads(int times) {
        failedReads.set(times);
    }

    /** Every read of the job run {@code jobRunId} fails (say, its role can no longer be assumed). */
    public void failReadsOf(String jobRunId) {
        unreadable.add(jobRunId);
    }

    private void failIfAsked(String name) {
        if (unreadable.contains(name) || failedReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("ThrottlingException: Rate exceeded (reading " + name + ")");
        }
    }

    /** Every start Glue was asked for, accepted or not. */
    public int startRequests(String name) {
        return (int) requests.stream().filter(name::equals).count();
    }

    /**
     * A handler's process dying (in a test: what leaves the handler). An Error, so that nothing on the way out handles
     * it as a failed repair: a dead process handles nothing.
     */
    public static final class Crash extends Error {
        public Crash(String message) {
            super(message);
        }
    }

    @Override
    public void startCrawler(String crawlerName) {
        requests.add(crawlerName);
        refuseIfAsked(crawlerName);
        Start start = new Start(crawlerName, null, Map.of());
        starts.add(start);
        onStart.accept(start);
    }

    private final java.util.Set<String> rolesUsed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Glue reached through a role: records it, and shares this Glue's record (a test does not need two). */
    @Override
    public GlueService forRole(String roleArn, String externalId) {
        if (roleArn != null) {
            rolesUsed.add(roleArn + "|" + externalId);
        }
        return this;
    }

    /** Every {@code roleArn|externalId} a start or read went through. */
    public java.util.Set<String> rolesUsed() {
        return java.util.Set.copyOf(rolesUsed);
    }

    private final List<String> stopped = Collections.synchronizedList(new ArrayList<>());

    /** Glue marks the runs stopped (GetJobRun answers STOPPED); their events are the test's to deliver. */
    @Override
    public Map<String, String> stopJobRuns(String jobName, List<String> jobRunIds) {
        stopped.addAll(jobRunIds);
        jobRunIds.forEach(id -> endJobRun(id, JobRunState.STOPPED, Instant.now()));
        return Map.of();
    }

    /** Every job run id a stop was asked for. */
    public List<String> stopped() {
        synchronized (stopped) {
            return List.copyOf(stopped);
        }
    }

    @Override
    public Optional<JobRunStatus> jobRun(String jobName, String jobRunId) {
        failIfAsked(jobRunId);
        return statusOf(jobRunId);
    }

    private Optional<JobRunStatus> statusOf(String jobRunId) {
        return starts().stream().filter(s -> jobRunId.equals(s.jobRunId())).findFirst().map(s -> jobRunStates
                .getOrDefault(jobRunId, new JobRunStatus(jobRunId, JobRunState.RUNNING, null, null, null)));
    }

    @Override
    public Optional<JobRunStatus> findJobRun(String jobName, String actionId) {
        failIfAsked(jobName);
        return startsOf(jobName).stream()
                .filter(s -> actionId.equals(s.arguments().get(ArgumentResolver.ACTION_ID_ARGUMENT)))
                .findFirst().flatMap(s -> statusOf(s.jobRunId()));
    }

    @Override
    public Optional<CrawlStatus> lastCrawl(String crawlerName) {
        failIfAsked(crawlerName);
        return Optional.ofNullable(crawls.get(crawlerName));
    }

    /** Glue's own record of a job run ends (what GetJobRun answers), whether or not its event is delivered. */
    public void endJobRun(String jobRunId, JobRunState state, Instant at) {
        jobRunStates.put(jobRunId, new JobRunStatus(jobRunId, state, null, at, state == JobRunState.SUCCEEDED
                ? null : "ended " + state));
    }

    /** Glue's record of the crawler's last crawl (what GetCrawler answers). */
    public void endCrawl(String crawlerName, CrawlState state, Instant startedOn) {
        crawls.put(crawlerName, new CrawlStatus(state, startedOn, null, null));
    }

    /** The next {@code times} starts of {@code name} are refused with {@code errorCode}. */
    public synchronized void refuse(String name, String errorCode, boolean retryable, int times) {
        List<StartRejectedException> list = refusals.computeIfAbsent(name, k -> new ArrayList<>());
        for (int i = 0; i < times; i++) {
            list.add(new StartRejectedException(errorCode, "refused by the test", retryable, null));
        }
    }

    /** Runs {@code action} inside each accepted start, before the start returns (an early event, say). */
    public void onStart(Consumer<Start> action) {
        this.onStart = action;
    }

    public List<Start> starts() {
        synchronized (starts) {
            return List.copyOf(starts);
        }
    }

    public List<Start> startsOf(String name) {
        return starts().stream().filter(s -> s.name().equals(name)).toList();
    }

    private synchronized void refuseIfAsked(String name) {
        List<StartRejectedException> list = refusals.get(name);
        if (list != null && !list.isEmpty()) {
            throw list.remove(0);
        }
    }
}
