package dev.glueorch.handler;

import static dev.glueorch.contract.FunctionEnvironment.ACCOUNT_ID;
import static dev.glueorch.contract.FunctionEnvironment.DEFINITIONS_REFRESH_SECONDS;
import static dev.glueorch.contract.FunctionEnvironment.EVENT_BUS_ARN;
import static dev.glueorch.contract.FunctionEnvironment.EVENT_BUS_NAME;
import static dev.glueorch.contract.FunctionEnvironment.GLUE_ACCESS_ROLE_ARNS;
import static dev.glueorch.contract.FunctionEnvironment.GLUE_START_RATE;
import static dev.glueorch.contract.FunctionEnvironment.HISTORY_TTL_DAYS;
import static dev.glueorch.contract.FunctionEnvironment.START_QUEUE_URL;
import static dev.glueorch.contract.FunctionEnvironment.START_WORKERS;
import static dev.glueorch.contract.FunctionEnvironment.TABLE_NAME;
import static dev.glueorch.contract.FunctionEnvironment.TRUSTED_ACCOUNTS;

import dev.glueorch.bus.EventBridgePublisher;
import dev.glueorch.clients.AwsClients;
import dev.glueorch.contract.GlueAccessSlices;
import dev.glueorch.engine.AccountTrust;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.PartitionOperations;
import dev.glueorch.engine.Reconciler;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.ScheduledStarts;
import dev.glueorch.engine.WorkflowOperations;
import dev.glueorch.glue.PacedGlueService;
import dev.glueorch.glue.SdkGlueService;
import dev.glueorch.glue.SlicedGlueService;
import dev.glueorch.queue.SqsStartQueue;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.store.TableDesign;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * A start worker's Glue is paced, so a refusal means someone else used the account's Glue rate: it waits longer
     * between attempts than the other functions (each attempt waits for its turn too) before the action WAITS.
     */
    static final RetryPolicy START_WORKER_RETRIES = new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(4),
            RetryPolicy.Sleeper.THREAD);
    /** Used when the function's environment does not say (the construct always does). */
    static final double DEFAULT_GLUE_START_RATE = 10;
    static final int DEFAULT_START_WORKERS = 5;

    private static Dependencies instance;

    final EventDispatcher dispatcher;
    final EventDispatcher reconcileDispatcher;
    final WorkflowOperations operations;
    final PartitionOperations partitionOperations;
    final StartWorker startWorker;
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
        // With Glue access roles, every Glue call goes through the role of its job's or crawler's slice
        List<String> glueAccessRoles = GlueAccessSlices.roleArns(environment.get(GLUE_ACCESS_ROLE_ARNS));
        SdkGlueService ownGlue = new SdkGlueService(clients);
        GlueService glueService = glueAccessRoles.isEmpty() ? ownGlue
                : new SlicedGlueService(ownGlue, glueAccessRoles);
        EventBridgePublisher publisher = new EventBridgePublisher(clients::eventBridge,
                required(environment, EVENT_BUS_NAME), environment.get(EVENT_BUS_ARN));
        DynamoDbOutbox outboxStore = new DynamoDbOutbox(dynamoDb, table, history);
        Outbox outbox = new Outbox(publisher, outboxStore);
        AccountTrust trust = new AccountTrust(environment.get(ACCOUNT_ID), accounts(environment.get(TRUSTED_ACCOUNTS)));
        String queueUrl = environment.get(START_QUEUE_URL);
        SqsStartQueue startQueue = queueUrl == null || queueUrl.isBlank() ? null
                : new SqsStartQueue(clients::sqs, queueUrl);
        Orchestrator orchestrator = new Orchestrator(definitions, store, glueService, outbox, metrics, clock,
                RetryPolicy.DEFAULT, trust, startQueue);
        // The start worker's own lifecycle: the same store and outbox, its Glue paced at its share of the rate
        PacedGlueService pacedGlue = PacedGlueService.share(glueService, Double.parseDouble(environment.getOrDefault(
                GLUE_START_RATE, Double.toString(DEFAULT_GLUE_START_RATE))), Integer.parseInt(environment.getOrDefault(
                START_WORKERS, Integer.toString(DEFAULT_START_WORKERS))));
        Orchestrator paced = new Orchestrator(definitions, store, pacedGlue, outbox, metrics, clock,
                START_WORKER_RETRIES, trust);
        ScheduledStarts scheduledStarts = new ScheduledStarts(paced, definitions, store, clock);
        // One PutEvents per slot for the events its start publishes (run started, two actions started)
        startWorker = new StartWorker(slot -> {
            AtomicReference<ScheduledStarts.Outcome> outcome = new AtomicReference<>();
            outbox.batching(() -> outcome.set(scheduledStarts.start(slot)));
            return outcome.get();
        }, startQueue == null ? (receipt, delay) -> { } : startQueue::delayRedelivery);
        Reconciler reconciler = new Reconciler(orchestrator, definitions, store, outboxStore, glueService, clock);
        EventParser parser = new EventParser();
        priming = new Priming(definitions, parser, () -> {
            clients.glue();
            clients.eventBridge();
            // The STS client only: a role's credentials and clients are built on first use, after a restore
            if (!glueAccessRoles.isEmpty()) {
                clients.sts();
            }
        }).register();
        // One PutEvents per delivery for the events its handling publishes (a firing event has two)
        dispatcher = new EventDispatcher(parser, event -> outbox.batching(() -> orchestrator.handle(event)));
        reconcileDispatcher = new EventDispatcher(parser, event -> outbox.batching(reconciler::reconcile));
        operations = new WorkflowOperations(definitions, store, orchestrator.lifecycle(), glueService, clock);
        partitionOperations = new PartitionOperations(definitions, store, orchestrator.lifecycle(), clock);
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
