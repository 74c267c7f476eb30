package dev.glueorch.engine;

import dev.glueorch.model.JobRunState;
import java.util.EnumSet;
import java.util.Set;

/**
 * The moves an action makes, each with the states it may leave (anything else is a duplicate or late delivery and
 * changes nothing) and the statistics counter it leaves.
 */
public enum ActionTransition {
    /** Glue accepted StartJobRun / StartCrawler. */
    STARTED(EnumSet.of(JobRunState.STARTING, JobRunState.WAITING), JobRunState.STARTING, JobRunState.RUNNING),
    /** Glue had no capacity; the action waits to be started again. */
    WAIT(EnumSet.of(JobRunState.STARTING), JobRunState.STARTING, JobRunState.WAITING),
    /** The run reached a terminal state, or Glue refused to start it (ERROR). */
    FINISH(EnumSet.of(JobRunState.STARTING, JobRunState.RUNNING, JobRunState.STOPPING, JobRunState.WAITING),
            JobRunState.RUNNING, null);

    private final Set<JobRunState> from;
    private final JobRunState usualFrom;
    private final JobRunState to;

    ActionTransition(Set<JobRunState> from, JobRunState usualFrom, JobRunState to) {
        this.from = from;
        this.usualFrom = usualFrom;
        this.to = to;
    }

    /** The state the action is most often in when it makes this move: what a store tries first. */
    public JobRunState usualFrom() {
        return usualFrom;
    }

    /** The states the action may be in for this move to apply. */
    public Set<JobRunState> from() {
        return from;
    }

    /** The fixed target state, or {@code null} when the update's state is the target (FINISH). */
    public JobRunState to() {
        return to;
    }
}
