package dev.glueorch.cli.simulate;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.contract.EventTriggerInput;
import dev.glueorch.engine.AccountTrust;
import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.ManualClock;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.PartitionOperations;
import dev.glueorch.engine.Reconciler;
import dev.glueorch.engine.ScheduleCursor;
import dev.glueorch.engine.TriggerState;
import dev.glueorch.engine.WorkflowOperations;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.handler.EventDispatcher;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.Trigger;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.store.TableCreator;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the orchestrator's real event dispatcher, engine, reconciler and DynamoDB store (DynamoDB Local, in this
 * JVM) on a virtual clock against a simulated Glue, for one account or several. Ticks are delivered at every
 * schedule slot in {@code [from, to)} and, while actions wait for Glue capacity or an EVENT trigger's batch is open,
 * every minute (minutes with none of these would do nothing in a deployment); past {@code to} a tick starts no slot.
 * The reconciler runs every {@value #RECONCILE_MINUTES} minutes. During the scenario's outages neither runs, and a
 * tick runs when one ends; its deactivations go through the operations that {@code glueorch triggers deactivate} and
 * {@code activate} call. The scenario's events reach, at their time, every EVENT trigger whose rule matches them,
 * wrapped as the rule's input transformer wraps them.
 * Deliveries go through the scenario's faults, and a delivery whose handler fails is retried twice, a minute and two
 * minutes later, as Lambda retries asynchronous invocations. With several accounts, each orchestrator's "Action
 * Completed" events reach the others' buses and every account's Glue events reach every orchestrator, which keep
 * what they trust: the chain across accounts of a deployment. The simulation ends when every started run finished,
 * every batch of events closed and every account's outbox is empty (EventBridge accepted everything the
 * orchestrators published).
 */
public final class Simulation {

    /** The reconciler's default schedule in the stack. */
    static final int RECONCILE_MINUTES = 5;
    /** How long after {@code to} the simulation may run before it is declared stuck. */
    static final Duration SETTLE_LIMIT = Duration.ofDays(7);
    private static final int LAMBDA_ASYNC_ATTEMPTS = 3;
    /** How many waiting actions are looked through to tell whether a start retries one. */
    private static final int WAITING_LISTED = 100;
    private static final int MAX_FAILURES_KEPT = 5;
    /** How many items with pending events are counted at the end (any is one too many). */
    private static final int PENDING_COUNTED = 1000;
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
    /**
     * Accounts that may have an open (or closed, not yet started) batch of events: an EVENT trigger's event was just
     * delivered or a tick just ran. Only these are asked (two queries) whether the next minute's tick is due.
     */
    private final Set<String> mayHaveBatches = new HashSet<>();
    private int deadLettered;
    private int failedInvocations;
    /** Every event an orchestrator handed to PutEvents, by id; the ids EventBridge accepted. */
    private final Map<String, OrchestratorEvent> offered = new HashMap<>();
    private final Set<String> accepted = new HashSet<>();
    private int putEventsCalls;
    private int putEventsFailed;
    private int entriesRefused;
    private int reconcilePasses;
    private int concurrentPasses;
    private int passesStoppedEarly;
    private final List<String> passFailures = new ArrayList<>();
    private int repairsFailed;
    private boolean inConcurrentPass;
    private Consumer<Instant> progress = simulated -> { };
    private final List<Observation> observations = new ArrayList<>();

    /** A look at every account's deployment at {@code at}. */
    private record Observation(Instant at, BiConsumer<String, PartitionOperations> observer) {
    }

    /** One simulated account: its orchestrator, with its own table, and its Glue. */
    private record Account(String id, Definitions definitions, DynamoDbWorkflowRunStore store,
                           DynamoDbOutbox outboxStore, Orchestrator orchestrator, Reconciler reconciler,
                           EventDispatcher dispatcher, SimulatedGlue glue, EventRules rules,
                           WorkflowOperations operations, PartitionOperations partitionOperations) {

        boolean hasEventTriggers() {
            return !rules.buses().isEmpty();
        }

        /** Whether a batch of events is open, or closed with its run not yet started: the tick has work. */
        boolean hasBatches() {
            return !store.openEventBatches().isEmpty() || !store.closedEventBatches().isEmpty();
        }
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

    /** Tells {@code listener} the simulated time after each step of the run (a terminal shows it). */
    public Simulation onProgress(Consumer<Instant> listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Calls {@code observer} with each account's id and its partition operations (the engine {@code glueorch
     * partitions} drives, on the account's table) when the simulated time reaches {@code at}, before anything else
     * that happens then: what an operator would see at that moment, say the partitions' states while runs are still
     * going.
     */
    public Simulation observeAt(Instant at, BiConsumer<String, PartitionOperations> observer) {
        observations.add(new Observation(at, observer));
        return this;
    }

    /** The table of an account's orchestrator in the DynamoDB a simulation runs on. */
    public static String tableName(String account) {
        return "glue-orchestrator-" + account;
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

    /**
     * {@link #run()} on a DynamoDB the caller owns and closes, which holds none of the simulation's tables yet: the
     * tables ({@link #tableName}) outlive the run, for a test to read the deployment as it was left.
     */
    public SimulationResult run(DynamoDbClient dynamoDb) {
        for (Map.Entry<String, Definitions> entry : definitions.entrySet()) {
            accounts.put(entry.getKey(), account(dynamoDb, entry.getKey(), entry.getValue()));
        }
        // first in the queue: at their instant, each comes before anything else that happens then
        for (Observation observation : observations) {
            queue.at(observation.at(), () -> accounts.values().forEach(account ->
                    observation.observer().accept(account.id(), account.partitionOperations())));
        }
        queue.at(scenario.to(), this::endSchedules);
        for (Scenario.Deactivation deactivation : scenario.deactivations()) {
            for (Account account : accounts.values()) {
                if (account.definitions().workflows().values().stream()
                        .anyMatch(w -> w.trigger(deactivation.trigger()).isPresent())) {
                    queue.at(deactivation.from(), () -> account.operations().setTriggerState(deactivation.trigger(),
                            TriggerState.DEACTIVATED));
                    queue.at(deactivation.to(), () -> account.operations().setTriggerState(deactivation.trigger(),
                            TriggerState.ACTIVATED));
                }
            }
        }
        for (Account account : accounts.values()) {
            // each orchestrator is deployed and ticking before 'from', so the first slot is not a first tick's
            Instant deployed = scenario.from().minus(Duration.ofMinutes(1));
            queue.at(deployed, () -> dispatch(account, GlueEventJson.scheduledEvent(account.id(), deployed), 1));
            for (Instant slot : slots(account.definitions())) {
                if (scenario.outageAt(slot).isEmpty()) {
                    queue.at(slot, () -> deliver(account, GlueEventJson.scheduledEvent(account.id(), slot)));
                }
            }
            for (Scenario.Outage outage : scenario.outages()) {
                // the deployed tick runs every minute: the first after the outage finds the slots it missed
                if (outage.to().isBefore(scenario.to())) {
                    queue.at(outage.to(), () -> deliver(account, GlueEventJson.scheduledEvent(account.id(),
                            outage.to())));
                }
            }
            scheduleReconcile(account, scenario.from().plus(Duration.ofMinutes(RECONCILE_MINUTES)));
        }
        for (Scenario.ArrivingEvent event : scenario.events()) {
            queue.at(event.at(), () -> arrived(event));
        }
        Set<String> tickScheduled = new HashSet<>();
        Instant limit = scenario.to().plus(SETTLE_LIMIT);
        while (!queue.isEmpty()) {
            if (queue.nextTime().isAfter(limit)) {
                throw new IllegalStateException("the simulation did not settle within " + SETTLE_LIMIT.toDays()
                        + " days after 'to': runs are still active");
            }
            queue.runNext(clock);
            progress.accept(clock.instant());
            for (Account account : accounts.values()) {
                if (tickScheduled.contains(account.id())) {
                    continue;
                }
                boolean waiting = mayHaveWaiting.remove(account.id()) && !account.store().waitingActions(1).isEmpty();
                boolean batches = mayHaveBatches.remove(account.id()) && account.hasBatches();
                if (waiting || batches) {
                    tickScheduled.add(account.id());
                    // the deployed tick runs at each whole minute: a batch's window closes up to a minute late
                    Instant tick = batches ? clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1))
                            : clock.instant().plus(Duration.ofMinutes(1));
                    queue.at(tick, () -> minuteTick(account, tick, tickScheduled));
                }
            }
        }
        List<WorkflowRun> runs = new ArrayList<>();
        List<SimulatedGlue.JobRunRecord> jobRuns = new ArrayList<>();
        List<SimulatedGlue.CrawlRecord> crawls = new ArrayList<>();
        int pendingAtEnd = 0;
        int answersLost = 0;
        int failedBeforeStart = 0;
        for (Account account : accounts.values()) {
            answersLost += account.glue().answersLost();
            failedBeforeStart += account.glue().failedBeforeStart();
            // whenever written: nothing may be left for a reconciler that no longer runs
            pendingAtEnd += account.outboxStore().unsent(clock.instant().plus(Duration.ofDays(1)),
                    PENDING_COUNTED).size();
            for (String workflow : account.definitions().workflows().keySet()) {
                runs.addAll(account.store().runs(workflow));
            }
            jobRuns.addAll(account.glue().jobRuns());
            crawls.addAll(account.glue().crawls());
        }
        runs.sort(Comparator.comparing(WorkflowRun::startedOn).thenComparing(WorkflowRun::workflowName));
        jobRuns.sort(Comparator.comparing(SimulatedGlue.JobRunRecord::startedOn));
        notifications.sort(Comparator.comparing(OrchestratorEvent.Notification::time));
        return new SimulationResult(runs, notifications, jobRuns, crawls, failedInvocations, deadLettered,
                new SimulationResult.StartFaults(answersLost, failedBeforeStart),
                new SimulationResult.Publishing(offered, accepted, putEventsCalls, putEventsFailed, entriesRefused,
                        pendingAtEnd),
                new SimulationResult.Reconciliation(reconcilePasses, concurrentPasses, passesStoppedEarly,
                        passFailures, repairsFailed));
    }

    /**
     * Schedules end at {@code to}: every trigger's cursor moves past any slot the simulation could reach, so that a
     * tick after it (which closes expired event batches and retries waiting actions) starts no slot, and skips none
     * (no slot after {@code to} is missing: the period ended).
     */
    private void endSchedules() {
        Instant end = scenario.to().plus(SETTLE_LIMIT);
        for (Account account : accounts.values()) {
            for (Trigger.Scheduled trigger : account.definitions().scheduledTriggers()) {
                account.store().advanceScheduleCursor(ScheduleCursor.START, trigger.name(), end);
            }
        }
    }

    /**
     * A tick in a minute with something to do: actions wait for Glue capacity, or a batch of events is open. Before
     * {@code to} it is the scheduled event through EventBridge; past it, the handler is invoked as the schedule
     * would (schedules end at {@code to}: {@link #endSchedules}). In an outage it waits for the outage's end.
     */
    private void minuteTick(Account account, Instant tick, Set<String> tickScheduled) {
        Optional<Scenario.Outage> outage = scenario.outageAt(tick);
        if (outage.isPresent()) {
            queue.at(outage.get().to(), () -> minuteTick(account, outage.get().to(), tickScheduled));
            return;
        }
        tickScheduled.remove(account.id());
        mayHaveWaiting.add(account.id());
        if (account.hasEventTriggers()) {
            mayHaveBatches.add(account.id());
        }
        if (tick.isBefore(scenario.to())) {
            deliver(account, GlueEventJson.scheduledEvent(account.id(), tick));
        } else if (account.hasEventTriggers()) {
            invoke(() -> account.orchestrator().handle(new GlueEvent.ScheduleTick(UUID.randomUUID().toString(),
                    tick)));
        } else {
            // past 'to' no slot may start a run: only what waits is retried, as a tick would
            invoke(account.orchestrator().lifecycle()::retryWaitingActions);
        }
    }

    /**
     * An event of the scenario on its bus: each account's rules that match it hand it, wrapped by their input
     * transformer, to that account's Glue-event function, a delivery per rule as EventBridge makes them.
     */
    private void arrived(Scenario.ArrivingEvent event) {
        for (Account account : accounts.values()) {
            for (Trigger.Event trigger : account.rules().matching(event)) {
                deliver(account, EventRules.delivered(trigger, event));
            }
        }
    }

    private Account account(DynamoDbClient dynamoDb, String id, Definitions accountDefinitions) {
        String table = tableName(id);
        TableCreator.create(dynamoDb, table);
        DynamoDbDefinitionsSource source = new DynamoDbDefinitionsSource(dynamoDb, table, clock,
                Duration.ofDays(1));
        source.publish(accountDefinitions);
        DynamoDbWorkflowRunStore store = TableOrchestrator.runStore(dynamoDb, table);
        SimulatedGlue glue = new SimulatedGlue(id, other -> accounts.containsKey(other)
                ? accounts.get(other).glue() : null, scenario, clock, queue, this::glueEvent,
                partitions::get,
                random, actionId -> actionId != null && store.waitingActions(WAITING_LISTED).stream()
                        .anyMatch(ref -> ref.actionId().equals(actionId)),
                () -> concurrentPass(accounts.get(id)));
        Set<String> others = new HashSet<>(definitions.keySet());
        others.remove(id);
        AccountTrust trust = definitions.size() == 1 ? AccountTrust.SINGLE_ACCOUNT : new AccountTrust(id, others);
        OrchestratorMetrics refusals = new OrchestratorMetrics() {
            @Override
            public void actionStartFailed(String workflowName, String errorCode) {
                mayHaveWaiting.add(id);
            }

            @Override
            public void repairFailed(String workflowName, String what) {
                repairsFailed++;
            }
        };
        TableOrchestrator wired = TableOrchestrator.wire(dynamoDb, table, source, store, glue,
                events -> putEvents(id, events), refusals, clock, trust);
        // an operator's view of the account: setting a trigger's state re-reads the definitions at once
        WorkflowOperations operations = new WorkflowOperations(source, store, wired.orchestrator().lifecycle(), glue,
                clock);
        PartitionOperations partitionOperations = new PartitionOperations(source, store,
                wired.orchestrator().lifecycle(), clock);
        return new Account(id, accountDefinitions, store, wired.outboxStore(), wired.orchestrator(),
                wired.reconciler(), wired.dispatcher(), glue, new EventRules(accountDefinitions), operations,
                partitionOperations);
    }

    /**
     * EventBridge's PutEvents on an orchestrator's bus: with the scenario's faults the whole call fails, or some of its
     * entries are refused (FailedEntryCount); what it accepts is delivered.
     */
    private Set<String> putEvents(String account, List<OrchestratorEvent> events) {
        putEventsCalls++;
        for (OrchestratorEvent event : events) {
            offered.put(event.eventId(), event);
            if (event instanceof OrchestratorEvent.WorkflowRunStarted started) {
                // what Glue's simulated runs are told about their partition, whatever the bus does with the event
                partitions.put(started.workflowRunId(), started.partition());
            }
        }
        Scenario.Faults faults = scenario.faults();
        if (faults.failPutEvents() > 0 && random.nextDouble() < faults.failPutEvents()) {
            putEventsFailed++;
            throw new IllegalStateException("InternalException: simulated failure of a whole PutEvents call");
        }
        Set<String> acceptedNow = new HashSet<>();
        for (OrchestratorEvent event : events) {
            if (faults.refusePutEventsEntries() > 0 && random.nextDouble() < faults.refusePutEventsEntries()) {
                entriesRefused++;
                continue;
            }
            acceptedNow.add(event.eventId());
            published(account, event);
        }
        accepted.addAll(acceptedNow);
        return acceptedNow;
    }

    /** What EventBridge accepted: kept for the result, and sent on to the other accounts' orchestrators. */
    private void published(String account, OrchestratorEvent event) {
        if (event instanceof OrchestratorEvent.Notification notification) {
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

    /**
     * The reconciler every few minutes, until `to` has passed, no run is active any more and the outbox is empty (the
     * reconciler is what sends again an event EventBridge did not accept).
     */
    private void scheduleReconcile(Account account, Instant at) {
        queue.at(at, () -> {
            // past 'to' no schedule slot may start a run; in an outage no pass runs
            if (scenario.outageAt(at).isEmpty()) {
                reconcilePass(account, at.isBefore(scenario.to()));
            }
            // a run left open only for another account's completion that never comes does not keep it going
            if (at.isBefore(scenario.to()) || account.store().activeRuns().stream()
                    .anyMatch(run -> !run.statistics().isIdle())
                    || !account.outboxStore().unsent(clock.instant().plusSeconds(1), 1).isEmpty()
                    || account.hasEventTriggers() && account.hasBatches()) {
                scheduleReconcile(account, at.plus(Duration.ofMinutes(RECONCILE_MINUTES)));
            }
        });
    }

    /**
     * One reconcile pass. A pass that throws stopped early, leaving the runs after the failing one unrepaired: counted,
     * with its failure kept for the result. A crash is the process dying (a fault of the scenario), not the pass.
     */
    private void reconcilePass(Account account, boolean withSchedules) {
        reconcilePasses++;
        try {
            if (withSchedules) {
                account.reconciler().reconcile();
            } else {
                account.reconciler().reconcileExceptSchedules();
            }
        } catch (SimulatedGlue.Crash crash) {
            failedInvocations++;
        } catch (RuntimeException e) {
            passesStoppedEarly++;
            if (passFailures.size() < MAX_FAILURES_KEPT) {
                passFailures.add(clock.instant() + " in account " + account.id() + ": " + e);
            }
        }
    }

    /**
     * A reconcile pass of {@code account} on its own thread, waited for: what a pass running at the same moment as the
     * caller (a tick retrying a waiting action) does, with its own outbox batch and log context. Passes do not nest
     * further: one concurrent pass shows the race.
     */
    private void concurrentPass(Account account) {
        if (inConcurrentPass) {
            return;
        }
        inConcurrentPass = true;
        concurrentPasses++;
        Throwable[] escaped = new Throwable[1];
        Thread pass = new Thread(() -> {
            try {
                reconcilePass(account, clock.instant().isBefore(scenario.to()));
            } catch (Throwable t) {
                escaped[0] = t;
            }
        }, "concurrent-reconcile-pass");
        try {
            pass.start();
            pass.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a concurrent reconcile pass ran", e);
        } finally {
            inConcurrentPass = false;
        }
        if (escaped[0] instanceof Error error) {
            throw error;
        } else if (escaped[0] != null) {
            throw new IllegalStateException("the concurrent reconcile pass failed", escaped[0]);
        }
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
        if (event.has(EventTriggerInput.ENVELOPE_FIELD)) {
            mayHaveBatches.add(account.id());
        }
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
