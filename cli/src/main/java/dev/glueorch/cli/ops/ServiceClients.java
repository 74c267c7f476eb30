package dev.glueorch.cli.ops;

import dev.glueorch.aws.AwsJsonClient;
import dev.glueorch.aws.JsonService;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
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
    private final DynamoDbClient dynamoDb;
    private final AwsJsonClient glue;
    private final StsClient sts;
    private final AwsJsonClient eventBridge;

    private ServiceClients(Region region, URI endpoint, URI dynamoDbEndpoint, URI glueEndpoint) {
        http = UrlConnectionHttpClient.builder().build();
        credentials = DefaultCredentialsProvider.builder().build();
        DynamoDbClientBuilder dynamoDbBuilder = DynamoDbClient.builder().httpClient(http).region(region)
                .credentialsProvider(credentials);
        StsClientBuilder stsBuilder = StsClient.builder().httpClient(http).region(region)
                .credentialsProvider(credentials);
        if (dynamoDbEndpoint != null) {
            dynamoDbBuilder.endpointOverride(dynamoDbEndpoint);
        }
        if (endpoint != null) {
            stsBuilder.endpointOverride(endpoint);
        }
        dynamoDb = dynamoDbBuilder.build();
        glue = new AwsJsonClient(JsonService.GLUE, http, region, credentials, glueEndpoint);
        sts = stsBuilder.build();
        eventBridge = new AwsJsonClient(JsonService.EVENTBRIDGE, http, region, credentials, endpoint);
    }

    /**
     * Clients for {@code region}; each talks to its endpoint instead of AWS's when that is not {@code null}
     * ({@code endpoint} for STS and EventBridge).
     */
    static ServiceClients create(Region region, URI endpoint, URI dynamoDbEndpoint, URI glueEndpoint) {
        return new ServiceClients(region, endpoint, dynamoDbEndpoint, glueEndpoint);
    }

    DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    /** This account's Glue; {@link AwsJsonClient#withCredentials} gives another account's (an assumed role's). */
    AwsJsonClient glue() {
        return glue;
    }

    StsClient sts() {
        return sts;
    }

    AwsJsonClient eventBridge() {
        return eventBridge;
    }

    @Override
    public void close() {
        dynamoDb.close();
        sts.close();
        // Clients do not close an HTTP client or credentials provider they were given.
        http.close();
        credentials.close();
    }
}
