package dev.glueorch.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The actions waiting for Glue to accept their start, and the claims of the retries that take them. */
public interface WaitingActions {

    /** Actions that wait for Glue capacity. */
    List<ActionRef> waitingActions(int limit);

    /**
     * Claims a waiting action for one retry, until {@code until} (one conditional write): empty when another retry
     * holds it, or it no longer waits.
     */
    Optional<RetryClaim> claimWaitingAction(ActionRef action, Instant now, Instant until);

    /** Drops {@code action} from {@link #waitingActions}: it is no longer waiting (a crash left it listed). */
    void forgetWaitingAction(ActionRef action);
}
