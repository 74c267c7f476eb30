package dev.glueorch.model;

import java.util.Map;

/** One thing a trigger starts: a job run or a crawl. */
public sealed interface Action permits Action.JobAction, Action.CrawlerAction {

    /** The job or crawler name. */
    String name();

    /** {@code JOB} or {@code CRAWLER}. */
    NodeType type();

    /**
     * A job run. {@code arguments} replace the job's default arguments for this run; {@code timeout} and
     * {@code notifyDelayAfter} are minutes and may be {@code null} (the job's own setting applies).
     * {@code expectedDurationMinutes} (extension) makes the reconciler report a run still going after it as
     * delayed, for jobs whose own delay event never comes.
     */
    record JobAction(String jobName, Map<String, String> arguments, Integer timeout, String securityConfiguration,
                     Integer notifyDelayAfter, Integer expectedDurationMinutes) implements Action {
        public JobAction {
            arguments = Map.copyOf(arguments);
        }

        @Override
        public String name() {
            return jobName;
        }

        @Override
        public NodeType type() {
            return NodeType.JOB;
        }
    }

    /** A crawl. */
    record CrawlerAction(String crawlerName) implements Action {
        @Override
        public String name() {
            return crawlerName;
        }

        @Override
        public NodeType type() {
            return NodeType.CRAWLER;
        }
    }
}
