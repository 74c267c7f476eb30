package dev.glueorch.store;

import static dev.glueorch.store.RunItems.s;

import dev.glueorch.engine.ActionRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The crawls, {@code CRAWLER#<name> / LATEST}: the action whose crawl of the crawler started last. Crawler events
 * carry no run id; this is how they find their action.
 */
final class DynamoDbCrawls {


    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbCrawls(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** The record of the action's crawl, for a transaction. */
    TransactWriteItem recordLatest(ActionRef action, String crawlerName, Instant startedOn) {
        return TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(latest(action, crawlerName, startedOn))).build();
    }

    /** The record of the action's crawl, alone. */
    void putLatest(ActionRef action, String crawlerName, Instant startedOn) {
        dynamoDb.putItem(b -> b.tableName(tableName).item(latest(action, crawlerName, startedOn)));
    }

    /** The action whose crawl of {@code crawlerName} started last, if it started at or before {@code at}. */
    Optional<ActionRef> latestCrawl(String crawlerName, Instant at) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(key(crawlerName))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        // an event older than the latest crawl's start belongs to an earlier crawl (EventBridge times have whole
        // seconds, hence the truncation)
        Instant startedOn = Instant.parse(item.get(RunItems.STARTED_ON).s()).truncatedTo(ChronoUnit.SECONDS);
        if (at.isBefore(startedOn)) {
            return Optional.empty();
        }
        return Optional.of(new ActionRef(item.get(RunItems.NAME).s(), item.get(RunItems.WORKFLOW_RUN_ID).s(),
                item.get(RunItems.ACTION_ID).s()));
    }

    private static Map<String, AttributeValue> latest(ActionRef action, String crawlerName, Instant startedOn) {
        Map<String, AttributeValue> item = new HashMap<>(key(crawlerName));
        item.put(RunItems.NAME, s(action.workflowName()));
        item.put(RunItems.WORKFLOW_RUN_ID, s(action.workflowRunId()));
        item.put(RunItems.ACTION_ID, s(action.actionId()));
        item.put(RunItems.STARTED_ON, s(startedOn.toString()));
        return item;
    }

    private static Map<String, AttributeValue> key(String crawlerName) {
        return Map.of(TableDesign.PK, s("CRAWLER#" + crawlerName), TableDesign.SK, s("LATEST"));
    }
}
