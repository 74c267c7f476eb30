package dev.glueorch.contract;

import java.util.List;

/**
 * Glue's {@code Statistics} counters, by their Glue names: the JSON the CLI prints, the run item's attributes (one
 * atomic number each) and the report's columns all use these. {@code TotalActions} is the sum of the seven others.
 */
public final class StatisticsCounters {

    public static final String TOTAL = "TotalActions";
    public static final String TIMEOUT = "TimeoutActions";
    public static final String FAILED = "FailedActions";
    public static final String STOPPED = "StoppedActions";
    public static final String SUCCEEDED = "SucceededActions";
    public static final String RUNNING = "RunningActions";
    public static final String ERRORED = "ErroredActions";
    public static final String WAITING = "WaitingActions";
    /** All eight, in the order of Glue's {@code Statistics} shape. */
    public static final List<String> ALL = List.of(TOTAL, TIMEOUT, FAILED, STOPPED, SUCCEEDED, RUNNING, ERRORED,
            WAITING);

    private StatisticsCounters() {
    }
}
