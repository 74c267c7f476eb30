package dev.glueorch.cli.simulate;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.ManualClock;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.handler.EventDispatcher;
import dev.glueorch.handler.EventParser;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.Trigger;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.store.TableCreator;
import dev.glueorch.store.TableDesign;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the orchestrator's real handlers, engine and DynamoDB store (DynamoDB Local, in this JVM) on a virtual clock
 * against a simulated Glue. Ticks are delivered at every schedule slot in {@code [from, to)} and, while actions
 * wait for Glue capacity, every minute (minutes with neither would do nothing in a deployment). The simulation
 * then goes on until every started run has finished.
 */
public final class Simulation {

    /** How long after {@code to} the simulation may run before it is declared stuck. */
    static final Duration SETTLE_LIMIT = Duration.ofDays(7);
    private static final String TABLE = "glue-orchestrator-simulation";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Definitions definitions;
    private final Scenario scenario;

    public Simulation(Definitions definitions, Scenario scenario) {
        this.definitions = definitions;
        this.scenario = scenario;
    }

    /** Runs the scenario to its end and returns every workflow run, oldest first. */
    public SimulationResult run() {
        AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
        try (DynamoDbClient dynamoDb = local.dynamoDbClient()) {
            return run(dynamoDb);
        } finally {
            local.shutdown();
        }
    }

    private SimulationResult run(DynamoDbClient dynamoDb) {
        TableCreator.create(dynamoDb, TABLE);
        ManualClock clock = new ManualClock(scenario.from());
        EventQueue queue = new EventQueue();
        DynamoDbDefinitionsSource source = new DynamoDbDefinitionsSource(dynamoDb, TABLE, clock, Duration.ofDays(1));
        source.publish(definitions);
        DynamoDbWorkflowRunStore store = new DynamoDbWorkflowRunStore(dynamoDb, TABLE,
                Duration.ofDays(TableDesign.DEFAULT_HISTORY_DAYS));
        Map<String, String> partitions = new HashMap<>();
        EventPublisher bus = event -> {
            if (event instanceof OrchestratorEvent.WorkflowRunStarted started) {
                partitions.put(started.workflowRunId(), started.partition());
            }
        };
        EventDispatcher[] dispatcher = new EventDispatcher[1];
        SimulatedGlue glue = new SimulatedGlue(scenario, clock, queue, event -> deliver(dispatcher[0], event),
                actionId -> actionId == null ? null : partitions.get(actionId.substring(0, actionId.indexOf(':'))));
        Orchestrator orchestrator = new Orchestrator(source, store, glue, bus, OrchestratorMetrics.NONE, clock,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, d -> { }));
        dispatcher[0] = new EventDispatcher(new EventParser(), orchestrator);

        for (Instant slot : slots()) {
            queue.at(slot, () -> deliver(dispatcher[0], GlueEventJson.scheduledEvent(slot)));
        }
        boolean[] retryScheduled = {false};
        Instant limit = scenario.to().plus(SETTLE_LIMIT);
        while (!queue.isEmpty()) {
            if (queue.nextTime().isAfter(limit)) {
                throw new IllegalStateException("the simulation did not settle within " + SETTLE_LIMIT.toDays()
                        + " days after 'to': actions still wait for Glue capacity that never frees");
            }
            queue.runNext(clock);
            if (!retryScheduled[0] && !store.waitingActions(1).isEmpty()) {
                retryScheduled[0] = true;
                Instant retry = clock.instant().plus(Duration.ofMinutes(1));
                queue.at(retry, () -> {
                    retryScheduled[0] = false;
                    if (retry.isBefore(scenario.to())) {
                        deliver(dispatcher[0], GlueEventJson.scheduledEvent(retry));
                    } else {
                        // past 'to' no schedule slot may start a run: only what waits is retried, as a tick would
                        orchestrator.retryWaitingActions();
                    }
                });
            }
        }
        List<WorkflowRun> runs = new ArrayList<>();
        for (String workflow : definitions.workflows().keySet()) {
            runs.addAll(store.runs(workflow));
        }
        runs.sort(Comparator.comparing(WorkflowRun::startedOn).thenComparing(WorkflowRun::workflowName));
        return new SimulationResult(runs);
    }

    /** Every slot of every SCHEDULED trigger in {@code [from, to)}. */
    private List<Instant> slots() {
        TreeSet<Instant> slots = new TreeSet<>();
        for (Trigger.Scheduled trigger : definitions.scheduledTriggers()) {
            slots.addAll(trigger.schedule().slotsBetween(scenario.from().minusNanos(1), scenario.to().minusNanos(1)));
        }
        return new ArrayList<>(slots);
    }

    private static void deliver(EventDispatcher dispatcher, ObjectNode event) {
        try {
            dispatcher.dispatch(new ByteArrayInputStream(JSON.writeValueAsBytes(event)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("simulated event is not serializable", e);
        }
    }
}
