package dev.glueorch.handler;

import static dev.glueorch.contract.FunctionEnvironment.ACCOUNT_ID;
import static dev.glueorch.contract.FunctionEnvironment.DEFINITIONS_REFRESH_SECONDS;
import static dev.glueorch.contract.FunctionEnvironment.EVENT_BUS_ARN;
import static dev.glueorch.contract.FunctionEnvironment.EVENT_BUS_NAME;
import static dev.glueorch.contract.FunctionEnvironment.HISTORY_TTL_DAYS;
import static dev.glueorch.contract.FunctionEnvironment.TABLE_NAME;
import static dev.glueorch.contract.FunctionEnvironment.TRUSTED_ACCOUNTS;

import dev.glueorch.bus.EventBridgePublisher;
import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.AccountTrust;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.Reconciler;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.WorkflowOperations;
import dev.glueorch.glue.SdkGlueService;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.store.TableDesign;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the orchestrator once per Lambda process (outside the handler method), from the function's environment, on
 * the SDK clients of {@link AwsClients} (which also honours the environment's {@code AWS_ENDPOINT_URL_<SERVICE>}
 * variables). DynamoDB's client is built here, at initialisation; Glue's and EventBridge's on first use, since most
 * events (Glue's, for runs the orchestrator did not start) need neither, and by {@link Priming} before a SnapStart
 * snapshot.
 */
final class Dependencies {


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
        AwsClients clients = AwsClients.fromEnvironment(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        String table = required(environment, TABLE_NAME);
        Duration history = Duration.ofDays(Long.parseLong(environment.getOrDefault(HISTORY_TTL_DAYS,
                Integer.toString(TableDesign.DEFAULT_HISTORY_DAYS))));
        Duration refresh = Duration.ofSeconds(Long.parseLong(environment.getOrDefault(DEFINITIONS_REFRESH_SECONDS,
                "60")));
        metrics = LambdaMetrics.fromEnvironment(environment, clock);
        DynamoDbDefinitionsSource definitions = new DynamoDbDefinitionsSource(dynamoDb, table, clock, refresh);
        DynamoDbWorkflowRunStore store = new DynamoDbWorkflowRunStore(dynamoDb, table, history);
        SdkGlueService glueService = new SdkGlueService(clients);
        EventBridgePublisher publisher = new EventBridgePublisher(clients::eventBridge,
                required(environment, EVENT_BUS_NAME), environment.get(EVENT_BUS_ARN));
        DynamoDbOutbox outboxStore = new DynamoDbOutbox(dynamoDb, table, history);
        Outbox outbox = new Outbox(publisher, outboxStore);
        AccountTrust trust = new AccountTrust(environment.get(ACCOUNT_ID), accounts(environment.get(TRUSTED_ACCOUNTS)));
        Orchestrator orchestrator = new Orchestrator(definitions, store, glueService, outbox, metrics, clock,
                RetryPolicy.DEFAULT, trust);
        Reconciler reconciler = new Reconciler(orchestrator, definitions, store, outboxStore, glueService, clock);
        EventParser parser = new EventParser();
        priming = new Priming(definitions, parser, () -> {
            clients.glue();
            clients.eventBridge();
        }).register();
        // One PutEvents per delivery for the events its handling publishes (a firing event has two)
        dispatcher = new EventDispatcher(parser, event -> outbox.batching(() -> orchestrator.handle(event)));
        reconcileDispatcher = new EventDispatcher(parser, event -> outbox.batching(reconciler::reconcile));
        operations = new WorkflowOperations(definitions, store, orchestrator.lifecycle(), glueService, clock);
    }

    static synchronized Dependencies instance() {
        if (instance == null) {
            instance = new Dependencies(System.getenv());
        }
        return instance;
    }

    private static Set<String> accounts(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(a -> !a.isEmpty())
                .collect(Collectors.toSet());
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
