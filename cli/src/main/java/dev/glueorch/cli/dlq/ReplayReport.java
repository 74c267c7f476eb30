package dev.glueorch.cli.dlq;

import java.util.List;

/**
 * What one replay did, message by message.
 *
 * @param queueUrl the dead-letter queue
 * @param dryRun   whether nothing was invoked or deleted
 * @param results  every message handled, in the order received
 * @param problems what stopped or hampered the replay as a whole (the queue could not be read, ...)
 */
public record ReplayReport(String queueUrl, boolean dryRun, List<ReplayResult> results, List<String> problems) {

    public ReplayReport {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    public long replayed() {
        return count(Outcome.Replayed.class);
    }

    public long wouldReplay() {
        return count(Outcome.WouldReplay.class);
    }

    public long left() {
        return count(Outcome.Left.class);
    }

    public long failed() {
        return count(Outcome.Failed.class);
    }

    /** Whether every message was replayed (would be, in a dry run) and nothing went wrong. */
    public boolean complete() {
        return problems.isEmpty() && results.stream().noneMatch(r -> r.outcome().needsAttention());
    }

    private long count(Class<? extends Outcome> type) {
        return results.stream().filter(r -> type.isInstance(r.outcome())).count();
    }
}
