package dev.glueorch.model;

/**
 * One condition of a {@link Predicate}: a job run or crawl of the same workflow run that reached a state.
 * Exactly one of a job or a crawler is named, so the two alternatives are separate records.
 */
public sealed interface Condition permits Condition.JobCondition, Condition.CrawlerCondition {

    /** Whether a run of {@code type}/{@code name} that reached {@code state} satisfies this condition. */
    boolean isMetBy(NodeType type, String name, JobRunState state);

    /** The job or crawler this condition listens to. */
    String name();

    /** {@code JOB} or {@code CRAWLER}. */
    NodeType type();

    /**
     * The 12-digit account whose orchestrator runs the job or crawler (extension), or {@code null} for this
     * workflow's own runs. A remote condition is met by that orchestrator's "Action Completed" event.
     */
    String account();

    /** The Region of a remote condition's orchestrator, or {@code null} for any. */
    String region();

    /** Whether another account's orchestrator reports this condition. */
    default boolean isRemote() {
        return account() != null;
    }

    /** Whether a remote action in {@code account}/{@code region} that reached {@code state} meets this condition. */
    default boolean isMetRemotelyBy(String fromAccount, String fromRegion, NodeType type, String name,
                                    JobRunState state) {
        return isRemote() && account().equals(fromAccount) && (region() == null || region().equals(fromRegion))
                && isMetByRun(type, name, state);
    }

    /** Whether a run of {@code type}/{@code name} in state {@code state} matches, wherever it ran. */
    boolean isMetByRun(NodeType type, String name, JobRunState state);

    /** {@code JobName} + {@code State} (+ {@code Account}, {@code Region}). */
    record JobCondition(String jobName, JobRunState state, String account, String region) implements Condition {

        /** A condition on this workflow's own runs of {@code jobName}. */
        public JobCondition(String jobName, JobRunState state) {
            this(jobName, state, null, null);
        }

        @Override
        public boolean isMetBy(NodeType type, String name, JobRunState reached) {
            return !isRemote() && isMetByRun(type, name, reached);
        }

        @Override
        public boolean isMetByRun(NodeType type, String name, JobRunState reached) {
            return type == NodeType.JOB && jobName.equals(name) && state == reached;
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

    /** {@code CrawlerName} + {@code CrawlState} (+ {@code Account}, {@code Region}). */
    record CrawlerCondition(String crawlerName, CrawlState crawlState, String account, String region)
            implements Condition {

        /** A condition on this workflow's own crawls of {@code crawlerName}. */
        public CrawlerCondition(String crawlerName, CrawlState crawlState) {
            this(crawlerName, crawlState, null, null);
        }

        @Override
        public boolean isMetBy(NodeType type, String name, JobRunState reached) {
            return !isRemote() && isMetByRun(type, name, reached);
        }

        @Override
        public boolean isMetByRun(NodeType type, String name, JobRunState reached) {
            return type == NodeType.CRAWLER && crawlerName.equals(name) && crawlState.asActionState() == reached;
        }

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
