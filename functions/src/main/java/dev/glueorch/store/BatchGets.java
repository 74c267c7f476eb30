package dev.glueorch.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reads items by key, up to {@value #MAX_KEYS} per BatchGetItem (its limit), consistently, unprocessed keys again. */
final class BatchGets {

    static final int MAX_KEYS = 100;

    private BatchGets() {
    }

    /** The items of {@code keys} that exist, in any order. */
    static List<Map<String, AttributeValue>> consistent(DynamoDbClient dynamoDb, String tableName,
                                                        List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS))).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
                items.addAll(response.responses().getOrDefault(tableName, List.of()));
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        return items;
    }
}
