package dev.glueorch.bench;

import dev.glueorch.clients.AwsClients;
import dev.glueorch.clients.GlueClients;
import dev.glueorch.testing.DynamoDbLocal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The floor of the warm figures: the very requests the handler sent, sent again bare (the same clients and HTTP
 * client as the handler's, no orchestrator around them), in the same order, to a fresh DynamoDB Local that therefore goes through the same
 * states and answers the same way, including the conditional checks that failed.
 */
final class Floor implements AutoCloseable {

    private final DynamoDbClient dynamoDb;
    /** Glue and EventBridge clients built as the handler's are, by the functions' factory. */
    private final AwsClients aws;

    Floor(URI dynamoDbEndpoint, URI awsEndpoint) {
        dynamoDb = DynamoDbLocal.client(dynamoDbEndpoint);
        aws = AwsClients.create(Region.US_EAST_1, Map.of(AwsClients.ENDPOINT_URL, awsEndpoint.toString()));
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
        switch (sent.service()) {
            case "Glue" -> {
                // on the client the handler sent it on: starts are never resent, reads are
                GlueClients glue = aws.glue();
                GlueClient client = sent.operation().startsWith("Start") ? glue.starts() : glue.reads();
                BareRequest.send(GlueClient.class, client, sent.request());
            }
            case "EventBridge" -> BareRequest.send(EventBridgeClient.class, aws.eventBridge(), sent.request());
            default -> BareRequest.send(DynamoDbClient.class, dynamoDb, sent.request());
        }
    }

    @Override
    public void close() {
        dynamoDb.close();
        aws.close();
    }
}
