package dev.glueorch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glueorch.aws.AwsJsonClient;
import dev.glueorch.testing.DynamoDbLocal;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        if (sent.request() instanceof JsonNode body) {
            (sent.service().equals("Glue") ? glue : eventBridge).call(sent.operation(), body);
        } else {
            BareDynamoDb.send(dynamoDb, (SdkRequest) sent.request());
        }
    }

    @Override
    public void close() {
        dynamoDb.close();
    }
}
