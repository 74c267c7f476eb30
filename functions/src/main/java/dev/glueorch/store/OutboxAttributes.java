package dev.glueorch.store;

import static dev.glueorch.store.RunItems.n;
import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.PendingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's outbox: each event not yet accepted by EventBridge is an attribute {@code Outbox#<eventId>} of the item
 * whose write caused it (top-level, so any item can take one in the same write, however old), counted in
 * {@code OutboxPending}; while one is pending the item is in the sparse {@code Unsent} index, keyed by when its
 * oldest pending event was written.
 */
final class OutboxAttributes {

    static final String PREFIX = "Outbox#";
    static final String PENDING = "OutboxPending";
    static final String UNSENT = "UNSENT";
    private static final String KIND = "Kind";
    private static final String AT = "At";

    private OutboxAttributes() {
    }

    /** Adds {@code event} to the update {@code x} of an item. */
    static void add(Expressions x, PendingEvent event) {
        x.set(x.name(PREFIX + event.eventId()), x.value(AttributeValue.fromM(entry(event))));
        x.add(x.name(PENDING), x.value(n(1)));
        x.set(x.name(TableDesign.GSI3_PK), x.value(s(UNSENT)));
        String since = x.name(TableDesign.GSI3_SK);
        x.set(since, "if_not_exists(" + since + ", " + x.value(s(TableDesign.sortable(event.at()))) + ")");
    }

    /** Adds {@code event} to a new item. */
    static void put(Map<String, AttributeValue> item, PendingEvent event) {
        item.put(PREFIX + event.eventId(), AttributeValue.fromM(entry(event)));
        item.put(PENDING, n(1));
        item.put(TableDesign.GSI3_PK, s(UNSENT));
        item.put(TableDesign.GSI3_SK, s(TableDesign.sortable(event.at())));
    }

    /** The events pending on a run's item. */
    static List<PendingEvent> pending(Map<String, AttributeValue> item) {
        List<PendingEvent> events = new ArrayList<>();
        item.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && value.hasM() && value.m().containsKey(KIND)) {
                Map<String, AttributeValue> entry = value.m();
                events.add(new PendingEvent(name.substring(PREFIX.length()),
                        PendingEvent.Kind.valueOf(entry.get(KIND).s()),
                        entry.containsKey(RunItems.ACTION_ID) ? entry.get(RunItems.ACTION_ID).s() : null,
                        Instant.parse(entry.get(AT).s())));
            }
        });
        return events;
    }

    /** Whether any event is pending on the item. */
    static boolean anyPending(Map<String, AttributeValue> item) {
        return item.keySet().stream().anyMatch(name -> name.startsWith(PREFIX));
    }

    private static Map<String, AttributeValue> entry(PendingEvent event) {
        Map<String, AttributeValue> entry = new LinkedHashMap<>();
        entry.put(KIND, s(event.kind().name()));
        if (event.actionId() != null) {
            entry.put(RunItems.ACTION_ID, s(event.actionId()));
        }
        entry.put(AT, s(event.at().toString()));
        return entry;
    }
}
