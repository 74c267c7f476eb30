package dev.glueorch.engine;

import dev.glueorch.contract.StatisticsCounters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Glue's {@code WorkflowRunStatistics}. An action is one job run or crawl a trigger of the run fired;
 * {@code totalActions} always equals the sum of the seven other counters.
 */
public record Statistics(int totalActions, int timeoutActions, int failedActions, int stoppedActions,
                         int succeededActions, int runningActions, int erroredActions, int waitingActions) {

    public static final Statistics EMPTY = new Statistics(0, 0, 0, 0, 0, 0, 0, 0);

    /** Whether nothing runs and nothing waits to be started. */
    public boolean isIdle() {
        return runningActions == 0 && waitingActions == 0;
    }

    /** Glue's {@code WorkflowRunStatistics} JSON shape, counters in Glue's order. */
    public Map<String, Object> toGlueShape() {
        Map<String, Object> shape = new LinkedHashMap<>();
        int[] values = values();
        for (int i = 0; i < values.length; i++) {
            shape.put(StatisticsCounters.ALL.get(i), values[i]);
        }
        return shape;
    }

    /** The counters' values, in the order of {@link StatisticsCounters#ALL}. */
    public int[] values() {
        return new int[]{totalActions, timeoutActions, failedActions, stoppedActions, succeededActions,
            runningActions, erroredActions, waitingActions};
    }

    /** Whether the counters add up, as they must after every atomic update. */
    public boolean isConsistent() {
        return totalActions == timeoutActions + failedActions + stoppedActions + succeededActions + runningActions
                + erroredActions + waitingActions;
    }
}
