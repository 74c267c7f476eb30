package dev.glueorch.cli.ops;

import dev.glueorch.bus.EventBridgePublisher;
import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.PartitionOperations;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.WorkflowOperations;
import dev.glueorch.glue.SdkGlueService;
import dev.glueorch.model.Definitions;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.store.TableDesign;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * Builds, once per command, the clients and the engine an operator command works with: the deployed stack's
 * definitions and runs in its table, this account's Glue (others' through the actions' roles), and its bus.
 */
public final class OperationsFactory implements AutoCloseable {

    private final AwsClients clients;
    private final Target target;
    private final Clock clock;
    private final DynamoDbDefinitionsSource definitions;
    private final WorkflowOperations operations;
    private final PartitionOperations partitionOperations;

    private OperationsFactory(AwsClients clients, Target target, Clock clock) {
        this.clients = clients;
        this.target = target;
        this.clock = clock;
        // Refresh ZERO: an operator reads the current version and trigger states, never a cached one
        definitions = new DynamoDbDefinitionsSource(clients.dynamoDb(), target.tableName(), clock, Duration.ZERO);
        DynamoDbWorkflowRunStore store = new DynamoDbWorkflowRunStore(clients.dynamoDb(), target.tableName(),
                Duration.ofDays(TableDesign.DEFAULT_HISTORY_DAYS));
        SdkGlueService glue = new SdkGlueService(clients);
        // Without a bus the events stay in the outbox: the deployed reconciler sends them within minutes
        EventPublisher publisher = target.eventBus().isBlank() ? events -> Set.of()
                : new EventBridgePublisher(clients::eventBridge, target.eventBus(), null);
        Outbox outbox = new Outbox(publisher, new DynamoDbOutbox(clients.dynamoDb(), target.tableName(),
                Duration.ofDays(TableDesign.DEFAULT_HISTORY_DAYS)));
        Orchestrator orchestrator = new Orchestrator(definitions, store, glue, outbox, OrchestratorMetrics.NONE,
                clock, RetryPolicy.DEFAULT);
        operations = new WorkflowOperations(definitions, store, orchestrator.lifecycle(), glue, clock);
        partitionOperations = new PartitionOperations(definitions, store, orchestrator.lifecycle(), clock);
    }

    /**
     * The clients, and the engine on the table (and bus) {@code options} name, read from the stack's outputs when
     * they name a stack.
     */
    static OperationsFactory create(ConnectionOptions options, CommandLine commandLine, Region region, Clock clock) {
        AwsClients clients = AwsClients.create(region, options.endpoints());
        try {
            Target target = options.target(commandLine,
                    () -> clients.build(CloudFormationClient.builder(), "CLOUDFORMATION"), region);
            return new OperationsFactory(clients, target, clock);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /** The table (and bus) the command works on. */
    Target target() {
        return target;
    }

    public WorkflowOperations operations() {
        return operations;
    }

    /** The partitions' operations (their grid, backfill, repair), on the same table and engine. */
    public PartitionOperations partitionOperations() {
        return partitionOperations;
    }

    /** The time the operation works with: the real one, or the local orchestrator's (GLUEORCH_CLOCK). */
    public Clock clock() {
        return clock;
    }

    /**
     * Publishes {@code validated} to the table as the stack's definitions deployment does: a new immutable version,
     * then the current pointer (trigger states kept).
     */
    public void publish(Definitions validated) {
        definitions.publish(validated);
    }

    /** The definitions version a run started with, to draw its graph as it ran. */
    public Definitions definitionsVersion(String version) {
        return definitions.version(version);
    }

    @Override
    public void close() {
        clients.close();
    }
}
