package dev.glueorch.store;

import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.ScheduleCursor;
import dev.glueorch.engine.ScheduleCursors;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The schedule cursors, {@code SCHEDULE#START | SCHEDULE#START_CHECK / SHARD#<0-15>}: per trigger an attribute
 * {@code LastSlot#<name>}, the triggers hashed to {@value #SHARDS} items so that a tick reads every cursor in one
 * request however many triggers there are.
 */
public final class DynamoDbScheduleCursors implements ScheduleCursors {

    private static final String LAST_SLOT = "LastSlot#";
    private static final int SHARDS = 16;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbScheduleCursors(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Map<String, Instant> scheduleCursors(ScheduleCursor cursor, Collection<String> triggerNames) {
        Map<String, Instant> cursors = new HashMap<>();
        if (triggerNames.isEmpty()) {
            // BatchGetItem refuses a request without keys: definitions without such triggers have no cursor to read
            return cursors;
        }
        List<Map<String, AttributeValue>> keys = triggerNames.stream().map(name -> key(cursor, name)).distinct()
                .toList();
        // at most SHARDS keys, so one request however many triggers there are
        for (Map<String, AttributeValue> item : BatchGets.consistent(dynamoDb, tableName, keys)) {
            item.forEach((attribute, value) -> {
                if (attribute.startsWith(LAST_SLOT)) {
                    cursors.put(attribute.substring(LAST_SLOT.length()), Instant.parse(value.s()));
                }
            });
        }
        cursors.keySet().retainAll(new HashSet<>(triggerNames));
        return cursors;
    }

    @Override
    public void advanceScheduleCursor(ScheduleCursor cursor, String triggerName, Instant slot) {
        Expressions x = new Expressions();
        String last = x.name(LAST_SLOT + triggerName);
        String value = x.value(s(slot.toString()));
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key(cursor, triggerName))
                    .updateExpression("SET " + last + " = " + value)
                    .conditionExpression("attribute_not_exists(" + last + ") OR " + last + " < " + value)
                    .expressionAttributeNames(x.names()).expressionAttributeValues(x.values()));
        } catch (ConditionalCheckFailedException e) {
            // a concurrent tick advanced it as far or further
        }
    }

    /** The item that holds the trigger's cursor (String's hash code is fixed by the language). */
    private static Map<String, AttributeValue> key(ScheduleCursor cursor, String triggerName) {
        return Map.of(TableDesign.PK, s("SCHEDULE#" + cursor.name()),
                TableDesign.SK, s("SHARD#" + Math.floorMod(triggerName.hashCode(), SHARDS)));
    }
}
