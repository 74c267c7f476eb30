package dev.glueorch.cli.simulate;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.ManualClock;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.Reconciler;
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
import java.util.Random;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the orchestrator's real event dispatcher, engine, reconciler and DynamoDB store (DynamoDB Local, in this
 * JVM) on a virtual clock against a simulated Glue. Ticks are delivered at every schedule slot in
 * {@code [from, to)} and, while actions wait for Glue capacity, every minute (minutes with neither would do
 * nothing in a deployment); the reconciler runs every {@value #RECONCILE_MINUTES} minutes. Deliveries go through
 * the scenario's faults, and a delivery whose handler fails is retried twice, a minute and two minutes later, as
 * Lambda retries asynchronous invocations. The simulation ends when every started run has finished.
 */
public final class Simulation {

    /** The reconciler's default schedule in the stack. */
    static final int RECONCILE_MINUTES = 5;
    /** How long after {@code to} the simulation may run before it is declared stuck. */
    static final Duration SETTLE_LIMIT = Duration.ofDays(7);
    private static final int LAMBDA_ASYNC_ATTEMPTS = 3;
    private static final String TABLE = "glue-orchestrator-simulation";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Definitions definitions;
    private final Scenario scenario;
    private final ManualClock clock;
    private final EventQueue queue = new EventQueue();
    private final Random random;
    private final List<OrchestratorEvent.Notification> notifications = new ArrayList<>();
    private final Map<String, String> partitions = new HashMap<>();
    private EventDispatcher dispatcher;
    private int deadLettered;
    private int failedInvocations;

    public Simulation(Definitions definitions, Scenario scenario) {
        this.definitions = definitions;
        this.scenario = scenario;
        this.clock = new ManualClock(scenario.from().minus(Duration.ofMinutes(1)));
        this.random = new Random(scenario.faults().seed());
    }

    /** Runs the scenario to its end and returns every workflow run, oldest first, and what Glue really did. */
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
        DynamoDbDefinitionsSource source = new DynamoDbDefinitionsSource(dynamoDb, TABLE, clock, Duration.ofDays(1));
        source.publish(definitions);
        DynamoDbWorkflowRunStore store = new DynamoDbWorkflowRunStore(dynamoDb, TABLE,
                Duration.ofDays(TableDesign.DEFAULT_HISTORY_DAYS));
        EventPublisher bus = event -> {
            if (event instanceof OrchestratorEvent.WorkflowRunStarted started) {
                partitions.put(started.workflowRunId(), started.partition());
            } else if (event instanceof OrchestratorEvent.Notification notification) {
                notifications.add(notification);
            }
        };
        SimulatedGlue glue = new SimulatedGlue(scenario, clock, queue, this::deliver,
                actionId -> actionId == null ? null : partitions.get(actionId.substring(0, actionId.indexOf(':'))),
                random);
        Orchestrator orchestrator = new Orchestrator(source, store, glue, bus, OrchestratorMetrics.NONE, clock,
                new RetryPolicy(3, Duration.ZERO, Duration.ZERO, d -> { }));
        Reconciler reconciler = new Reconciler(orchestrator, source, store, glue, bus, clock);
        dispatcher = new EventDispatcher(new EventParser(), orchestrator);

        // the orchestrator is deployed and ticking before 'from', so the first slot is not a first tick's
        Instant deployed = scenario.from().minus(Duration.ofMinutes(1));
        queue.at(deployed, () -> dispatch(GlueEventJson.scheduledEvent(deployed), 1));
        for (Instant slot : slots()) {
            queue.at(slot, () -> deliver(GlueEventJson.scheduledEvent(slot)));
        }
        scheduleReconcile(scenario.from().plus(Duration.ofMinutes(RECONCILE_MINUTES)), reconciler, store);
        boolean[] retryScheduled = {false};
        Instant limit = scenario.to().plus(SETTLE_LIMIT);
        while (!queue.isEmpty()) {
            if (queue.nextTime().isAfter(limit)) {
                throw new IllegalStateException("the simulation did not settle within " + SETTLE_LIMIT.toDays()
                        + " days after 'to': runs are still active");
            }
            queue.runNext(clock);
            if (!retryScheduled[0] && !store.waitingActions(1).isEmpty()) {
                retryScheduled[0] = true;
                Instant retry = clock.instant().plus(Duration.ofMinutes(1));
                queue.at(retry, () -> {
                    retryScheduled[0] = false;
                    if (retry.isBefore(scenario.to())) {
                        deliver(GlueEventJson.scheduledEvent(retry));
                    } else {
                        // past 'to' no schedule slot may start a run: only what waits is retried, as a tick would
                        invoke(orchestrator::retryWaitingActions);
                    }
                });
            }
        }
        List<WorkflowRun> runs = new ArrayList<>();
        for (String workflow : definitions.workflows().keySet()) {
            runs.addAll(store.runs(workflow));
        }
        runs.sort(Comparator.comparing(WorkflowRun::startedOn).thenComparing(WorkflowRun::workflowName));
        notifications.sort(Comparator.comparing(OrchestratorEvent.Notification::time));
        return new SimulationResult(runs, notifications, glue.jobRuns(), glue.crawls(), failedInvocations,
                deadLettered);
    }

    /** The reconciler every few minutes, until `to` has passed and no run is active any more. */
    private void scheduleReconcile(Instant at, Reconciler reconciler, DynamoDbWorkflowRunStore store) {
        queue.at(at, () -> {
            // past 'to' no schedule slot may start a run
            invoke(at.isBefore(scenario.to()) ? reconciler::reconcile : reconciler::reconcileExceptSchedules);
            if (at.isBefore(scenario.to()) || !store.activeRuns().isEmpty()) {
                scheduleReconcile(at.plus(Duration.ofMinutes(RECONCILE_MINUTES)), reconciler, store);
            }
        });
    }

    /** Every slot of every SCHEDULED trigger in {@code [from, to)}. */
    private List<Instant> slots() {
        TreeSet<Instant> slots = new TreeSet<>();
        for (Trigger.Scheduled trigger : definitions.scheduledTriggers()) {
            slots.addAll(trigger.schedule().slotsBetween(scenario.from().minusNanos(1), scenario.to().minusNanos(1)));
        }
        return new ArrayList<>(slots);
    }

    /** Hands an event to EventBridge: with the scenario's faults it may be dropped, doubled, reordered or late. */
    private void deliver(ObjectNode event) {
        Scenario.Faults faults = scenario.faults();
        if (!faults.any()) {
            dispatch(event, 1);
            return;
        }
        if (random.nextDouble() < faults.dropEvents()) {
            return;
        }
        int copies = random.nextDouble() < faults.duplicateEvents() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            Duration late = Duration.ZERO;
            if (faults.delayEventsMinutes() > 0) {
                late = late.plusSeconds(random.nextInt(faults.delayEventsMinutes() * 60 + 1));
            }
            if (faults.shuffleEvents()) {
                late = late.plusSeconds(random.nextInt(60));
            }
            queue.at(clock.instant().plus(late), () -> dispatch(event, 1));
        }
    }

    /** A scheduled invocation; one that dies is not retried: the next one comes on schedule. */
    private void invoke(Runnable invocation) {
        try {
            invocation.run();
        } catch (SimulatedGlue.Crash crash) {
            failedInvocations++;
        }
    }

    /** Invokes the handler; a failed invocation is retried as Lambda retries asynchronous ones. */
    private void dispatch(ObjectNode event, int attempt) {
        try {
            dispatcher.dispatch(new ByteArrayInputStream(JSON.writeValueAsBytes(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("simulated event is not serializable", e);
        } catch (RuntimeException failure) {
            failedInvocations++;
            if (attempt < LAMBDA_ASYNC_ATTEMPTS) {
                queue.at(clock.instant().plus(Duration.ofMinutes(attempt)), () -> dispatch(event, attempt + 1));
            } else {
                deadLettered++;
            }
        }
    }
}
