package dev.glueorch.engine;

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
    public java.util.Map<String, Object> toGlueShape() {
        java.util.Map<String, Object> shape = new java.util.LinkedHashMap<>();
        shape.put("TotalActions", totalActions);
        shape.put("TimeoutActions", timeoutActions);
        shape.put("FailedActions", failedActions);
        shape.put("StoppedActions", stoppedActions);
        shape.put("SucceededActions", succeededActions);
        shape.put("RunningActions", runningActions);
        shape.put("ErroredActions", erroredActions);
        shape.put("WaitingActions", waitingActions);
        return shape;
    }

    /** Whether the counters add up, as they must after every atomic update. */
    public boolean isConsistent() {
        return totalActions == timeoutActions + failedActions + stoppedActions + succeededActions + runningActions
                + erroredActions + waitingActions;
    }
}
