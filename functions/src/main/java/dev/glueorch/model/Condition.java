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

    /** {@code JobName} + {@code State}. */
    record JobCondition(String jobName, JobRunState state) implements Condition {
        @Override
        public boolean isMetBy(NodeType type, String name, JobRunState reached) {
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

    /** {@code CrawlerName} + {@code CrawlState}. */
    record CrawlerCondition(String crawlerName, CrawlState crawlState) implements Condition {
        @Override
        public boolean isMetBy(NodeType type, String name, JobRunState reached) {
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
