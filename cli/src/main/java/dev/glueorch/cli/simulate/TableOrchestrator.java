package dev.glueorch.cli.simulate;

import dev.glueorch.engine.AccountTrust;
import dev.glueorch.engine.DefinitionsSource;
import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.Reconciler;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.handler.EventDispatcher;
import dev.glueorch.handler.EventParser;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.store.TableDesign;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The orchestrator's real handlers on one table, wired as the stack's functions wire them, except that the tick
 * starts its due slots itself (no start queue) and a refused start is retried without waiting (the caller's clock is
 * virtual or runs fast): what the simulator and the local orchestrator ({@code glueorch local}) both run.
 */
public record TableOrchestrator(DynamoDbWorkflowRunStore store, DynamoDbOutbox outboxStore, Orchestrator orchestrator,
                                Reconciler reconciler, EventDispatcher dispatcher) {

    /** Attempts at a start Glue refuses with "not now" before the action waits for the next tick. */
    private static final int START_ATTEMPTS = 3;

    /** The runs of {@code table}, kept as long as the stack keeps them. */
    public static DynamoDbWorkflowRunStore runStore(DynamoDbClient dynamoDb, String table) {
        return new DynamoDbWorkflowRunStore(dynamoDb, table, Duration.ofDays(TableDesign.DEFAULT_HISTORY_DAYS));
    }

    /**
     * @param store   {@link #runStore} of the same table (built first: a simulated Glue may look into it)
     * @param bus     where the outbox sends the orchestrator's events (EventBridge's PutEvents)
     * @param metrics what the functions would report as metrics
     */
    public static TableOrchestrator wire(DynamoDbClient dynamoDb, String table, DefinitionsSource definitions,
                                         DynamoDbWorkflowRunStore store, GlueService glue, EventPublisher bus,
                                         OrchestratorMetrics metrics, Clock clock, AccountTrust trust) {
        DynamoDbOutbox outboxStore = new DynamoDbOutbox(dynamoDb, table,
                Duration.ofDays(TableDesign.DEFAULT_HISTORY_DAYS));
        Orchestrator orchestrator = new Orchestrator(definitions, store, glue, new Outbox(bus, outboxStore), metrics,
                clock, new RetryPolicy(START_ATTEMPTS, Duration.ZERO, Duration.ZERO, d -> { }), trust);
        Reconciler reconciler = new Reconciler(orchestrator, definitions, store, outboxStore, glue, clock);
        return new TableOrchestrator(store, outboxStore, orchestrator, reconciler,
                new EventDispatcher(new EventParser(), orchestrator));
    }
}
