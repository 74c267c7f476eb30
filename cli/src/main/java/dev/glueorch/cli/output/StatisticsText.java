package dev.glueorch.cli.output;

import dev.glueorch.engine.Statistics;
import java.util.ArrayList;
import java.util.List;

/** A run's {@link Statistics} as the CLI writes it: the simulator's table, {@code runs get}, {@code runs start}. */
public final class StatisticsText {

    private StatisticsText() {
    }

    /**
     * What went wrong in a run, after its status: Glue says COMPLETED even when actions failed, so the counts that
     * tell the truth are shown beside it (empty when nothing failed, timed out or errored).
     */
    public static String troubles(Statistics s) {
        List<String> troubles = new ArrayList<>();
        if (s.failedActions() > 0) {
            troubles.add(s.failedActions() + " failed");
        }
        if (s.timeoutActions() > 0) {
            troubles.add(s.timeoutActions() + " timed out");
        }
        if (s.erroredActions() > 0) {
            troubles.add(s.erroredActions() + " errored");
        }
        return troubles.isEmpty() ? "" : " (" + String.join(", ", troubles) + ")";
    }

    /** Every counter, as a line of its own: {@code "  actions: 3 total, 2 succeeded, 1 failed, ..."}. */
    public static String actionsLine(Statistics s) {
        return String.format("  actions: %d total, %d succeeded, %d failed, %d timed out, %d stopped, %d errored, "
                + "%d running, %d waiting%n", s.totalActions(), s.succeededActions(), s.failedActions(),
                s.timeoutActions(), s.stoppedActions(), s.erroredActions(), s.runningActions(), s.waitingActions());
    }
}
