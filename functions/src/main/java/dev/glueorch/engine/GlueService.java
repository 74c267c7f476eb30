package dev.glueorch.engine;

import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the orchestrator asks of Glue: start job runs and crawls, and read their real state back. */
public interface GlueService {

    /**
     * Starts a run of {@code jobName}.
     *
     * @param timeout minutes, or {@code null} for the job's own
     * @param notifyDelayAfter minutes, or {@code null} for the job's own
     * @return Glue's job run id
     * @throws StartRejectedException when Glue refused the run (it did not start it); {@code retryable()} when it
     *                                may take it later (concurrent runs, throttling, a quota)
     * @throws StartOutcomeUnknownException when no definite answer came (no answer, a timeout, a 5xx): Glue may have
     *                                      started the run, so it is looked up by its action id with
     *                                      {@link #findJobRun}, not started again blindly
     */
    String startJobRun(String jobName, Map<String, String> arguments, Integer timeout, String securityConfiguration,
                       Integer notifyDelayAfter);

    /**
     * Starts a crawl of {@code crawlerName}.
     *
     * @throws StartRejectedException when Glue refused the crawl; {@code retryable()} when the crawler is already
     *                                running or Glue throttled the request
     * @throws StartOutcomeUnknownException when no definite answer came: the crawler's state ({@link #lastCrawl})
     *                                      says whether it started
     */
    void startCrawler(String crawlerName);

    /**
     * Asks Glue to stop runs of {@code jobName} (BatchStopJobRun); they end STOPPED and their events follow.
     * Returns the ids Glue could not stop, with its reason.
     */
    Map<String, String> stopJobRuns(String jobName, List<String> jobRunIds);

    /** The job run as Glue has it (GetJobRun), empty when Glue does not know it. */
    Optional<JobRunStatus> jobRun(String jobName, String jobRunId);

    /**
     * The run of {@code jobName} that Glue started with {@link ArgumentResolver#ACTION_ID_ARGUMENT} =
     * {@code actionId}, if any: how a start whose answer was lost (a crash after StartJobRun) is found again.
     */
    Optional<JobRunStatus> findJobRun(String jobName, String actionId);

    /**
     * Glue in the account of {@code roleArn}, reached by assuming that role (with {@code externalId} when the role
     * requires one); this account's Glue when {@code roleArn} is {@code null}.
     */
    default GlueService forRole(String roleArn, String externalId) {
        if (roleArn != null) {
            throw new UnsupportedOperationException("this Glue cannot reach other accounts (" + roleArn + ")");
        }
        return this;
    }

    /** The crawler's latest crawl (GetCrawler's LastCrawl, or the crawl under way), if it ever crawled. */
    Optional<CrawlStatus> lastCrawl(String crawlerName);

    /** A job run's state; {@code completedOn} and {@code errorMessage} are {@code null} until it ends. */
    record JobRunStatus(String jobRunId, JobRunState state, Instant startedOn, Instant completedOn,
                        String errorMessage) {

        /** The final state the run reached, as an action's update; empty while it runs. */
        public Optional<StateUpdate> reached() {
            if (!state.isTerminal()) {
                return Optional.empty();
            }
            Instant at = completedOn != null ? completedOn : startedOn;
            return Optional.of(new StateUpdate(state, at, state == JobRunState.SUCCEEDED ? null : errorMessage));
        }
    }

    /** A crawl's state ({@code RUNNING} while under way). */
    record CrawlStatus(CrawlState state, Instant startedOn, Instant completedOn, String errorMessage) {

        /**
         * Whether this crawl can be one started at {@code since} or later: under way with no start time known, or
         * started at most a minute before it (Glue's and this clock may differ a little).
         */
        public boolean startedSince(Instant since) {
            return startedOn == null || !startedOn.isBefore(since.minusSeconds(60));
        }

        /** The final state the crawl reached, as an action's update; empty while it crawls. */
        public Optional<StateUpdate> reached(Instant now) {
            JobRunState reached = state.asActionState();
            if (!reached.isTerminal()) {
                return Optional.empty();
            }
            return Optional.of(new StateUpdate(reached, completedOn != null ? completedOn : now, errorMessage));
        }
    }
}
