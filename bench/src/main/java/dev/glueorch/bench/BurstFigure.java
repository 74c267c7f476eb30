package dev.glueorch.bench;

import dev.glueorch.bus.EventBridgePublisher;
import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.AccountTrust;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.ManualClock;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.ScheduledStarts;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.glue.PacedGlueService;
import dev.glueorch.glue.SdkGlueService;
import dev.glueorch.handler.StartWorker;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.testing.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The top of the hour at scale: {@code workflows} hourly workflows of two first actions each are due at once. The
 * tick hands the due slots to the start queue (SQS simulated in this JVM, {@link SimulatedStartQueue}, delivering
 * some slots twice), {@value #WORKERS} start workers take them as the event source mapping would, each with its own
 * orchestrator, paced Glue and outbox, on a real DynamoDB Local over HTTP, against a Glue that answers StartJobRun
 * after {@value #LATENCY_MS} ms and throttles above {@value #GLUE_RATE} a second. Measured: from the due tick to
 * Glue's answer to the last first action; the floor is what Glue's rate alone allows, {@code 2 × workflows / 50} s.
 */
final class BurstFigure {

    static final int GLUE_RATE = 50;
    static final int WORKERS = 10;
    static final long LATENCY_MS = 100;
    /** Every 10th message is on the queue twice (SQS delivers at least once). */
    private static final int DUPLICATE_EVERY = 10;
    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private static final Duration GIVE_UP = Duration.ofMinutes(10);

    Map<String, Object> run(int workflows) throws Exception {
        // the functions' clients take the default credentials chain; the stubs accept any
        System.setProperty("aws.accessKeyId", "bench");
        System.setProperty("aws.secretAccessKey", "bench");
        try (LocalDynamoDb local = new LocalDynamoDb(); ThrottlingGlueStub glue = new ThrottlingGlueStub(LATENCY_MS,
                GLUE_RATE); DynamoDbClient dynamoDb = DynamoDbLocal.client(local.endpoint());
             AwsClients aws = AwsClients.create(Region.US_EAST_1, Map.of(
                     "AWS_ENDPOINT_URL_DYNAMODB", local.endpoint().toString(),
                     "AWS_ENDPOINT_URL_GLUE", glue.endpoint().toString(),
                     "AWS_ENDPOINT_URL_EVENTBRIDGE", glue.endpoint().toString()))) {
            String table = "glueorch-bench-burst";
            BenchDefinitions.deploy(dynamoDb, table, definitions(workflows));
            return run(workflows, dynamoDb, table, aws, glue);
        }
    }

    private Map<String, Object> run(int workflows, DynamoDbClient dynamoDb, String table, AwsClients aws,
                                    ThrottlingGlueStub glue) throws Exception {
        // the tick's clock is set; the workers' runs in real time from just after the slot
        ManualClock tickClock = new ManualClock(SLOT.minusSeconds(55));
        Clock workerClock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), SLOT.plusSeconds(5)));
        DynamoDbWorkflowRunStore store = new DynamoDbWorkflowRunStore(dynamoDb, table, Duration.ofDays(90));
        SdkGlueService sdkGlue = new SdkGlueService(aws);
        SimulatedStartQueue queue = new SimulatedStartQueue(DUPLICATE_EVERY);
        Orchestrator tick = new Orchestrator(new DynamoDbDefinitionsSource(dynamoDb, table, tickClock,
                Duration.ofHours(2)), store, sdkGlue, outbox(aws, dynamoDb, table), OrchestratorMetrics.NONE, tickClock,
                RetryPolicy.DEFAULT, AccountTrust.SINGLE_ACCOUNT, queue);
        // 13:59: the cursors are remembered (a deployment's first tick; not measured)
        tick.handle(new GlueEvent.ScheduleTick("tick-warm", tickClock.instant()));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger unexpected = new AtomicInteger();
        List<Thread> workers = queue.poll(WORKERS, i -> worker(store, sdkGlue, aws, dynamoDb, table, workerClock,
                queue, unexpected), stop::get);
        int expected = 2 * workflows;

        tickClock.set(SLOT.plusSeconds(5));
        long start = System.nanoTime();
        tick.handle(new GlueEvent.ScheduleTick("tick-due", tickClock.instant()));
        long handedOver = System.nanoTime();
        long deadline = start + GIVE_UP.toNanos();
        while (glue.startsByAction().size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long allStarted = glue.lastStartNanos();
        // let the duplicates and late deliveries play out before counting
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(60_000);
        }

        int started = glue.startsByAction().size();
        int duplicates = glue.startsByAction().values().stream().mapToInt(n -> n.get() - 1).sum();
        int notRunning = notRunningInTheTable(store, workflows);
        double seconds = (allStarted - start) / 1e9;
        double floor = expected / (double) GLUE_RATE;
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("workflows", workflows);
        figure.put("firstActions", expected);
        figure.put("glueLatencyMs", LATENCY_MS);
        figure.put("glueRatePerSecond", GLUE_RATE);
        figure.put("workers", WORKERS);
        figure.put("seconds", Math.round(seconds * 1000) / 1000.0);
        figure.put("floorSeconds", floor);
        figure.put("ratio", Math.round(seconds / floor * 1000) / 1000.0);
        figure.put("tickHandOverMs", Math.round((handedOver - start) / 1e6));
        figure.put("sendMessageBatchRequests", queue.sendRequests());
        figure.put("started", started);
        figure.put("duplicates", duplicates);
        figure.put("lost", expected - started);
        figure.put("actionsNotRunningInTheTable", notRunning);
        figure.put("throttled", glue.throttled());
        figure.put("maxStartsInAnySecond", glue.maxInAnySecond());
        figure.put("duplicateDeliveriesInjected", queue.duplicatesInjected());
        figure.put("redeliveries", queue.redeliveries());
        figure.put("workerErrors", unexpected.get());
        return figure;
    }

    /** One start worker (a Lambda execution environment): its own orchestrator, paced Glue and outbox. */
    private static StartWorker worker(DynamoDbWorkflowRunStore store, SdkGlueService glue, AwsClients aws,
                                      DynamoDbClient dynamoDb, String table, Clock clock, SimulatedStartQueue queue,
                                      AtomicInteger unexpected) {
        // read before the burst, as a SnapStart-restored worker has them (Priming)
        DynamoDbDefinitionsSource definitions = new DynamoDbDefinitionsSource(dynamoDb, table, clock,
                Duration.ofHours(2));
        definitions.current();
        Outbox outbox = outbox(aws, dynamoDb, table);
        Orchestrator orchestrator = new Orchestrator(definitions, store, PacedGlueService.share(glue, GLUE_RATE,
                WORKERS), outbox, OrchestratorMetrics.NONE, clock, new RetryPolicy(5, Duration.ofMillis(250),
                Duration.ofSeconds(4), RetryPolicy.Sleeper.THREAD));
        ScheduledStarts starts = new ScheduledStarts(orchestrator, definitions, store, clock);
        return new StartWorker(slot -> {
            AtomicReference<ScheduledStarts.Outcome> outcome = new AtomicReference<>();
            try {
                outbox.batching(() -> outcome.set(starts.start(slot)));
            } catch (RuntimeException e) {
                unexpected.incrementAndGet();
                throw e;
            }
            return outcome.get();
        }, queue::delay);
    }

    private static Outbox outbox(AwsClients aws, DynamoDbClient dynamoDb, String table) {
        return new Outbox(new EventBridgePublisher(aws::eventBridge, "default", null),
                new DynamoDbOutbox(dynamoDb, table, Duration.ofDays(90)));
    }

    /** Actions of the due runs that are not RUNNING in the table (a start lost between Glue and the record). */
    private static int notRunningInTheTable(DynamoDbWorkflowRunStore store, int workflows) {
        int notRunning = 0;
        for (int i = 0; i < workflows; i++) {
            String name = "burst-" + i;
            Optional<WorkflowRun> run = store.run(name, RunIds.forPartition(name, "2026-11-21T13"));
            if (run.isEmpty()) {
                notRunning += 2;
                continue;
            }
            notRunning += 2 - (int) run.get().actions().values().stream()
                    .map(ActionRun::state).filter(JobRunState.RUNNING::equals).count();
        }
        return notRunning;
    }

    /** {@code workflows} hourly workflows, each starting two jobs; partitioned by the previous hour. */
    static Definitions definitions(int workflows) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < workflows; i++) {
            String name = "burst-" + i;
            files.put("workflows/" + name + ".json", """
                    {"Workflow": {"Name": "%1$s", "Partitioning": {"Granularity": "HOUR", "Offset": -1,
                                   "TimeZone": "UTC", "DayKey": "partition_0", "HourKey": "partition_1"}},
                     "Triggers": [{"Name": "%1$s-start", "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)",
                                   "Actions": [{"JobName": "%1$s-a"}, {"JobName": "%1$s-b"}]}]}
                    """.formatted(name));
        }
        return new DefinitionValidator().validateAll(files);
    }
}
