package dev.glueorch.store;

import static dev.glueorch.store.RunItems.n;
import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.OutboxItem;
import dev.glueorch.engine.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The {@link OutboxStore} on the orchestrator's table: notification claims that keep their notification until it is
 * sent, and the outbox attributes ({@link OutboxAttributes}) of any item, found through the sparse {@code Unsent}
 * index — never by a scan.
 */
public final class DynamoDbOutbox implements OutboxStore {

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final RunReads runs;
    private final Duration history;

    public DynamoDbOutbox(DynamoDbClient dynamoDb, String tableName, Duration history) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.runs = new RunReads(dynamoDb, tableName, history);
        this.history = history;
    }

    @Override
    public boolean claimNotification(OrchestratorEvent.Notification notification) {
        Map<String, AttributeValue> item = new HashMap<>(NotificationItems.toItem(notification,
                notification.time().plus(history).getEpochSecond()));
        item.put(OutboxAttributes.PREFIX + notification.eventId(),
                AttributeValue.fromM(Map.of("At", s(notification.time().toString()))));
        item.put(OutboxAttributes.PENDING, n(1));
        item.put(TableDesign.GSI3_PK, s(OutboxAttributes.UNSENT));
        item.put(TableDesign.GSI3_SK, s(TableDesign.sortable(notification.time())));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void markSent(OutboxItem item, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        Map<String, AttributeValue> key = keyOf(item);
        // the usual case: these are all the item's pending events, so it also leaves the Unsent index at once
        Expressions all = new Expressions();
        List<String> present = new ArrayList<>();
        for (String eventId : eventIds) {
            String name = all.name(OutboxAttributes.PREFIX + eventId);
            all.remove(name);
            present.add("attribute_exists(" + name + ")");
        }
        all.add(all.name(OutboxAttributes.PENDING), all.value(n(-eventIds.size())));
        all.remove(all.name(TableDesign.GSI3_PK));
        all.remove(all.name(TableDesign.GSI3_SK));
        String onlyThese = String.join(" AND ", present) + " AND " + all.name(OutboxAttributes.PENDING) + " = "
                + all.value(n(eventIds.size()));
        if (update(key, all, onlyThese)) {
            return;
        }
        // others are pending too, or some of these were marked by a concurrent sender: one by one, each once
        for (String eventId : eventIds) {
            Expressions one = new Expressions();
            String name = one.name(OutboxAttributes.PREFIX + eventId);
            one.remove(name);
            one.add(one.name(OutboxAttributes.PENDING), one.value(n(-1)));
            update(key, one, "attribute_exists(" + name + ")");
        }
    }

    @Override
    public List<Unsent> unsent(Instant writtenBefore, int limit) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        dynamoDb.query(b -> b.tableName(tableName).indexName(TableDesign.GSI3).limit(limit)
                .keyConditionExpression("GSI3PK = :unsent AND GSI3SK < :before")
                .expressionAttributeValues(Map.of(":unsent", s(OutboxAttributes.UNSENT),
                        ":before", s(TableDesign.sortable(writtenBefore)))))
                .items().forEach(k -> keys.add(Map.of(TableDesign.PK, k.get(TableDesign.PK),
                        TableDesign.SK, k.get(TableDesign.SK))));
        List<Unsent> unsent = new ArrayList<>();
        for (Map<String, AttributeValue> item : BatchGets.consistent(dynamoDb, tableName, keys)) {
            if (!OutboxAttributes.anyPending(item)) {
                leaveUnsentIndex(item);
            } else if (NotificationItems.isNotification(item)) {
                if (NotificationItems.hasNotification(item)) {
                    unsent.add(new Notification(NotificationItems.fromItem(item)));
                }
            } else {
                // the run whole: an action's event is written from the action's own item
                runs.run(item.get(RunItems.NAME).s(), item.get(RunItems.WORKFLOW_RUN_ID).s()).ifPresent(run ->
                        unsent.add(new RunEvents(run, OutboxAttributes.pending(item))));
            }
        }
        return unsent;
    }

    /** An item whose events were all sent while a concurrent write kept it in the index leaves it. */
    private void leaveUnsentIndex(Map<String, AttributeValue> item) {
        Expressions x = new Expressions();
        x.remove(x.name(TableDesign.GSI3_PK));
        x.remove(x.name(TableDesign.GSI3_SK));
        String pending = x.name(OutboxAttributes.PENDING);
        update(Map.of(TableDesign.PK, item.get(TableDesign.PK), TableDesign.SK, item.get(TableDesign.SK)), x,
                "attribute_not_exists(" + pending + ") OR " + pending + " <= " + x.value(n(0)));
    }

    private boolean update(Map<String, AttributeValue> key, Expressions x, String condition) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key).updateExpression(x.update())
                    .conditionExpression(condition).expressionAttributeNames(x.names())
                    .expressionAttributeValues(x.values().isEmpty() ? null : x.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> keyOf(OutboxItem item) {
        if (item instanceof OutboxItem.Run run) {
            return RunItems.key(run.workflowName(), run.workflowRunId());
        }
        return NotificationItems.key(((OutboxItem.Notification) item).key());
    }
}
