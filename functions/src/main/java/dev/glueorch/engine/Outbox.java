package dev.glueorch.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the orchestrator's events leave: each was written pending with the state change that caused it (see {@link
 * OutboxStore}); here it is published, and marked sent only once the bus accepted it, entry by entry. What the bus
 * did not accept stays pending and the reconciler sends it again after {@link #RESEND_AFTER}; consumers drop a
 * repeat by the event's stable id.
 *
 * <p>Inside {@link #batching}, the events of one handling leave together when it ends — one PutEvents for a firing
 * event's "Action Completed" and "Action Started" — or as soon as {@value #MAX_BATCH} wait (PutEvents' limit), so a
 * function stopped mid-work leaves at most one call's worth to the reconciler.
 */
public final class Outbox {

    /** Pending for this long, an event is taken as lost and sent again. */
    public static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    static final int MAX_BATCH = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final EventPublisher publisher;
    private final OutboxStore store;
    private final ThreadLocal<List<Entry>> batch = new ThreadLocal<>();

    public Outbox(EventPublisher publisher, OutboxStore store) {
        this.publisher = publisher;
        this.store = store;
    }

    /** An event and the item it is pending on. */
    record Entry(OrchestratorEvent event, OutboxItem item) {
    }

    /** Publishes {@code event}, pending on {@code item}: now, or with the batch under way on this thread. */
    void publish(OrchestratorEvent event, OutboxItem item) {
        List<Entry> pending = batch.get();
        if (pending == null) {
            send(List.of(new Entry(event, item)));
            return;
        }
        pending.add(new Entry(event, item));
        if (pending.size() == MAX_BATCH) {
            send(List.copyOf(pending));
            pending.clear();
        }
    }

    /**
     * Publishes {@code notification} unless it was sent before: its claim (one conditional write) keeps it pending,
     * so a notification goes out once however many paths detect it, and is not lost if the publish fails.
     */
    boolean publishOnce(OrchestratorEvent.Notification notification) {
        if (!store.claimNotification(notification)) {
            return false;
        }
        publish(notification, new OutboxItem.Notification(notification.key()));
        return true;
    }

    /** Runs {@code work} and publishes the events it published once it ends, also when it throws. */
    public void batching(Runnable work) {
        if (batch.get() != null) {
            work.run();
            return;
        }
        List<Entry> pending = new ArrayList<>();
        batch.set(pending);
        try {
            work.run();
        } finally {
            batch.remove();
            if (!pending.isEmpty()) {
                send(pending);
            }
        }
    }

    /** Publishes the entries and marks sent those the bus accepted; the rest stay pending for the reconciler. */
    void send(List<Entry> entries) {
        Set<String> accepted;
        try {
            accepted = publisher.publish(entries.stream().map(Entry::event).toList());
        } catch (RuntimeException e) {
            LOG.warn("PutEvents failed for {} event(s); they stay in the outbox and are sent again after {}",
                    entries.size(), RESEND_AFTER, e);
            return;
        }
        Map<OutboxItem, List<String>> sent = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (accepted.contains(entry.event().eventId())) {
                sent.computeIfAbsent(entry.item(), item -> new ArrayList<>()).add(entry.event().eventId());
            } else {
                LOG.warn("EventBridge did not accept \"{}\" {}: it stays in the outbox and is sent again after {}",
                        entry.event().detailType(), entry.event().eventId(), RESEND_AFTER);
            }
        }
        sent.forEach((item, eventIds) -> {
            try {
                store.markSent(item, eventIds);
            } catch (RuntimeException e) {
                // sent but still pending: the reconciler sends it again, and consumers drop the repeat by its id
                LOG.warn("Could not mark {} event(s) sent on {}", eventIds.size(), item, e);
            }
        });
    }
}
