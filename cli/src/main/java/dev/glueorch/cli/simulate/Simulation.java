package dev.glueorch.cli.simulate;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.engine.AccountTrust;
import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.ManualClock;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.Reconciler;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.handler.EventDispatcher;
import dev.glueorch.handler.EventParser;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.Trigger;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.store.TableCreator;
import dev.glueorch.store.TableDesign;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the orchestrator's real event dispatcher, engine, reconciler and DynamoDB store (DynamoDB Local, in this
 * JVM) on a virtual clock against a simulated Glue, for one account or several. Ticks are delivered at every
 * schedule slot in {@code [from, to)} and, while actions wait for Glue capacity, every minute (minutes with
 * neither would do nothing in a deployment); the reconciler runs every {@value #RECONCILE_MINUTES} minutes.
 * Deliveries go through the scenario's faults, and a delivery whose handler fails is retried twice, a minute and two
 * minutes later, as Lambda retries asynchronous invocations. With several accounts, each orchestrator's "Action
 * Completed" events reach the others' buses and every account's Glue events reach every orchestrator, which keep
 * what they trust: the chain across accounts of a deployment. The simulation ends when every started run finished.
 */
public final class Simulation {

    /** The reconciler's default schedule in the stack. */
    static final int RECONCILE_MINUTES = 5;
    /** How long after {@code to} the simulation may run before it is declared stuck. */
    static final Duration SETTLE_LIMIT = Duration.ofDays(7);
    private static final int LAMBDA_ASYNC_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Definitions> definitions;
    private final Scenario scenario;
    private final ManualClock clock;
    private final EventQueue queue = new EventQueue();
    private final Random random;
    private final List<OrchestratorEvent.Notification> notifications = new ArrayList<>();
    private final Map<String, String> partitions = new HashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    /**
     * Accounts that may have actions waiting for Glue capacity: Glue refused one of their starts (the only way an
     * action comes to wait) or a retry just ran. Only these are asked (a query) whether a retry tick is due.
     */
    private final Set<String> mayHaveWaiting = new HashSet<>();
    private int deadLettered;
    private int failedInvocations;

    /** One simulated account: its orchestrator, with its own table, and its Glue. */
    private record Account(String id, Definitions definitions, DynamoDbWorkflowRunStore store,
                           Orchestrator orchestrator, Reconciler reconciler, EventDispatcher dispatcher,
                           SimulatedGlue glue) {
    }

    /** A single account's workflows. */
    public Simulation(Definitions definitions, Scenario scenario) {
        this(Map.of(GlueEventJson.ACCOUNT, definitions), scenario);
    }

    /** Several accounts' workflows, by 12-digit account id; each account trusts the others. */
    public Simulation(Map<String, Definitions> definitionsByAccount, Scenario scenario) {
        this.definitions = new LinkedHashMap<>(definitionsByAccount);
        this.scenario = scenario;
        this.clock = new ManualClock(scenario.from().minus(Duration.ofMinutes(1)));
        this.random = new Random(scenario.faults().seed());
    }

    /** Runs the scenario to its end and returns every workflow run, oldest first, and what Glue really did. */
    public SimulationResult run() {
        return runObserved(UnaryOperator.identity());
    }

    /**
     * {@link #run()}, with the store's DynamoDB client as {@code observe} returns it (wrapped, say, to record the
     * requests: the benchmark replays them as the simulation's floor).
     */
    public SimulationResult runObserved(UnaryOperator<DynamoDbClient> observe) {
        AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
        try (DynamoDbClient dynamoDb = observe.apply(local.dynamoDbClient())) {
            return run(dynamoDb);
        } finally {
            local.shutdown();
        }
    }

    private SimulationResult run(DynamoDbClient dynamoDb) {
        for (Map.Entry<String, Definitions> entry : definitions.entrySet()) {
            accounts.put(entry.getKey(), account(dynamoDb, entry.getKey(), entry.getValue()));
        }
        for (Account account : accounts.values()) {
            // each orchestrator is deployed and ticking before 'from', so the first slot is not a first tick's
            Instant deployed = scenario.from().minus(Duration.ofMinutes(1));
            queue.at(deployed, () -> dispatch(account, GlueEventJson.scheduledEvent(account.id(), deployed), 1));
            for (Instant slot : slots(account.definitions())) {
                queue.at(slot, () -> deliver(account, GlueEventJson.scheduledEvent(account.id(), slot)));
            }
            scheduleReconcile(account, scenario.from().plus(Duration.ofMinutes(RECONCILE_MINUTES)));
        }
        Set<String> retryScheduled = new HashSet<>();
        Instant limit = scenario.to().plus(SETTLE_LIMIT);
        while (!queue.isEmpty()) {
            if (queue.nextTime().isAfter(limit)) {
                throw new IllegalStateException("the simulation did not settle within " + SETTLE_LIMIT.toDays()
                        + " days after 'to': runs are still active");
            }
            queue.runNext(clock);
            for (Account account : accounts.values()) {
                if (!retryScheduled.contains(account.id()) && mayHaveWaiting.remove(account.id())
                        && !account.store().waitingActions(1).isEmpty()) {
                    retryScheduled.add(account.id());
                    Instant retry = clock.instant().plus(Duration.ofMinutes(1));
                    queue.at(retry, () -> {
                        retryScheduled.remove(account.id());
                        mayHaveWaiting.add(account.id());
                        if (retry.isBefore(scenario.to())) {
                            deliver(account, GlueEventJson.scheduledEvent(account.id(), retry));
                        } else {
                            // past 'to' no slot may start a run: only what waits is retried, as a tick would
                            invoke(account.orchestrator().lifecycle()::retryWaitingActions);
                        }
                    });
                }
            }
        }
        List<WorkflowRun> runs = new ArrayList<>();
        List<SimulatedGlue.JobRunRecord> jobRuns = new ArrayList<>();
        List<SimulatedGlue.CrawlRecord> crawls = new ArrayList<>();
        for (Account account : accounts.values()) {
            for (String workflow : account.definitions().workflows().keySet()) {
                runs.addAll(account.store().runs(workflow));
            }
            jobRuns.addAll(account.glue().jobRuns());
            crawls.addAll(account.glue().crawls());
        }
        runs.sort(Comparator.comparing(WorkflowRun::startedOn).thenComparing(WorkflowRun::workflowName));
        jobRuns.sort(Comparator.comparing(SimulatedGlue.JobRunRecord::startedOn));
        notifications.sort(Comparator.comparing(OrchestratorEvent.Notification::time));
        return new SimulationResult(runs, notifications, jobRuns, crawls, failedInvocations, deadLettered);
    }

    private Account account(DynamoDbClient dynamoDb, String id, Definitions accountDefinitions) {
        String table = "glue-orchestrator-" + id;
        TableCreator.create(dynamoDb, table);
        DynamoDbDefinitionsSource source = new DynamoDbDefinitionsSource(dynamoDb, table, clock, Duration.ofDays(1));
        source.publish(accountDefinitions);
        DynamoDbWorkflowRunStore store = new DynamoDbWorkflowRunStore(dynamoDb, table,
                Duration.ofDays(TableDesign.DEFAULT_HISTORY_DAYS));
        EventPublisher bus = events -> {
            events.forEach(event -> published(id, event));
            return events.stream().map(OrchestratorEvent::eventId).collect(Collectors.toSet());
        };
        DynamoDbOutbox outboxStore = new DynamoDbOutbox(dynamoDb, table,
                Duration.ofDays(TableDesign.DEFAULT_HISTORY_DAYS));
        SimulatedGlue glue = new SimulatedGlue(id, other -> accounts.containsKey(other)
                ? accounts.get(other).glue() : null, scenario, clock, queue, this::glueEvent,
                actionId -> actionId == null ? null : partitions.get(actionId.substring(0, actionId.indexOf(':'))),
                random);
        Set<String> others = new HashSet<>(definitions.keySet());
        others.remove(id);
        AccountTrust trust = definitions.size() == 1 ? AccountTrust.SINGLE_ACCOUNT : new AccountTrust(id, others);
        OrchestratorMetrics refusals = new OrchestratorMetrics() {
            @Override
            public void actionStartFailed(String workflowName, String errorCode) {
                mayHaveWaiting.add(id);
            }
        };
        Orchestrator orchestrator = new Orchestrator(source, store, glue, new Outbox(bus, outboxStore), refusals,
                clock, new RetryPolicy(3, Duration.ZERO, Duration.ZERO, d -> { }), trust);
        Reconciler reconciler = new Reconciler(orchestrator, source, store, outboxStore, glue, clock);
        return new Account(id, accountDefinitions, store, orchestrator, reconciler,
                new EventDispatcher(new EventParser(), orchestrator), glue);
    }

    /** What an orchestrator publishes: kept for the result, and sent on to the other accounts' orchestrators. */
    private void published(String account, OrchestratorEvent event) {
        if (event instanceof OrchestratorEvent.WorkflowRunStarted started) {
            partitions.put(started.workflowRunId(), started.partition());
        } else if (event instanceof OrchestratorEvent.Notification notification) {
            notifications.add(notification);
        } else if (event instanceof OrchestratorEvent.ActionCompleted && accounts.size() > 1) {
            ObjectNode json = GlueEventJson.orchestratorEvent(account, event);
            for (Account other : accounts.values()) {
                if (!other.id().equals(account)) {
                    deliver(other, json);
                }
            }
        }
    }

    /** Glue's events reach every orchestrator; each acts only on the job runs it started. */
    private void glueEvent(ObjectNode event) {
        for (Account account : accounts.values()) {
            deliver(account, event);
        }
    }

    /** The reconciler every few minutes, until `to` has passed and no run is active any more. */
    private void scheduleReconcile(Account account, Instant at) {
        queue.at(at, () -> {
            // past 'to' no schedule slot may start a run
            invoke(at.isBefore(scenario.to()) ? account.reconciler()::reconcile
                    : account.reconciler()::reconcileExceptSchedules);
            // a run left open only for another account's completion that never comes does not keep it going
            if (at.isBefore(scenario.to()) || account.store().activeRuns().stream()
                    .anyMatch(run -> !run.statistics().isIdle())) {
                scheduleReconcile(account, at.plus(Duration.ofMinutes(RECONCILE_MINUTES)));
            }
        });
    }

    /** Every slot of every SCHEDULED trigger in {@code [from, to)}. */
    private List<Instant> slots(Definitions accountDefinitions) {
        TreeSet<Instant> slots = new TreeSet<>();
        for (Trigger.Scheduled trigger : accountDefinitions.scheduledTriggers()) {
            slots.addAll(trigger.schedule().slotsBetween(scenario.from().minusNanos(1), scenario.to().minusNanos(1)));
        }
        return new ArrayList<>(slots);
    }

    /** Hands an event to EventBridge: with the scenario's faults it may be dropped, doubled, reordered or late. */
    private void deliver(Account account, ObjectNode event) {
        Scenario.Faults faults = scenario.faults();
        if (!faults.any()) {
            dispatch(account, event, 1);
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
            queue.at(clock.instant().plus(late), () -> dispatch(account, event, 1));
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
    private void dispatch(Account account, ObjectNode event, int attempt) {
        try {
            account.dispatcher().dispatch(new ByteArrayInputStream(JSON.writeValueAsBytes(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("simulated event is not serializable", e);
        } catch (RuntimeException | SimulatedGlue.Crash failure) {
            failedInvocations++;
            if (attempt < LAMBDA_ASYNC_ATTEMPTS) {
                queue.at(clock.instant().plus(Duration.ofMinutes(attempt)),
                        () -> dispatch(account, event, attempt + 1));
            } else {
                deadLettered++;
            }
        }
    }
}
