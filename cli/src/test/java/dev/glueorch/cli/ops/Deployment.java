package dev.glueorch.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.GlueOrch;
import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.glue.SdkGlueService;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.MotoServer;
import dev.glueorch.testing.Resources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;

/**
 * A deployed orchestrator for the operator commands to work on: a fresh table in DynamoDB Local holding the example
 * hourly workflow, its jobs and crawler in moto's Glue, and
 * the orchestrator the functions would run, to deliver the Glue events of the runs the commands start.
 *
 * <p>A test declares it as a parameter and is given one, closed after it ({@link Deployments}); where a test needs
 * more than one, it makes them with the constructor and closes them itself.
 */
public final class Deployment implements AutoCloseable {

    public static final String WORKFLOW = "sales-hourly";
    static final String ON_DEMAND_TRIGGER = "sales-on-demand";
    static final List<String> JOBS = List.of("ingest-orders", "ingest-payments", "transform-sales", "load-sales",
            "alert-on-failure");
    static final String CRAWLER = "catalog-sales";
    private static final ObjectMapper JSON = new ObjectMapper();

    final DynamoDbClient dynamoDb = DynamoDbLocal.client();
    final GlueClient glue = MotoServer.shared().glue();
    /** The clients the functions would build, talking to moto. */
    private final AwsClients clients = MotoServer.shared().clients();
    final String table = DynamoDbLocal.newTable(dynamoDb);
    public final DynamoDbWorkflowRunStore store = new DynamoDbWorkflowRunStore(dynamoDb, table, Duration.ofDays(90));
    private final Orchestrator functions;

    public Deployment() {
        DynamoDbDefinitionsSource definitions = new DynamoDbDefinitionsSource(dynamoDb, table, Clock.systemUTC(),
                Duration.ZERO);
        definitions.publish(example());
        for (String job : JOBS) {
            try {
                glue.createJob(b -> b.name(job).role("arn:aws:iam::123456789012:role/glue")
                        .command(c -> c.name("glueetl").scriptLocation("s3://scripts/" + job + ".py"))
                        .executionProperty(e -> e.maxConcurrentRuns(100)));
            } catch (AlreadyExistsException e) {
                // made by an earlier test on the shared server
            }
        }
        try {
            glue.createCrawler(b -> b.name(CRAWLER).role("arn:aws:iam::123456789012:role/glue")
                    .targets(t -> t.s3Targets(s -> s.path("s3://example-lake/sales/"))));
        } catch (AlreadyExistsException e) {
            // made by an earlier test on the shared server
        }
        try {
            MotoServer.shared().eventBridge().createEventBus(b -> b.name("glue-orchestrator"));
        } catch (ResourceAlreadyExistsException e) {
            // made by an earlier test on the shared server
        }
        // the bus accepts nothing here: what a test publishes stays in the table's outbox
        Outbox outbox = new Outbox(events -> Set.of(), new DynamoDbOutbox(dynamoDb, table, Duration.ofDays(90)));
        functions = new Orchestrator(definitions, store, new SdkGlueService(clients), outbox,
                OrchestratorMetrics.NONE, Clock.systemUTC(), RetryPolicy.NONE);
    }

    /** The example hourly workflow as shipped (its ON_DEMAND trigger starts the two ingest jobs). */
    private static dev.glueorch.model.Definitions example() {
        return new DefinitionValidator().validateAll(Map.of("workflows/examples/hourly/sales-hourly.json",
                Resources.read(Resources.exampleWorkflows().resolve("sales-hourly.json"))));
    }

    /**
     * Runs {@code glueorch args...} against this deployment: its table (unless {@code args} name another) in
     * DynamoDB Local, moto for Glue, STS and EventBridge.
     */
    public Result glueorch(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--endpoint-url", MotoServer.shared().endpoint().toString(),
                "--dynamodb-endpoint-url", DynamoDbLocal.endpoint().toString(), "--region", "us-east-1"));
        if (!line.contains("--table-name")) {
            line.addAll(List.of("--table-name", table));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlueOrch.run(new PrintWriter(out, true), new PrintWriter(err, true), line.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Starts a run of the example workflow with {@code glueorch runs start} and returns its id. */
    public String startRun(String... options) {
        List<String> line = new ArrayList<>(List.of("runs", "start", WORKFLOW, "--output", "json"));
        line.addAll(List.of(options));
        Result started = glueorch(line.toArray(String[]::new));
        if (started.exitCode() != 0) {
            throw new IllegalStateException("runs start failed: " + started.err());
        }
        return started.json().get("RunId").asText();
    }

    /** Delivers Glue's "Job State Change" of the run's job run of {@code jobName}, as EventBridge would. */
    public void jobRunEnded(String runId, String jobName, JobRunState state) {
        ActionRun action = store.run(WORKFLOW, runId).orElseThrow().actions().values().stream()
                .filter(a -> a.name().equals(jobName) && a.jobRunId() != null).findFirst()
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has started no " + jobName));
        functions.handle(new GlueEvent.JobStateChange(UUID.randomUUID().toString(), Instant.now(), jobName,
                action.jobRunId(), state, state == JobRunState.SUCCEEDED ? null : jobName + " broke"));
    }

    /** Delivers Glue's "Crawler State Change" of the crawler's latest crawl. */
    public void crawlEnded(String crawlerName, CrawlState state) {
        functions.handle(new GlueEvent.CrawlerStateChange(UUID.randomUUID().toString(), Instant.now(), crawlerName,
                state, state == CrawlState.SUCCEEDED ? null : crawlerName + " broke"));
    }

    @Override
    public void close() {
        dynamoDb.close();
        glue.close();
        clients.close();
    }

    /** What one {@code glueorch} invocation printed, and its exit code. */
    public record Result(int exitCode, String out, String err) {

        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out + err, e);
            }
        }
    }
}
