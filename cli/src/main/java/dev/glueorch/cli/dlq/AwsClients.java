package dev.glueorch.cli.dlq;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The SQS and Lambda clients of one command, built once with the Region, the default credentials chain and one
 * URL-connection HTTP client set explicitly; an endpoint URL, like the AWS CLI's {@code --endpoint-url}, applies to
 * both.
 */
final class AwsClients implements AutoCloseable {

    private final SdkHttpClient http;
    private final DefaultCredentialsProvider credentials;
    private final SqsClient sqs;
    private final LambdaClient lambda;

    private AwsClients(Region region, URI endpoint) {
        http = UrlConnectionHttpClient.builder().build();
        credentials = DefaultCredentialsProvider.builder().build();
        SqsClientBuilder sqsBuilder = SqsClient.builder().httpClient(http).region(region)
                .credentialsProvider(credentials);
        LambdaClientBuilder lambdaBuilder = LambdaClient.builder().httpClient(http).region(region)
                .credentialsProvider(credentials);
        if (endpoint != null) {
            sqsBuilder.endpointOverride(endpoint);
            lambdaBuilder.endpointOverride(endpoint);
        }
        sqs = sqsBuilder.build();
        lambda = lambdaBuilder.build();
    }

    /** Clients for {@code region}, talking to {@code endpoint} instead of AWS's when it is not {@code null}. */
    static AwsClients create(Region region, URI endpoint) {
        return new AwsClients(region, endpoint);
    }

    SqsClient sqs() {
        return sqs;
    }

    LambdaClient lambda() {
        return lambda;
    }

    @Override
    public void close() {
        sqs.close();
        lambda.close();
        // Clients do not close an HTTP client or credentials provider they were given.
        http.close();
        credentials.close();
    }
}
