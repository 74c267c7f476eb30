package dev.glueorch.engine;

import java.util.Map;

/** Starts job runs and crawls in Glue. */
public interface JobLauncher {

    /**
     * Starts a run of {@code jobName}.
     *
     * @param timeout minutes, or {@code null} for the job's own
     * @param notifyDelayAfter minutes, or {@code null} for the job's own
     * @return Glue's job run id
     * @throws StartRejectedException when Glue refuses or cannot take the run now
     */
    String startJobRun(String jobName, Map<String, String> arguments, Integer timeout, String securityConfiguration,
                       Integer notifyDelayAfter);

    /** Starts a crawl of {@code crawlerName}. */
    void startCrawler(String crawlerName);
}
