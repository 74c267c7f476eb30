package dev.glueorch.cli.ops;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * The DynamoDB, Glue, STS and EventBridge clients of one operator command, built once with the Region, the default
 * credentials chain and one URL-connection HTTP client set explicitly. An endpoint URL, like the AWS CLI's
 * {@code --endpoint-url}, applies to every client; DynamoDB's and Glue's can be set apart (two emulators).
 */
final class ServiceClients implements AutoCloseable {

    private final SdkHttpClient http;
    private final DefaultCredentialsProvider credentials;
    private final Region region;
    private final URI glueEndpoint;
    private final DynamoDbClient dynamoDb;
    private final GlueClient glue;
    private final StsClient sts;
    private final EventBridgeClient eventBridge;

    private ServiceClients(Region region, URI endpoint, URI dynamoDbEndpoint, URI glueEndpoint) {
        this.region = region;
        this.glueEndpoint = glueEndpoint;
        http = UrlConnectionHttpClient.builder().build();
        credentials = DefaultCredentialsProvider.builder().build();
        DynamoDbClientBuilder dynamoDbBuilder = DynamoDbClient.builder().httpClient(http).region(region)
                .credentialsProvider(credentials);
        StsClientBuilder stsBuilder = StsClient.builder().httpClient(http).region(region)
                .credentialsProvider(credentials);
        EventBridgeClientBuilder eventBridgeBuilder = EventBridgeClient.builder().httpClient(http).region(region)
                .credentialsProvider(credentials);
        if (dynamoDbEndpoint != null) {
            dynamoDbBuilder.endpointOverride(dynamoDbEndpoint);
        }
        if (endpoint != null) {
            stsBuilder.endpointOverride(endpoint);
            eventBridgeBuilder.endpointOverride(endpoint);
        }
        dynamoDb = dynamoDbBuilder.build();
        glue = glue(credentials);
        sts = stsBuilder.build();
        eventBridge = eventBridgeBuilder.build();
    }

    /**
     * Clients for {@code region}; each talks to its endpoint instead of AWS's when that is not {@code null}
     * ({@code endpoint} for STS and EventBridge).
     */
    static ServiceClients create(Region region, URI endpoint, URI dynamoDbEndpoint, URI glueEndpoint) {
        return new ServiceClients(region, endpoint, dynamoDbEndpoint, glueEndpoint);
    }

    /**
     * A Glue client with {@code credentials} on the shared HTTP client: this account's with the default chain, another
     * account's with an assumed role's (actions with a RoleArn).
     */
    GlueClient glue(AwsCredentialsProvider credentials) {
        GlueClientBuilder builder = GlueClient.builder().httpClient(http).region(region)
                .credentialsProvider(credentials);
        if (glueEndpoint != null) {
            builder.endpointOverride(glueEndpoint);
        }
        return builder.build();
    }

    DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    GlueClient glue() {
        return glue;
    }

    StsClient sts() {
        return sts;
    }

    EventBridgeClient eventBridge() {
        return eventBridge;
    }

    @Override
    public void close() {
        dynamoDb.close();
        glue.close();
        sts.close();
        eventBridge.close();
        // Clients do not close an HTTP client or credentials provider they were given.
        http.close();
        credentials.close();
    }
}
