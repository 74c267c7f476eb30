package dev.glueorch.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where events wait until EventBridge accepted them. A run's events are kept pending by the store's own writes of
 * the run (see {@link WorkflowRunStore}); a notification is kept with its claim.
 */
public interface OutboxStore {

    /**
     * Claims the right to send {@code notification} (one conditional write on its {@link
     * OrchestratorEvent.Notification#key()}) and keeps it pending: true once, false for every later claim of the
     * same key, so each notification goes out once however many paths detect it.
     */
    boolean claimNotification(OrchestratorEvent.Notification notification);

    /** Events EventBridge accepted: they leave their item's outbox. */
    void markSent(OutboxItem item, Collection<String> eventIds);

    /** Up to {@code limit} items with events still pending that were written before {@code writtenBefore}. */
    List<Unsent> unsent(Instant writtenBefore, int limit);

    /** Events still pending on one item. */
    sealed interface Unsent permits RunEvents, Notification {
    }

    /** A run's pending events; {@code run} as stored now. */
    record RunEvents(WorkflowRun run, List<PendingEvent> events) implements Unsent {
    }

    /** A notification claimed but not sent. */
    record Notification(OrchestratorEvent.Notification notification) implements Unsent {
    }
}
