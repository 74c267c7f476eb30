package dev.glueorch.cli.local;

import dev.glueorch.cli.simulate.SimulatedGlue;
import dev.glueorch.engine.GlueService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated Glue as both the local orchestrator's handlers and its Glue endpoint (the operator commands of other
 * processes) use it: one lock around it and the event queue it schedules on, and a line for every start and stop,
 * whoever asked.
 */
final class LocalGlue implements GlueService {

    private final SimulatedGlue glue;
    private final Object lock;
    private final LocalLog log;

    /** @param lock held by whoever touches the simulated Glue or its event queue */
    LocalGlue(SimulatedGlue glue, Object lock, LocalLog log) {
        this.glue = glue;
        this.lock = lock;
        this.log = log;
    }

    @Override
    public String startJobRun(String jobName, Map<String, String> arguments, Integer timeout,
                              String securityConfiguration, Integer notifyDelayAfter) {
        synchronized (lock) {
            String jobRunId = glue.startJobRun(jobName, arguments, timeout, securityConfiguration, notifyDelayAfter);
            log.line("job " + jobName + " started (" + jobRunId + ")");
            return jobRunId;
        }
    }

    @Override
    public void startCrawler(String crawlerName) {
        synchronized (lock) {
            glue.startCrawler(crawlerName);
        }
    }

    @Override
    public Map<String, String> stopJobRuns(String jobName, List<String> jobRunIds) {
        synchronized (lock) {
            log.line("job " + jobName + " asked to stop " + jobRunIds);
            return glue.stopJobRuns(jobName, jobRunIds);
        }
    }

    @Override
    public Optional<JobRunStatus> jobRun(String jobName, String jobRunId) {
        synchronized (lock) {
            return glue.jobRun(jobName, jobRunId);
        }
    }

    @Override
    public Optional<JobRunStatus> findJobRun(String jobName, String actionId) {
        synchronized (lock) {
            return glue.findJobRun(jobName, actionId);
        }
    }

    @Override
    public Optional<CrawlStatus> lastCrawl(String crawlerName) {
        synchronized (lock) {
            return glue.lastCrawl(crawlerName);
        }
    }

    /** This Glue for actions without a role; another account's is simulated by no local orchestrator. */
    @Override
    public GlueService forRole(String roleArn, String externalId) {
        if (roleArn == null) {
            return this;
        }
        synchronized (lock) {
            return glue.forRole(roleArn, externalId);
        }
    }

    /** Every job run of {@code jobName}, newest first (GetJobRuns). */
    List<SimulatedGlue.JobRunRecord> jobRuns(String jobName) {
        synchronized (lock) {
            List<SimulatedGlue.JobRunRecord> runs = new ArrayList<>(glue.jobRuns().stream()
                    .filter(run -> run.jobName().equals(jobName)).toList());
            Collections.reverse(runs);
            return runs;
        }
    }
}
