package dev.glueorch.bench;

import dev.glueorch.testing.DynamoDbLocal;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.StartCrawlerRequest;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;

/**
 * The floor of the warm figures: the very requests the handler sent, sent again bare (same SDK, same HTTP client,
 * no orchestrator around them), in the same order, to a fresh DynamoDB Local that therefore goes through the same
 * states and answers the same way, including the conditional checks that failed.
 */
final class Floor implements AutoCloseable {

    private final DynamoDbClient dynamoDb;
    private final GlueClient glue;
    private final EventBridgeClient eventBridge;

    Floor(URI dynamoDbEndpoint, URI awsEndpoint) {
        dynamoDb = DynamoDbLocal.client(dynamoDbEndpoint);
        glue = AwsStub.glue(awsEndpoint);
        eventBridge = AwsStub.eventBridge(awsEndpoint);
    }

    /** Sends each request again; returns the nanoseconds each took, in order. */
    long[] replay(List<RequestLog.Sent> requests) {
        long[] nanos = new long[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            long start = System.nanoTime();
            try {
                send(requests.get(i).request());
            } catch (SdkServiceException e) {
                // the same answer the handler got (a failed condition is a decision, not an error)
            }
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private void send(SdkRequest request) {
        if (request instanceof UpdateItemRequest r) {
            dynamoDb.updateItem(r);
        } else if (request instanceof TransactWriteItemsRequest r) {
            dynamoDb.transactWriteItems(r);
        } else if (request instanceof GetItemRequest r) {
            dynamoDb.getItem(r);
        } else if (request instanceof QueryRequest r) {
            dynamoDb.query(r);
        } else if (request instanceof PutItemRequest r) {
            dynamoDb.putItem(r);
        } else if (request instanceof DeleteItemRequest r) {
            dynamoDb.deleteItem(r);
        } else if (request instanceof BatchGetItemRequest r) {
            dynamoDb.batchGetItem(r);
        } else if (request instanceof BatchWriteItemRequest r) {
            dynamoDb.batchWriteItem(r);
        } else if (request instanceof CreateTableRequest r) {
            dynamoDb.createTable(r);
        } else if (request instanceof DescribeTableRequest r) {
            dynamoDb.describeTable(r);
        } else if (request instanceof UpdateTimeToLiveRequest r) {
            dynamoDb.updateTimeToLive(r);
        } else if (request instanceof StartJobRunRequest r) {
            glue.startJobRun(r);
        } else if (request instanceof StartCrawlerRequest r) {
            glue.startCrawler(r);
        } else if (request instanceof PutEventsRequest r) {
            eventBridge.putEvents(r);
        } else {
            throw new IllegalStateException("the floor cannot replay " + request.getClass().getSimpleName()
                    + ": add it to Floor.send");
        }
    }

    @Override
    public void close() {
        dynamoDb.close();
        glue.close();
        eventBridge.close();
    }
}
