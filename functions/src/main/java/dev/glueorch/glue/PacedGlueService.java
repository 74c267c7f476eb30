package dev.glueorch.glue;

import dev.glueorch.engine.GlueService;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Glue whose starts (StartJobRun, StartCrawler) wait for their turn on a {@link StartPacer}: how the start workers
 * together stay under the stack's Glue start rate. Every attempt is paced, retries of a throttled start included.
 * Reads and stops are not paced: they are other Glue APIs, rare on the start path (a look-up after a lost answer).
 * Other accounts' Glue (a {@code RoleArn}) shares the pacer: slower than needed there, never faster.
 */
public final class PacedGlueService implements GlueService {

    private final GlueService glue;
    private final StartPacer pacer;

    public PacedGlueService(GlueService glue, StartPacer pacer) {
        this.glue = glue;
        this.pacer = pacer;
    }

    /**
     * {@code glue} paced at this worker's share of {@code startsPerSecond}: the rate divided by the most workers that
     * run at once (the event source mapping's maximum concurrency).
     */
    public static PacedGlueService share(GlueService glue, double startsPerSecond, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        return new PacedGlueService(glue, new StartPacer(startsPerSecond / workers));
    }

    @Override
    public String startJobRun(String jobName, Map<String, String> arguments, Integer timeout,
                              String securityConfiguration, Integer notifyDelayAfter) {
        pacer.await();
        return glue.startJobRun(jobName, arguments, timeout, securityConfiguration, notifyDelayAfter);
    }

    @Override
    public void startCrawler(String crawlerName) {
        pacer.await();
        glue.startCrawler(crawlerName);
    }

    @Override
    public Map<String, String> stopJobRuns(String jobName, List<String> jobRunIds) {
        return glue.stopJobRuns(jobName, jobRunIds);
    }

    @Override
    public Optional<JobRunStatus> jobRun(String jobName, String jobRunId) {
        return glue.jobRun(jobName, jobRunId);
    }

    @Override
    public Optional<JobRunStatus> findJobRun(String jobName, String actionId) {
        return glue.findJobRun(jobName, actionId);
    }

    @Override
    public GlueService forRole(String roleArn, String externalId) {
        return roleArn == null ? this : new PacedGlueService(glue.forRole(roleArn, externalId), pacer);
    }

    @Override
    public Optional<CrawlStatus> lastCrawl(String crawlerName) {
        return glue.lastCrawl(crawlerName);
    }
}
