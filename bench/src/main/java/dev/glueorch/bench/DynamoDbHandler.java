package dev.glueorch.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold start reference beside the empty handler: the least a Java handler that reads DynamoDB does — build the
 * SDK's client as the functions build theirs (URL-connection HTTP client, default credentials, Region and endpoint
 * from the environment) and make one GetItem. What the orchestrator adds to a cold start is the difference.
 */
public final class DynamoDbHandler implements RequestStreamHandler {

    private static final DynamoDbClient DYNAMO_DB = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .region(Region.of(System.getenv("AWS_REGION")))
            .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_DYNAMODB")))
            .build();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        DYNAMO_DB.getItem(b -> b.tableName(System.getenv("TABLE_NAME")).key(Map.of(
                "PK", AttributeValue.fromS("DEFINITIONS"), "SK", AttributeValue.fromS("CURRENT"))));
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
