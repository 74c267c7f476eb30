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
     * delayed, for jobs whose own delay event never comes. {@code roleArn} (extension) starts the job in the role's
     * account through STS AssumeRole, with {@code externalId} if the role requires one; both {@code null} for a job
     * of this account.
     */
    record JobAction(String jobName, Map<String, String> arguments, Integer timeout, String securityConfiguration,
                     Integer notifyDelayAfter, Integer expectedDurationMinutes, String roleArn, String externalId)
            implements Action {
        public JobAction {
            arguments = Map.copyOf(arguments);
        }

        /** A job of this account, with no extension set. */
        public JobAction(String jobName, Map<String, String> arguments, Integer timeout,
                         String securityConfiguration, Integer notifyDelayAfter) {
            this(jobName, arguments, timeout, securityConfiguration, notifyDelayAfter, null, null, null);
        }

        /** The account the job runs in: the role's, or {@code null} for this account. */
        public String account() {
            return roleArn == null ? null : roleArn.split(":")[4];
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
