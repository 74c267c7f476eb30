package dev.glueorch.cli.simulate;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.PartitionOperations;
import dev.glueorch.engine.Partitions;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.WorkflowOperations;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.store.TableCreator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The simulated week of {@code workflows/examples/hourly/week.scenario.json} over the example {@code sales-hourly}:
 * failed and timed-out partitions, a trigger deactivated for six hours, an outage past the catch-up limit, runs still
 * running and queued when the week ends. It runs once per JVM (about 20 seconds on two cores), on its own DynamoDB
 * Local kept for the JVM's life, so that tests after it (the report, partition repair) read the same week.
 *
 * <p>It keeps what the simulation gave, the partitions' grid as an operator saw it when the week ended ({@code to},
 * before anything else then), and the table the simulation left, which tests only read: one that changes the week
 * (a repair) works on a {@link #copy} of it.
 */
public final class SimulatedWeek {

    public static final String WORKFLOW = "sales-hourly";
    public static final Path FOLDER = Path.of("..").toAbsolutePath().normalize().resolve("workflows/examples/hourly");
    public static final Path SCENARIO = FOLDER.resolve("week.scenario.json");
    /** The file's path as the definitions name it. */
    private static final String SOURCE = "workflows/examples/hourly/sales-hourly.json";

    /** DynamoDB's most items in one BatchWriteItem. */
    private static final int BATCH_WRITE_ITEMS = 25;

    private static SimulatedWeek asShipped;

    private final Definitions definitions;
    private final Scenario scenario;
    private final SimulationResult result;
    private final PartitionGrid gridAtEnd;
    private final DynamoDbClient dynamoDb;
    private final Duration took;

    private SimulatedWeek(String workflowJson) {
        // from the file's text, as the CLI loads it, under the path the definitions name it by
        definitions = new DefinitionValidator().validateAll(Map.of(SOURCE, workflowJson));
        scenario = new ScenarioReader().read(SCENARIO, definitions);
        dynamoDb = DynamoDBEmbedded.create(true).dynamoDbClient();
        AtomicReference<PartitionGrid> grid = new AtomicReference<>();
        long started = System.nanoTime();
        result = new Simulation(definitions, scenario)
                .observeAt(scenario.to(), (account, operations) -> grid.set(operations.partitions(WORKFLOW,
                        firstPartition(), lastPartition())))
                .run(dynamoDb);
        took = Duration.ofNanos(System.nanoTime() - started);
        gridAtEnd = grid.get();
    }

    /** The week over {@code sales-hourly} as shipped: the slots its DEACTIVATED trigger lets pass are not notified. */
    public static synchronized SimulatedWeek asShipped() {
        if (asShipped == null) {
            asShipped = new SimulatedWeek(shippedWorkflow());
        }
        return asShipped;
    }

    private static String shippedWorkflow() {
        try {
            return Files.readString(FOLDER.resolve(WORKFLOW + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Definitions definitions() {
        return definitions;
    }

    public WorkflowDefinition workflow() {
        return definitions.workflow(WORKFLOW).orElseThrow();
    }

    public Scenario scenario() {
        return scenario;
    }

    public SimulationResult result() {
        return result;
    }

    /** How long the simulation took, wall time. */
    public Duration took() {
        return took;
    }

    /** The partitions of the week's slots, {@code [from, to)}: the first... */
    public String firstPartition() {
        return Partitions.forSlot(workflow().workflow(), scenario.from()).id();
    }

    /** ...and the last, the one of the slot an hour before {@code to}. */
    public String lastPartition() {
        return Partitions.forSlot(workflow().workflow(), scenario.to().minus(Duration.ofHours(1))).id();
    }

    /** The grid of the week's partitions as {@code glueorch partitions} showed it when the week ended. */
    public PartitionGrid gridAtEnd() {
        return gridAtEnd;
    }

    /** The DynamoDB holding the table the simulation left (every run finished, every event sent). */
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    /** The orchestrator's table in {@link #dynamoDb()}. */
    public String table() {
        return Simulation.tableName(GlueEventJson.ACCOUNT);
    }

    /**
     * The partition operations {@code glueorch} runs, on the table the week left, with {@code glue} and
     * {@code clock}: to read the week as it was left, or plan on it; what changes it (a repair, say) goes to a
     * {@link #copy}. Events they publish stay in the table's outbox.
     */
    public PartitionOperations partitionOperations(GlueService glue, Clock clock) {
        return on(table(), glue, clock).partitionOperations();
    }

    /**
     * A copy of the table the week left, named {@code table()-name}, with the orchestrator and the operations over it
     * (with {@code glue} and {@code clock}): for a test that changes the week, a repair say. The week is shared by the
     * JVM's tests, and those reading its table expect it as the week left it, whatever ran before them; a copy costs
     * under a second, a second week the week's twenty or more. Each name can be copied to once per JVM.
     */
    public Table copy(String name, GlueService glue, Clock clock) {
        String copy = table() + "-" + name;
        TableCreator.create(dynamoDb, copy);
        for (ScanResponse page : dynamoDb.scanPaginator(b -> b.tableName(table()).consistentRead(true))) {
            for (int i = 0; i < page.items().size(); i += BATCH_WRITE_ITEMS) {
                List<WriteRequest> writes = page.items().subList(i, Math.min(i + BATCH_WRITE_ITEMS,
                        page.items().size())).stream().map(item -> WriteRequest.builder()
                        .putRequest(put -> put.item(item)).build()).toList();
                Map<String, List<WriteRequest>> unprocessed = Map.of(copy, writes);
                while (!unprocessed.isEmpty()) {
                    Map<String, List<WriteRequest>> batch = unprocessed;
                    unprocessed = dynamoDb.batchWriteItem(b -> b.requestItems(batch)).unprocessedItems();
                }
            }
        }
        return on(copy, glue, clock);
    }

    /** What drives a table of the week's DynamoDB: the orchestrator (Glue's events) and the operations. */
    public record Table(String name, Orchestrator orchestrator, WorkflowOperations operations,
                        PartitionOperations partitionOperations) {
    }

    private Table on(String table, GlueService glue, Clock clock) {
        DynamoDbDefinitionsSource source = new DynamoDbDefinitionsSource(dynamoDb, table, clock, Duration.ZERO);
        DynamoDbWorkflowRunStore store = TableOrchestrator.runStore(dynamoDb, table);
        Outbox outbox = new Outbox(events -> Set.of(), new DynamoDbOutbox(dynamoDb, table, Duration.ofDays(90)));
        Orchestrator orchestrator = new Orchestrator(source, store, glue, outbox, OrchestratorMetrics.NONE, clock,
                RetryPolicy.NONE);
        return new Table(table, orchestrator, new WorkflowOperations(source, store, orchestrator.lifecycle(), glue,
                clock), new PartitionOperations(source, store, orchestrator.lifecycle(), clock));
    }

    /** When the week ends, {@code to}. */
    public Instant end() {
        return scenario.to();
    }
}
