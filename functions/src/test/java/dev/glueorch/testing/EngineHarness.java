package dev.glueorch.testing;

import dev.glueorch.engine.AccountTrust;
import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.ManualClock;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.Reconciler;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The orchestrator and reconciler on a fresh DynamoDB Local table, with an in-memory Glue and bus and a manual
 * clock: what the engine's tests drive.
 */
public final class EngineHarness implements AutoCloseable {

    public static final String WORKFLOW = "sales-hourly";
    private static final AtomicInteger EVENT_IDS = new AtomicInteger();

    /** Every DynamoDB request the harness's components send. */
    public final RequestCounter requests = new RequestCounter();
    public final DynamoDbClient dynamoDb = DynamoDbLocal.client(requests);
    public final ManualClock clock;
    public final RecordingGlue glue = new RecordingGlue();
    public final RecordingPublisher bus = new RecordingPublisher();
    public final RecordingMetrics metrics = new RecordingMetrics();
    public String table;
    public DynamoDbDefinitionsSource source;
    public DynamoDbWorkflowRunStore store;
    public DynamoDbOutbox outboxStore;
    public Outbox outbox;
    public Orchestrator orchestrator;
    public Reconciler reconciler;
    private AccountTrust trust = AccountTrust.SINGLE_ACCOUNT;

    /** The example hourly workflow, at {@code now}. */
    public EngineHarness(Instant now) {
        this.clock = new ManualClock(now);
        use(new DefinitionLoader().load(Resources.exampleWorkflows()));
    }

    /** Starts again on a fresh table with {@code definitions}. */
    public void use(Definitions definitions) {
        use(definitions, AccountTrust.SINGLE_ACCOUNT);
    }

    /** Starts again on a fresh table with {@code definitions}, trusting other accounts as {@code trust} says. */
    public void use(Definitions definitions, AccountTrust trust) {
        table = DynamoDbLocal.newTable(dynamoDb);
        source = new DynamoDbDefinitionsSource(dynamoDb, table, clock, Duration.ZERO);
        source.publish(definitions);
        store = new DynamoDbWorkflowRunStore(dynamoDb, table, Duration.ofDays(90));
        outboxStore = new DynamoDbOutbox(dynamoDb, table, Duration.ofDays(90));
        outbox = new Outbox(bus, outboxStore);
        this.trust = trust;
        driving(glue);
    }

    /**
     * The same table, clock and bus, with the orchestrator and reconciler calling {@code otherGlue} instead of the
     * in-memory one: say the real Glue adapter on a stub at the wire.
     */
    public void driving(GlueService otherGlue) {
        orchestrator = new Orchestrator(source, store, otherGlue, outbox, metrics, clock,
                new RetryPolicy(2, Duration.ZERO, Duration.ZERO, d -> { }), trust);
        reconciler = new Reconciler(orchestrator, source, store, outboxStore, otherGlue, clock);
    }

    /** The example workflow with each {@code text, replacement} pair applied, validated. */
    public static Definitions exampleWith(String... textThenReplacement) {
        String json = Resources.read(Resources.exampleWorkflows().resolve("sales-hourly.json"));
        for (int i = 0; i < textThenReplacement.length; i += 2) {
            if (!json.contains(textThenReplacement[i])) {
                throw new IllegalArgumentException("the example has no " + textThenReplacement[i]);
            }
            json = json.replace(textThenReplacement[i], textThenReplacement[i + 1]);
        }
        return new DefinitionValidator().validateAll(Map.of("workflows/sales-hourly.json", json));
    }

    public void tick(Instant at) {
        clock.set(at);
        orchestrator.handle(new GlueEvent.ScheduleTick("tick-" + EVENT_IDS.incrementAndGet(), at));
    }

    public void reconcile(Instant at) {
        clock.set(at);
        reconciler.reconcile();
    }

    /** Delivers the state change of the latest run of {@code jobName}. */
    public void jobState(String jobName, JobRunState state) {
        orchestrator.handle(jobEvent(jobName, state));
    }

    public GlueEvent.JobStateChange jobEvent(String jobName, JobRunState state) {
        RecordingGlue.Start start = glue.startsOf(jobName).get(glue.startsOf(jobName).size() - 1);
        return new GlueEvent.JobStateChange("e-" + EVENT_IDS.incrementAndGet(), clock.instant(), jobName,
                start.jobRunId(), state, state == JobRunState.SUCCEEDED ? "Job run succeeded" : "it broke");
    }

    /**
     * Glue running every start from the {@code from}-th on to success, and what they start in turn, as a backfill or
     * a repair waits: the starts before it are left as they are. {@code finished} holds what was finished already
     * (a job run's id; a crawl, which has none, by its place in the record).
     */
    public synchronized void glueSucceedsFrom(int from, Set<String> finished) {
        boolean more = true;
        while (more) {
            more = false;
            List<RecordingGlue.Start> starts = glue.starts();
            for (int i = from; i < starts.size(); i++) {
                RecordingGlue.Start start = starts.get(i);
                String id = start.jobRunId() != null ? start.jobRunId() : start.name() + "#" + i;
                if (finished.add(id)) {
                    more = true;
                    if (start.jobRunId() != null) {
                        orchestrator.handle(new GlueEvent.JobStateChange("f-" + id, clock.instant(), start.name(),
                                start.jobRunId(), JobRunState.SUCCEEDED, null));
                    } else {
                        orchestrator.handle(new GlueEvent.CrawlerStateChange("c-" + id, clock.instant(),
                                start.name(), CrawlState.SUCCEEDED, null));
                    }
                }
            }
        }
    }

    /** The run of partition {@code partition} of the example workflow. */
    public WorkflowRun run(String partition) {
        return store.run(WORKFLOW, RunIds.forPartition(WORKFLOW, partition)).orElseThrow();
    }

    @Override
    public void close() {
        dynamoDb.close();
    }
}
