package dev.glueorch.cli.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.cli.DefinitionFolder;
import dev.glueorch.cli.ops.DefinitionsPublishCommand;
import dev.glueorch.cli.simulate.EventQueue;
import dev.glueorch.cli.simulate.GlueEventJson;
import dev.glueorch.cli.simulate.Scenario;
import dev.glueorch.cli.simulate.ScenarioReader;
import dev.glueorch.cli.simulate.SimulatedGlue;
import dev.glueorch.cli.simulate.TableOrchestrator;
import dev.glueorch.engine.AccountTrust;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStore;
import dev.glueorch.model.Definitions;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.store.TableCreator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The orchestrator on this machine, for trying the operator commands without AWS: DynamoDB Local as a server, the
 * table, a folder's definitions published to it, and the real handlers, engine, reconciler and store (wired as the
 * simulator wires them, {@link TableOrchestrator}) against a simulated Glue that sends Glue's events to them and also
 * answers the Glue API (and EventBridge's PutEvents) over HTTP ({@link AwsJsonServer}), so a job run an operator command starts or stops is the
 * one the handlers hear of. The schedule tick comes every minute and the reconciler every 5 minutes of its
 * {@link LocalClock}, which may run faster than real time. One lock serializes the simulated Glue and its event
 * queue; the table is shared with the operator commands as a deployment's is.
 */
public final class LocalOrchestrator implements AutoCloseable {

    static final Duration TICK = Duration.ofMinutes(1);
    /** The reconciler's default schedule in the stack. */
    static final Duration RECONCILE = Duration.ofMinutes(5);
    /** The handlers' definitions refresh in the stack: a trigger (de)activated elsewhere counts within it. */
    private static final Duration DEFINITIONS_REFRESH = Duration.ofSeconds(60);
    /** Real time the loop rests when nothing is due. */
    private static final long IDLE_MILLIS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalSettings settings;
    private final LocalClock clock;
    private final LocalLog log;
    private final Object lock = new Object();
    private final EventQueue queue = new EventQueue();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final DynamoDBProxyServer dynamoDbServer;
    private final int dynamoDbPort;
    private DynamoDbClient dynamoDb;
    private AwsJsonServer apiServer;
    private TableOrchestrator handlers;
    private Thread loop;
    private volatile boolean running = true;

    private LocalOrchestrator(LocalSettings settings, LocalClock clock, PrintWriter out,
                              DynamoDBProxyServer dynamoDbServer, int dynamoDbPort) {
        this.settings = settings;
        this.clock = clock;
        this.log = new LocalLog(out, clock);
        this.dynamoDbServer = dynamoDbServer;
        this.dynamoDbPort = dynamoDbPort;
    }

    /**
     * Validates the definitions (and scenario), starts everything and returns; {@link #close()} stops it.
     *
     * @throws dev.glueorch.model.DefinitionException     the validator's errors: nothing started
     * @throws dev.glueorch.cli.simulate.ScenarioException the scenario's errors: nothing started
     * @throws LocalStartException                        a port is in use
     */
    public static LocalOrchestrator start(LocalSettings settings, PrintWriter out) {
        Definitions definitions = DefinitionFolder.load(settings.workflows());
        Scenario scenario = scenario(settings, definitions);
        int dynamoDbPort = port(settings.dynamoDbPort(), "--dynamodb-port");
        int apiPort = port(settings.apiPort(), "--api-port");
        DynamoDBProxyServer dynamoDbServer = startDynamoDb(dynamoDbPort);
        // anchored once DynamoDB Local is up: its start-up would otherwise be hours of a fast clock
        LocalOrchestrator local = new LocalOrchestrator(settings, LocalClock.startingNow(settings.speed()), out,
                dynamoDbServer, dynamoDbPort);
        try {
            local.run(definitions, scenario, apiPort);
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
        return local;
    }

    /**
     * Job durations, outcomes and concurrency from the simulator's scenario format; its period, faults, deactivations
     * and outages are not used (here an operator deactivates triggers, and the tick runs while the process does).
     */
    private static Scenario scenario(LocalSettings settings, Definitions definitions) {
        Instant now = Instant.now();
        if (settings.scenario() == null) {
            return new Scenario(now, now, Map.of(), Map.of(), Scenario.Faults.NONE);
        }
        Scenario read = new ScenarioReader().read(settings.scenario(), definitions);
        return new Scenario(now, now, read.jobs(), read.crawlers(), Scenario.Faults.NONE);
    }

    private void run(Definitions definitions, Scenario scenario, int apiPort) {
        dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(dynamoDbEndpoint()))
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
        TableCreator.create(dynamoDb, settings.table());
        DynamoDbDefinitionsSource source = new DynamoDbDefinitionsSource(dynamoDb, settings.table(), clock,
                DEFINITIONS_REFRESH);
        source.publish(definitions);
        log.line(DefinitionsPublishCommand.summary(definitions, settings.table()));
        DynamoDbWorkflowRunStore store = TableOrchestrator.runStore(dynamoDb, settings.table());
        SimulatedGlue simulated = new SimulatedGlue(GlueEventJson.ACCOUNT, account -> null, scenario, clock, queue,
                this::glueEvent, runId -> partitionOf(runId, source, store), new Random(), actionId -> false,
                () -> { });
        LocalGlue glue = new LocalGlue(simulated, lock, log);
        handlers = TableOrchestrator.wire(dynamoDb, settings.table(), source, store, glue, log.bus(),
                OrchestratorMetrics.NONE, clock, AccountTrust.SINGLE_ACCOUNT);
        try {
            apiServer = new AwsJsonServer(apiPort, new GlueApi(glue), new EventsApi(log));
        } catch (IOException e) {
            throw inUse(apiPort, "--api-port", e);
        }
        Instant now = clock.instant();
        synchronized (lock) {
            // the first tick only notes where the schedules stand: slots before it are not caught up
            queue.at(now, () -> tick(now));
            queue.at(next(now, RECONCILE), this::reconcile);
        }
        loop = new Thread(this::loop, "local-orchestrator");
        loop.start();
    }

    /** The partition of the run an action belongs to: what the scenario's outcomes are keyed by. */
    private static String partitionOf(String runId, DynamoDbDefinitionsSource source, WorkflowRunStore store) {
        return source.current().workflows().keySet().stream().map(workflow -> store.run(workflow, runId))
                .flatMap(Optional::stream).findFirst().map(WorkflowRun::partitionId).orElse(null);
    }

    /** What happens, in the local clock's time: the queue's entries as they fall due. */
    private void loop() {
        while (running) {
            boolean ran;
            synchronized (lock) {
                ran = queue.runDue(clock.instant());
            }
            if (!ran) {
                try {
                    Thread.sleep(IDLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** EventBridge's schedule rule; the next tick comes at the next minute (ticks a slow machine missed are one). */
    private void tick(Instant at) {
        dispatch(GlueEventJson.scheduledEvent(GlueEventJson.ACCOUNT, at));
        Instant next = next(clock.instant(), TICK);
        queue.at(next, () -> tick(next));
    }

    private void reconcile() {
        try {
            handlers.reconciler().reconcile();
        } catch (RuntimeException e) {
            log.line("the reconcile pass failed: " + e.getMessage());
        }
        queue.at(next(clock.instant(), RECONCILE), this::reconcile);
    }

    /** A Glue event: printed, then delivered to the handlers as EventBridge would. */
    private void glueEvent(ObjectNode event) {
        log.glueEvent(event);
        dispatch(event);
    }

    private void dispatch(ObjectNode event) {
        try {
            handlers.dispatcher().dispatch(new ByteArrayInputStream(JSON.writeValueAsBytes(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a simulated event is not serializable", e);
        } catch (RuntimeException e) {
            // Lambda would retry the delivery; the reconciler repairs what the handler left
            log.line("the handler of a " + event.path("detail-type").asText() + " event failed: " + e.getMessage());
        }
    }

    /** The first multiple of {@code period} (since the epoch) after {@code now}. */
    static Instant next(Instant now, Duration period) {
        long seconds = period.toSeconds();
        return Instant.ofEpochSecond((now.getEpochSecond() / seconds + 1) * seconds);
    }

    /** {@code requested}, or a free port for 0. */
    private static int port(int requested, String option) {
        try (ServerSocket socket = new ServerSocket(requested)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw inUse(requested, option, e);
        }
    }

    private static LocalStartException inUse(int port, String option, IOException e) {
        String why = e instanceof BindException ? "is in use" : "cannot be opened (" + e.getMessage() + ")";
        return new LocalStartException("port " + port + " " + why + ": choose another with " + option
                + " (0 picks a free one)", e);
    }

    /** -sharedDb: one database whatever the credentials and Region of the client. */
    private static DynamoDBProxyServer startDynamoDb(int port) {
        // DynamoDB Local prints its configuration on standard output: the lines after it say what matters
        PrintStream standardOut = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory",
                "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
            return server;
        } catch (Exception e) {
            throw new LocalStartException("DynamoDB Local did not start on port " + port + " (" + e.getMessage()
                    + "): choose another with --dynamodb-port (0 picks a free one)", e);
        } finally {
            System.setOut(standardOut);
        }
    }

    public String dynamoDbEndpoint() {
        return "http://127.0.0.1:" + dynamoDbPort;
    }

    public String apiEndpoint() {
        return "http://127.0.0.1:" + apiServer.port();
    }

    public LocalClock clock() {
        return clock;
    }

    /** The options that point an operator command at this orchestrator. */
    public String options() {
        return "--endpoint-url " + apiEndpoint() + " --dynamodb-endpoint-url " + dynamoDbEndpoint()
                + " --table-name " + settings.table() + " --region " + settings.region();
    }

    /** The same as environment variables, plus dummy credentials and the clock, for a shell's {@code export}. */
    public String exports() {
        return "export AWS_ENDPOINT_URL=" + apiEndpoint() + " AWS_ENDPOINT_URL_DYNAMODB=" + dynamoDbEndpoint()
                + " AWS_REGION=" + settings.region() + " AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local"
                + " GLUEORCH_TABLE=" + settings.table() + " " + LocalClock.VARIABLE + "=" + clock.value();
    }

    /** Waits until {@link #close()}. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops the loop, the API endpoint and DynamoDB Local (its data is in memory: gone). */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        running = false;
        if (loop != null) {
            try {
                loop.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (apiServer != null) {
            apiServer.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        try {
            dynamoDbServer.stop();
        } catch (Exception e) {
            // stopping what is in memory: nothing to keep
        }
        closed.countDown();
    }
}
