package dev.glueorch.model;

import java.util.EnumSet;
import java.util.Set;

/** Glue's {@code JobRunState}: the state of one job run. */
public enum JobRunState {
    STARTING, RUNNING, STOPPING, STOPPED, SUCCEEDED, FAILED, TIMEOUT, ERROR, WAITING;

    /** The states a CONDITIONAL trigger can listen for (Glue refuses the others in a Predicate). */
    public static final Set<JobRunState> LISTENABLE = EnumSet.of(SUCCEEDED, STOPPED, FAILED, TIMEOUT);

    /** Whether a run in this state will not change any more. */
    public boolean isTerminal() {
        return this == STOPPED || this == SUCCEEDED || this == FAILED || this == TIMEOUT || this == ERROR;
    }
}
