package dev.glueorch.handler;

import dev.glueorch.aws.AwsJsonClient;
import dev.glueorch.aws.JsonService;
import dev.glueorch.bus.EventBridgePublisher;
import dev.glueorch.engine.AccountTrust;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.Reconciler;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.WorkflowOperations;
import dev.glueorch.glue.GlueApiService;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.store.TableDesign;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.utils.Lazy;

/**
 * Builds the clients and the orchestrator once per Lambda process (outside the handler method), with the region,
 * credentials provider and one URL-connection HTTP client set explicitly, from the function's environment: the SDK's
 * DynamoDB client, signed JSON calls for Glue and EventBridge, and the SDK's STS client only when a role is assumed.
 */
final class Dependencies {

    static final String TABLE_NAME = "TABLE_NAME";
    static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    static final String HISTORY_TTL_DAYS = "HISTORY_TTL_DAYS";
    static final String DEFINITIONS_REFRESH_SECONDS = "DEFINITIONS_REFRESH_SECONDS";
    static final String ACCOUNT_ID = "ACCOUNT_ID";
    static final String TRUSTED_ACCOUNTS = "TRUSTED_ACCOUNTS";
    static final String EVENT_BUS_ARN = "EVENT_BUS_ARN";

    private static Dependencies instance;

    final EventDispatcher dispatcher;
    final EventDispatcher reconcileDispatcher;
    final WorkflowOperations operations;
    final LambdaMetrics metrics;
    /** Held here: a checkpoint context may keep its resources only weakly. */
    final Priming priming;

    Dependencies(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    Dependencies(Map<String, String> environment, Clock clock) {
        SdkHttpClient http = UrlConnectionHttpClient.builder().build();
        Region region = Region.of(required(environment, "AWS_REGION"));
        // The default chain: with SnapStart, Lambda serves credentials from its container endpoint, not variables
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        DynamoDbClientBuilder dynamoDbBuilder = DynamoDbClient.builder().httpClient(http).region(region)
                .credentialsProvider(credentials);
        // The AWS SDKs' service-specific endpoint variables, honoured explicitly because the environment is passed in
        endpoint(environment, "AWS_ENDPOINT_URL_DYNAMODB").ifPresent(dynamoDbBuilder::endpointOverride);
        DynamoDbClient dynamoDb = dynamoDbBuilder.build();
        AwsJsonClient glue = new AwsJsonClient(JsonService.GLUE, http, region, credentials,
                endpoint(environment, "AWS_ENDPOINT_URL_GLUE").orElse(null));
        AwsJsonClient eventBridge = new AwsJsonClient(JsonService.EVENTBRIDGE, http, region, credentials,
                endpoint(environment, "AWS_ENDPOINT_URL_EVENTBRIDGE").orElse(null));
        // STS only for actions in other accounts: its SDK client is built when the first such action starts
        Lazy<StsClient> sts = new Lazy<>(() -> {
            StsClientBuilder stsBuilder = StsClient.builder().httpClient(http).region(region)
                    .credentialsProvider(credentials);
            endpoint(environment, "AWS_ENDPOINT_URL_STS").ifPresent(stsBuilder::endpointOverride);
            return stsBuilder.build();
        });
        String table = required(environment, TABLE_NAME);
        Duration history = Duration.ofDays(Long.parseLong(environment.getOrDefault(HISTORY_TTL_DAYS,
                Integer.toString(TableDesign.DEFAULT_HISTORY_DAYS))));
        Duration refresh = Duration.ofSeconds(Long.parseLong(environment.getOrDefault(DEFINITIONS_REFRESH_SECONDS,
                "60")));
        metrics = LambdaMetrics.fromEnvironment(environment, clock);
        DynamoDbDefinitionsSource definitions = new DynamoDbDefinitionsSource(dynamoDb, table, clock, refresh);
        DynamoDbWorkflowRunStore store = new DynamoDbWorkflowRunStore(dynamoDb, table, history);
        GlueApiService glueService = new GlueApiService(glue, sts::getValue);
        EventBridgePublisher publisher = new EventBridgePublisher(eventBridge, required(environment, EVENT_BUS_NAME),
                environment.get(EVENT_BUS_ARN));
        DynamoDbOutbox outboxStore = new DynamoDbOutbox(dynamoDb, table, history);
        Outbox outbox = new Outbox(publisher, outboxStore);
        AccountTrust trust = new AccountTrust(environment.get(ACCOUNT_ID), accounts(environment.get(TRUSTED_ACCOUNTS)));
        Orchestrator orchestrator = new Orchestrator(definitions, store, glueService, outbox, metrics, clock,
                RetryPolicy.DEFAULT, trust);
        Reconciler reconciler = new Reconciler(orchestrator, definitions, store, outboxStore, glueService, clock);
        EventParser parser = new EventParser();
        priming = new Priming(definitions, parser).register();
        // One PutEvents per delivery for the events its handling publishes (a firing event has two)
        dispatcher = new EventDispatcher(parser, event -> outbox.batching(() -> orchestrator.handle(event)));
        reconcileDispatcher = new EventDispatcher(parser, event -> outbox.batching(reconciler::reconcile));
        operations = new WorkflowOperations(definitions, store, orchestrator, glueService, clock);
    }

    static synchronized Dependencies instance() {
        if (instance == null) {
            instance = new Dependencies(System.getenv());
        }
        return instance;
    }

    private static java.util.Set<String> accounts(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return java.util.Set.of();
        }
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(a -> !a.isEmpty())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static java.util.Optional<java.net.URI> endpoint(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(java.net.URI.create(value));
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the CDK construct sets it "
                    + "on the function");
        }
        return value;
    }
}
