package dev.glueorch.clients;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * The one place that builds the AWS SDK clients of a process (a Lambda function, a {@code glueorch} command), each
 * once: every client on one shared {@link UrlConnectionHttpClient} (small and quick to start), with the Region and the
 * default credentials chain set explicitly, and the endpoint that the AWS SDKs' endpoint variables name
 * ({@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL}), read from the map given rather than the
 * process's environment so that a handler's environment and a command's {@code --endpoint-url} are read alike.
 *
 * <p>Retries are the SDK's standard strategy (DynamoDB keeps the SDK's default for it), except for Glue's starts: see
 * {@link GlueClients}. A start attempt that gets no answer within {@link #DEFAULT_START_ATTEMPT_TIMEOUT} ends as an
 * unknown outcome, to be looked up, instead of holding the function until its own timeout.
 *
 * <p>Each client is built when first asked for, then kept: a function asks for its clients at initialisation (so a
 * SnapStart snapshot holds them), STS is built only when a cross-account role is first assumed, S3 only by the
 * definitions deployment, and a command builds only what it uses.
 */
public final class AwsClients implements AutoCloseable {

    /** The endpoint variable every service falls back to, as the AWS CLI's {@code --endpoint-url}. */
    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    /** Long enough for StartJobRun's usual second or two, short against a function's 15 minutes. */
    public static final Duration DEFAULT_START_ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

    /**
     * Starts are never retried by the SDK: a 5xx, a timeout or a lost connection may come after Glue started the run,
     * and a definite refusal (throttling, no capacity) is retried by the orchestrator, which looks a run up between
     * attempts when an answer was lost — one retry layer for starts, the engine's.
     */
    private static final RetryStrategy START_RETRIES = AwsRetryStrategy.doNotRetry();

    private final Region region;
    private final Map<String, String> endpoints;
    private final Duration startAttemptTimeout;
    private final SdkHttpClient http;
    private final DefaultCredentialsProvider credentials;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<GlueClients> glue;
    private final Lazy<EventBridgeClient> eventBridge;
    private final Lazy<StsClient> sts;
    private final Lazy<S3Client> s3;
    private final Lazy<SqsClient> sqs;

    private AwsClients(Region region, Map<String, String> endpoints, Duration startAttemptTimeout) {
        this.region = region;
        this.endpoints = Map.copyOf(endpoints);
        this.startAttemptTimeout = startAttemptTimeout;
        http = UrlConnectionHttpClient.builder().build();
        // The default chain: with SnapStart, Lambda serves credentials from its container endpoint, not variables
        credentials = DefaultCredentialsProvider.builder().build();
        // DynamoDB keeps the SDK's own retries for it (more attempts, shorter waits than other services')
        dynamoDb = new Lazy<>(() -> build(DynamoDbClient.builder(), "DYNAMODB", credentials).build());
        glue = new Lazy<>(() -> glue(credentials));
        eventBridge = new Lazy<>(() -> build(EventBridgeClient.builder(), "EVENTBRIDGE"));
        sts = new Lazy<>(() -> build(StsClient.builder(), "STS"));
        // An emulator on a loopback address has no per-bucket host names: address buckets by path there.
        s3 = new Lazy<>(() -> build(S3Client.builder().forcePathStyle(endpoint("S3").isPresent()), "S3"));
        sqs = new Lazy<>(() -> build(SqsClient.builder(), "SQS"));
    }

    /**
     * The clients of a Lambda function, from its environment: {@code AWS_REGION} and the endpoint variables.
     *
     * @throws IllegalStateException when {@code AWS_REGION} is not set
     */
    public static AwsClients fromEnvironment(Map<String, String> environment) {
        String region = environment.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("environment variable AWS_REGION is not set; Lambda sets it on every "
                    + "function");
        }
        return create(Region.of(region), environment, DEFAULT_START_ATTEMPT_TIMEOUT);
    }

    /**
     * Clients for {@code region}, talking to the endpoints that {@code endpoints} names ({@value #ENDPOINT_URL},
     * {@code AWS_ENDPOINT_URL_GLUE}, ...) instead of AWS's.
     */
    public static AwsClients create(Region region, Map<String, String> endpoints) {
        return create(region, endpoints, DEFAULT_START_ATTEMPT_TIMEOUT);
    }

    /**
     * Clients for {@code region}.
     *
     * @param endpoints           endpoint variables ({@value #ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_GLUE}, ...) to
     *                            talk to an emulator instead of AWS; other entries are ignored
     * @param startAttemptTimeout how long a StartJobRun / StartCrawler attempt waits for Glue's answer
     */
    public static AwsClients create(Region region, Map<String, String> endpoints, Duration startAttemptTimeout) {
        return new AwsClients(region, endpoints, startAttemptTimeout);
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.getValue();
    }

    /** This account's Glue. */
    public GlueClients glue() {
        return glue.getValue();
    }

    /**
     * Glue with other credentials (an assumed role's), on the same HTTP client and endpoint. A new pair each call,
     * for the caller to keep as long as it uses the credentials (the Glue adapter: one pair per role).
     */
    public GlueClients glue(AwsCredentialsProvider otherCredentials) {
        GlueClient reads = build(GlueClient.builder(), "GLUE", otherCredentials)
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
        GlueClient starts = build(GlueClient.builder(), "GLUE", otherCredentials)
                .overrideConfiguration(o -> o.retryStrategy(START_RETRIES).apiCallAttemptTimeout(startAttemptTimeout))
                .build();
        return new GlueClients(reads, starts);
    }

    public EventBridgeClient eventBridge() {
        return eventBridge.getValue();
    }

    /** Built on first use: only actions in other accounts assume roles. */
    public StsClient sts() {
        return sts.getValue();
    }

    /** Built on first use: only the definitions deployment reads S3 (the definitions bundle asset). */
    public S3Client s3() {
        return s3.getValue();
    }

    /** The start queue's: the tick sends due slots, a start worker delays a message's redelivery. */
    public SqsClient sqs() {
        return sqs.getValue();
    }

    /**
     * Another service's client (the CLI's SQS and Lambda), built like these: shared HTTP client, Region, credentials,
     * the SDK's standard retries and the endpoint of {@code AWS_ENDPOINT_URL_<service>}. The caller keeps and closes
     * it.
     *
     * @param builder a new builder, with the caller's own override configuration if any (kept)
     * @param service the endpoint variable's suffix, e.g. {@code SQS}
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String service) {
        ClientOverrideConfiguration own = builder.overrideConfiguration();
        ClientOverrideConfiguration.Builder configuration = own == null ? ClientOverrideConfiguration.builder()
                : own.toBuilder();
        return build(builder, service, credentials)
                .overrideConfiguration(configuration.retryStrategy(RetryMode.STANDARD).build())
                .build();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B build(
            B builder, String service, AwsCredentialsProvider withCredentials) {
        builder.httpClient(http).region(region).credentialsProvider(withCredentials);
        endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** The service's own endpoint variable wins over the common one, as in the AWS SDKs. */
    private Optional<URI> endpoint(String service) {
        String value = endpoints.get(ENDPOINT_URL + "_" + service);
        if (value == null || value.isBlank()) {
            value = endpoints.get(ENDPOINT_URL);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value));
    }

    @Override
    public void close() {
        dynamoDb.close();
        glue.close();
        eventBridge.close();
        sts.close();
        s3.close();
        sqs.close();
        // Clients do not close an HTTP client or credentials provider they were given.
        http.close();
        credentials.close();
    }
}
