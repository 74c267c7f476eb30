package dev.glueorch.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.engine.ArgumentResolver;
import dev.glueorch.engine.JobLauncher;
import dev.glueorch.engine.StartRejectedException;
import dev.glueorch.model.JobRunState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Glue as the scenario describes it: runs end after their duration in the scenario's state, a job refuses runs
 * beyond its {@code maxConcurrentRuns} with ConcurrentRunsExceededException, a crawler refuses a second crawl with
 * CrawlerRunningException, and every state change comes back as the EventBridge event Glue would send.
 */
final class SimulatedGlue implements JobLauncher {

    private final Scenario scenario;
    private final Clock clock;
    private final EventQueue queue;
    private final Consumer<ObjectNode> handlers;
    private final Function<String, String> partitionOfAction;
    private final Map<String, Integer> runningJobs = new HashMap<>();
    private final Set<String> runningCrawlers = new HashSet<>();
    private long jobRuns;

    /**
     * @param handlers delivers an event to the orchestrator's handlers
     * @param partitionOfAction the partition id of the run an action id belongs to
     */
    SimulatedGlue(Scenario scenario, Clock clock, EventQueue queue, Consumer<ObjectNode> handlers,
                  Function<String, String> partitionOfAction) {
        this.scenario = scenario;
        this.clock = clock;
        this.queue = queue;
        this.handlers = handlers;
        this.partitionOfAction = partitionOfAction;
    }

    @Override
    public String startJobRun(String jobName, Map<String, String> arguments, Integer timeout,
                              String securityConfiguration, Integer notifyDelayAfter) {
        Scenario.Behaviour behaviour = scenario.job(jobName);
        int running = runningJobs.getOrDefault(jobName, 0);
        if (behaviour.maxConcurrentRuns() != null && running >= behaviour.maxConcurrentRuns()) {
            throw new StartRejectedException("ConcurrentRunsExceededException", "Concurrent runs exceeded for "
                    + jobName, true, null);
        }
        runningJobs.put(jobName, running + 1);
        jobRuns++;
        String jobRunId = "jr_" + HexFormat.of().toHexDigits(jobRuns) + "0".repeat(48);
        String partition = partitionOfAction.apply(arguments.get(ArgumentResolver.ACTION_ID_ARGUMENT));
        Scenario.Outcome outcome = behaviour.outcome(partition);
        Instant end = clock.instant().plus(Duration.ofMinutes(outcome.afterMinutes()));
        queue.at(end, () -> {
            // Glue frees the capacity when the run ends; its event follows
            runningJobs.merge(jobName, -1, Integer::sum);
            handlers.accept(GlueEventJson.jobStateChange(end, jobName, jobRunId, outcome.state()));
        });
        return jobRunId;
    }

    @Override
    public void startCrawler(String crawlerName) {
        if (runningCrawlers.contains(crawlerName)) {
            throw new StartRejectedException("CrawlerRunningException", "Crawler with name " + crawlerName
                    + " has already started", true, null);
        }
        runningCrawlers.add(crawlerName);
        Instant now = clock.instant();
        Scenario.Outcome outcome = scenario.crawler(crawlerName).outcome(null);
        Instant end = now.plus(Duration.ofMinutes(outcome.afterMinutes()));
        queue.at(now, () -> handlers.accept(GlueEventJson.crawlerStateChange(now, crawlerName, "Started")));
        queue.at(end, () -> {
            runningCrawlers.remove(crawlerName);
            handlers.accept(GlueEventJson.crawlerStateChange(end, crawlerName,
                    outcome.state() == JobRunState.SUCCEEDED ? "Succeeded" : "Failed"));
        });
    }
}
