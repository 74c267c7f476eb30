package dev.glueorch.store;

import static dev.glueorch.store.RunItems.n;
import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.ClosedEventBatch;
import dev.glueorch.engine.EventBatch;
import dev.glueorch.engine.EventBatchCondition;
import dev.glueorch.engine.EventBatches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The batches of EVENT triggers, three item families:
 * <ul>
 *   <li>{@code EVENTBATCH#OPEN / TRIGGER#<trigger>#PARTITION#<partition or ->}: the open batch of a trigger and
 *       partition (trigger names are unique per account, partition ids hold no {@code #}): its {@code Sequence},
 *       {@code EventIds} (a string set), {@code EventCount} and {@code FirstEventAt}; all under one key, so the tick
 *       lists them in one query. Closing resets it to the next sequence and keeps it, so sequences never repeat.</li>
 *   <li>{@code EVENT#<event id> / TRIGGER#<trigger>}: an event counted by a trigger, so a repeated delivery counts
 *       nothing; expires ({@code ExpiresAt}) after the retention given, longer than EventBridge retries (24 h).</li>
 *   <li>{@code EVENTBATCH#CLOSED / TRIGGER#<trigger>#PARTITION#<partition or ->#SEQ#<sequence>}: a closed batch
 *       whose run is not yet started or joined, with its events and {@code StartingEventBatchCondition}; written in
 *       the close's transaction, deleted once the run is there.</li>
 * </ul>
 */
public final class DynamoDbEventBatches implements EventBatches {

    private static final String OPEN = "EVENTBATCH#OPEN";
    private static final String CLOSED = "EVENTBATCH#CLOSED";
    private static final String NO_PARTITION = "-";
    private static final String TRIGGER_NAME = "TriggerName";
    private static final String SEQUENCE = "Sequence";
    private static final String EVENT_IDS = "EventIds";
    private static final String EVENT_COUNT = "EventCount";
    private static final String FIRST_EVENT_AT = "FirstEventAt";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbEventBatches(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Addition addEvent(String workflowName, String triggerName, String partitionId, String eventId,
                             Instant at, int batchSize, Instant seenUntil) {
        Map<String, AttributeValue> seen = new HashMap<>(Map.of(TableDesign.PK, s("EVENT#" + eventId),
                TableDesign.SK, s("TRIGGER#" + triggerName), RunItems.NAME, s(workflowName)));
        seen.put(TableDesign.TTL_ATTRIBUTE, n(seenUntil.getEpochSecond()));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":id", AttributeValue.fromSs(List.of(eventId)));
        values.put(":one", n(1));
        values.put(":zero", n(0));
        values.put(":at", s(at.toString()));
        values.put(":size", n(batchSize));
        values.put(":workflow", s(workflowName));
        values.put(":trigger", s(triggerName));
        values.put(":partition", s(partitionId == null ? NO_PARTITION : partitionId));
        Update add = Update.builder().tableName(tableName).key(openKey(triggerName, partitionId))
                .updateExpression("ADD EventIds :id, EventCount :one SET FirstEventAt = if_not_exists(FirstEventAt, "
                        + ":at), #seq = if_not_exists(#seq, :zero), #name = :workflow, TriggerName = :trigger, "
                        + "#partition = :partition")
                // a full batch takes no more: its closer must close it first, so a batch never exceeds BatchSize
                .conditionExpression("attribute_not_exists(EventCount) OR EventCount < :size")
                .expressionAttributeNames(Map.of("#seq", SEQUENCE, "#name", RunItems.NAME,
                        "#partition", RunItems.PARTITION))
                .expressionAttributeValues(values).build();
        try {
            Transactions.write(dynamoDb, List.of(
                    TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(seen)
                            .conditionExpression("attribute_not_exists(PK)").build()).build(),
                    TransactWriteItem.builder().update(add).build()));
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e.cancellationReasons(), 0)) {
                return new Addition(Added.DUPLICATE, Optional.empty());
            }
            if (Transactions.failedCondition(e.cancellationReasons(), 1)) {
                return new Addition(Added.FULL, openEventBatch(triggerName, partitionId));
            }
            throw e;
        }
        return new Addition(Added.ADDED, openEventBatch(triggerName, partitionId));
    }

    @Override
    public Optional<EventBatch> openEventBatch(String triggerName, String partitionId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(openKey(triggerName, partitionId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : batchFrom(item);
    }

    @Override
    public List<EventBatch> openEventBatches() {
        List<EventBatch> batches = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(OPEN)) {
            batchFrom(item).ifPresent(batches::add);
        }
        return batches;
    }

    @Override
    public Optional<ClosedEventBatch> closeEventBatch(EventBatch batch, EventBatchCondition condition) {
        Map<String, AttributeValue> closed = new HashMap<>(Map.of(TableDesign.PK, s(CLOSED),
                TableDesign.SK, s(closedSortKey(batch)),
                RunItems.NAME, s(batch.workflowName()), TRIGGER_NAME, s(batch.triggerName()),
                RunItems.PARTITION, s(partitionOf(batch.partitionId())), SEQUENCE, n(batch.sequence()),
                EVENT_IDS, AttributeValue.fromSs(batch.eventIds()), FIRST_EVENT_AT, s(batch.firstEventAt().toString()),
                RunItems.BATCH_SIZE, n(condition.batchSize()), RunItems.BATCH_WINDOW, n(condition.batchWindow())));
        // only the batch as read closes: same sequence and the same number of events (events are only added), so
        // the ids recorded closed are exactly the batch's and an event counted meanwhile is not lost
        Update reset = Update.builder().tableName(tableName).key(openKey(batch.triggerName(), batch.partitionId()))
                .updateExpression("SET #seq = :next, EventCount = :zero REMOVE EventIds, FirstEventAt")
                .conditionExpression("#seq = :seq AND EventCount = :count")
                .expressionAttributeNames(Map.of("#seq", SEQUENCE))
                .expressionAttributeValues(Map.of(":next", n(batch.sequence() + 1), ":zero", n(0),
                        ":seq", n(batch.sequence()), ":count", n(batch.size()))).build();
        try {
            Transactions.write(dynamoDb, List.of(TransactWriteItem.builder().update(reset).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(closed)
                            .conditionExpression("attribute_not_exists(PK)").build()).build()));
        } catch (TransactionCanceledException e) {
            if (Transactions.anyConditionFailed(e.cancellationReasons())) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new ClosedEventBatch(batch, condition));
    }

    @Override
    public List<ClosedEventBatch> closedEventBatches() {
        List<ClosedEventBatch> closed = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(CLOSED)) {
            closed.add(new ClosedEventBatch(batchFrom(item).orElseThrow(), new EventBatchCondition(
                    Integer.parseInt(item.get(RunItems.BATCH_SIZE).n()),
                    Integer.parseInt(item.get(RunItems.BATCH_WINDOW).n()))));
        }
        return closed;
    }

    @Override
    public void forgetClosedEventBatch(ClosedEventBatch closed) {
        dynamoDb.deleteItem(b -> b.tableName(tableName).key(Map.of(TableDesign.PK, s(CLOSED),
                TableDesign.SK, s(closedSortKey(closed.batch())))));
    }

    private List<Map<String, AttributeValue>> query(String partitionKey) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(tableName).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partitionKey))).consistentRead(true))
                .forEach(page -> items.addAll(page.items()));
        return items;
    }

    private static Optional<EventBatch> batchFrom(Map<String, AttributeValue> item) {
        AttributeValue ids = item.get(EVENT_IDS);
        if (ids == null || ids.ss() == null || ids.ss().isEmpty()) {
            return Optional.empty();
        }
        String partition = item.get(RunItems.PARTITION).s();
        return Optional.of(new EventBatch(item.get(RunItems.NAME).s(), item.get(TRIGGER_NAME).s(),
                NO_PARTITION.equals(partition) ? null : partition, Long.parseLong(item.get(SEQUENCE).n()),
                new ArrayList<>(new TreeSet<>(ids.ss())), Instant.parse(item.get(FIRST_EVENT_AT).s())));
    }

    private static Map<String, AttributeValue> openKey(String triggerName, String partitionId) {
        return Map.of(TableDesign.PK, s(OPEN), TableDesign.SK, s(openSortKey(triggerName, partitionId)));
    }

    private static String openSortKey(String triggerName, String partitionId) {
        return "TRIGGER#" + triggerName + "#PARTITION#" + partitionOf(partitionId);
    }

    private static String closedSortKey(EventBatch batch) {
        return openSortKey(batch.triggerName(), batch.partitionId()) + "#SEQ#" + batch.sequence();
    }

    private static String partitionOf(String partitionId) {
        return partitionId == null ? NO_PARTITION : partitionId;
    }
}
