package dev.glueorch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glueorch.aws.AwsJsonClient;
import dev.glueorch.testing.DynamoDbLocal;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
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

/**
 * The floor of the warm figures: the very requests the handler sent, sent again bare (the same clients and HTTP
 * client as the handler's, no orchestrator around them), in the same order, to a fresh DynamoDB Local that therefore goes through the same
 * states and answers the same way, including the conditional checks that failed.
 */
final class Floor implements AutoCloseable {

    private final DynamoDbClient dynamoDb;
    private final AwsJsonClient glue;
    private final AwsJsonClient eventBridge;

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
            for (int attempt = 1; ; attempt++) {
                try {
                    send(requests.get(i));
                    break;
                } catch (SdkServiceException e) {
                    // the same answer the handler got (a failed condition is a decision, not an error)
                    break;
                } catch (SdkClientException e) {
                    // DynamoDB Local now and then answers a large Query with a body its CRC32 header does not match
                    // (seen in a full run): send it again, as the SDK's own retries would
                    if (attempt == 3) {
                        throw e;
                    }
                    start = System.nanoTime();
                }
            }
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private void send(RequestLog.Sent sent) {
        Object request = sent.request();
        if (request instanceof JsonNode body) {
            (sent.service().equals("Glue") ? glue : eventBridge).call(sent.operation(), body);
        } else if (request instanceof UpdateItemRequest r) {
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
        } else {
            throw new IllegalStateException("the floor cannot replay " + request.getClass().getSimpleName()
                    + ": add it to Floor.send");
        }
    }

    @Override
    public void close() {
        dynamoDb.close();
    }
}
