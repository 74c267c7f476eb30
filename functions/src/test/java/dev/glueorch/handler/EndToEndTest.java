package dev.glueorch.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.engine.ManualClock;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.FakeContext;
import dev.glueorch.testing.MotoServer;

import dev.glueorch.testing.Resources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The deployed path without AWS: the Lambda handlers, driven by the sample events of {@code events/}, against
 * DynamoDB Local and moto's Glue, EventBridge and SQS.
 */
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUS = "glue-orchestrator";
    private static final String WORKFLOW = "sales-hourly";

    private final MotoServer moto = MotoServer.shared();
    private final GlueClient glue = moto.glue();
    private final SqsClient sqs = moto.sqs();
    private final DynamoDbClient dynamoDb = DynamoDbLocal.client();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T14:00:04Z"));
    private DynamoDbWorkflowRunStore store;
    private ScheduleTickHandler tickHandler;
    private GlueEventHandler glueHandler;
    private ReconcileHandler reconcileHandler;
    private String queueUrl;

    @BeforeEach
    void deploy() {
        moto.reset();
        moto.jobRunsProgressEvery(3600);
        String table = DynamoDbLocal.newTable(dynamoDb);
        Definitions definitions = new DefinitionLoader().load(Resources.exampleWorkflows());
        new DynamoDbDefinitionsSource(dynamoDb, table, clock, Duration.ZERO).publish(definitions);
        store = new DynamoDbWorkflowRunStore(dynamoDb, table, Duration.ofDays(90));
        for (String job : definitions.jobNames()) {
            glue.createJob(b -> b.name(job).role("arn:aws:iam::123456789012:role/glue")
                    .command(c -> c.name("glueetl").scriptLocation("s3://scripts/" + job + ".py"))
                    .executionProperty(e -> e.maxConcurrentRuns(1)));
        }
        glue.createCrawler(b -> b.name("catalog-sales").role("arn:aws:iam::123456789012:role/glue")
                .targets(t -> t.s3Targets(s -> s.path("s3://example-lake/sales/"))));
        queueUrl = orchestratorEventsQueue();
        Dependencies dependencies = new Dependencies(Map.of("AWS_REGION", "us-east-1", "TABLE_NAME", table,
                "EVENT_BUS_NAME", BUS, "AWS_ENDPOINT_URL_DYNAMODB", DynamoDbLocal.endpoint().toString(),
                "AWS_ENDPOINT_URL_GLUE", moto.endpoint().toString(),
                "AWS_ENDPOINT_URL_EVENTBRIDGE", moto.endpoint().toString()), clock);
        tickHandler = new ScheduleTickHandler(dependencies.dispatcher, dependencies.metrics);
        glueHandler = new GlueEventHandler(dependencies.dispatcher, dependencies.metrics);
        reconcileHandler = new ReconcileHandler(dependencies.reconcileDispatcher, dependencies.metrics);
    }

    /** The orchestrator's bus with a rule sending everything it publishes to an SQS queue the test reads. */
    private String orchestratorEventsQueue() {
        try (EventBridgeClient events = moto.eventBridge()) {
            events.createEventBus(b -> b.name(BUS));
            String url = sqs.createQueue(b -> b.queueName("orchestrator-events")).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            events.putRule(b -> b.name("all-orchestrator-events").eventBusName(BUS)
                    .eventPattern("{\"source\": [\"glue-orchestrator\"]}"));
            events.putTargets(b -> b.rule("all-orchestrator-events").eventBusName(BUS)
                    .targets(t -> t.id("queue").arn(arn)));
            return url;
        }
    }

    private void deliver(DispatchingHandler handler, String json) {
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), new FakeContext("glue-orchestrator-test"));
    }

    /** The sample event {@code file}, about the latest run of {@code jobName} that Glue (moto) has. */
    private String jobEvent(String file, String jobName, Instant time) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Resources.event(file));
        event.put("time", time.toString());
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("jobName", jobName);
        detail.put("jobRunId", runsOf(jobName).get(0).id());
        return JSON.writeValueAsString(event);
    }

    private List<JobRun> runsOf(String jobName) {
        return glue.getJobRuns(b -> b.jobName(jobName)).jobRuns();
    }

    private WorkflowRun theRun() {
        return store.run(WORKFLOW, RunIds.forPartition(WORKFLOW, "2026-11-21T13")).orElseThrow();
    }

    private List<String> publishedDetailTypes() throws Exception {
        List<String> types = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages();
            if (messages.isEmpty()) {
                return types;
            }
            for (Message message : messages) {
                JsonNode event = JSON.readTree(message.body());
                assertThat(event.get("source").asText()).isEqualTo("glue-orchestrator");
                types.add(event.get("detail-type").asText());
            }
        }
    }

    @Test
    void hourlyRun_shouldGoFromTickToCompletedThroughTheHandlers() throws Exception {
        // WHEN the 14:00 tick arrives (twice: EventBridge delivers at least once)
        deliver(tickHandler, Resources.event("schedule-tick.json"));
        deliver(tickHandler, Resources.event("schedule-tick.json"));
        // THEN Glue got one run of each ingest job, for partition 13, on the wire
        assertThat(runsOf("ingest-orders")).singleElement().satisfies(run ->
                assertThat(run.arguments()).containsEntry("--day_partition_key", "partition_0")
                        .containsEntry("--hour_partition_key", "partition_1")
                        .containsEntry("--day_partition_value", "2026-11-21")
                        .containsEntry("--hour_partition_value", "13"));
        assertThat(runsOf("ingest-payments")).hasSize(1);

        // WHEN both ingest jobs succeed
        clock.set(Instant.parse("2026-11-21T14:20:00Z"));
        deliver(glueHandler, jobEvent("job-succeeded.json", "ingest-orders", clock.instant()));
        deliver(glueHandler, jobEvent("job-succeeded.json", "ingest-payments", clock.instant()));
        // THEN transform-sales runs with its placeholders filled
        assertThat(runsOf("transform-sales")).singleElement().satisfies(run ->
                assertThat(run.arguments()).containsEntry("--target", "s3://example-lake/sales/2026-11-21/13"));

        // WHEN transform succeeds, then load and the crawl
        clock.set(Instant.parse("2026-11-21T14:30:00Z"));
        deliver(glueHandler, jobEvent("job-succeeded.json", "transform-sales", clock.instant()));
        assertThat(runsOf("load-sales")).singleElement().satisfies(run ->
                assertThat(run.arguments()).containsEntry("--env", "prod"));
        assertThat(glue.getCrawler(b -> b.name("catalog-sales")).crawler().stateAsString()).isEqualTo("RUNNING");
        clock.set(Instant.parse("2026-11-21T14:40:00Z"));
        deliver(glueHandler, jobEvent("job-succeeded.json", "load-sales", clock.instant()));
        deliver(glueHandler, Resources.event("crawler-succeeded.json").replace("2026-11-21T14:32:41Z",
                "2026-11-21T14:40:00Z"));

        // THEN the run is COMPLETED with exact statistics and every job run recorded with its arguments
        WorkflowRun run = theRun();
        assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        assertThat(run.statistics()).isEqualTo(new Statistics(5, 0, 0, 0, 5, 0, 0, 0));
        assertThat(run.actions().values()).filteredOn(a -> a.jobRunId() != null).hasSize(4)
                .allSatisfy(a -> assertThat(a.arguments()).containsEntry("--hour_partition_value", "13"));
        assertThat(publishedDetailTypes()).containsExactlyInAnyOrder("Workflow Run Started",
                "Action Started", "Action Started", "Action Completed", "Action Completed", "Action Started",
                "Action Completed", "Action Started", "Action Started", "Action Completed", "Action Completed",
                "Workflow Run Completed");
    }

    @Test
    void failedIngest_shouldStartTheAlertJobAndCountTheFailure() throws Exception {
        deliver(tickHandler, Resources.event("schedule-tick.json"));
        clock.set(Instant.parse("2026-11-21T14:05:00Z"));
        deliver(glueHandler, jobEvent("job-failed.json", "ingest-orders", clock.instant()));
        deliver(glueHandler, jobEvent("job-failed.json", "ingest-orders", clock.instant()));
        assertThat(runsOf("alert-on-failure")).hasSize(1);
        assertThat(theRun().statistics()).isEqualTo(new Statistics(3, 0, 1, 0, 0, 2, 0, 0));
    }

    @Test
    void concurrentRunsExceeded_shouldKeepTheActionWaitingUntilGlueHasCapacity() {
        // GIVEN ingest-orders allows one run, and a run started by hand occupies it for about ten seconds
        // (moto has no BatchStopJobRun; its runs end by time)
        moto.jobRunsProgressEvery(5);
        String byHand = glue.startJobRun(b -> b.jobName("ingest-orders")).jobRunId();
        // WHEN the 14:00 tick starts the run
        deliver(tickHandler, Resources.event("schedule-tick.json"));
        // THEN Glue refused ingest-orders: the action waits, counted in WaitingActions
        assertThat(runsOf("ingest-orders")).hasSize(1);
        assertThat(theRun().statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 0, 1, 0, 1));
        // WHEN the run by hand ends and the next tick comes
        awaitEnd("ingest-orders", byHand);
        clock.set(Instant.parse("2026-11-21T14:01:04Z"));
        deliver(tickHandler, Resources.event("schedule-tick.json").replace("14:00:00Z", "14:01:00Z"));
        // THEN the waiting action is started, with its partition arguments
        assertThat(runsOf("ingest-orders")).hasSize(2).anySatisfy(run ->
                assertThat(run.arguments()).containsEntry("--hour_partition_value", "13"));
        assertThat(theRun().statistics()).isEqualTo(new Statistics(2, 0, 0, 0, 0, 2, 0, 0));
    }

    private void awaitEnd(String jobName, String runId) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!glue.getJobRun(b -> b.jobName(jobName).runId(runId)).jobRun().jobRunStateAsString()
                .equals("SUCCEEDED")) {
            assertThat(Instant.now()).as("moto's run %s of %s did not end within 60 s", runId, jobName)
                    .isBefore(deadline);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void lostEvents_shouldBeRepairedByTheReconcilerFromGluesOwnRecord() throws Exception {
        // GIVEN the ingest runs end in Glue (moto) but their state-change events never arrive
        moto.jobRunsProgressEvery(1);
        deliver(tickHandler, Resources.event("schedule-tick.json"));
        awaitEnd("ingest-orders", runsOf("ingest-orders").get(0).id());
        awaitEnd("ingest-payments", runsOf("ingest-payments").get(0).id());
        assertThat(runsOf("transform-sales")).isEmpty();
        // WHEN the reconciler's schedule fires 20 minutes later
        clock.set(Instant.parse("2026-11-21T14:20:04Z"));
        deliver(reconcileHandler, Resources.event("schedule-tick.json").replace("14:00:00Z", "14:20:00Z"));
        // THEN it read the runs' state with GetJobRun and the pipeline moved on
        assertThat(runsOf("transform-sales")).hasSize(1);
        assertThat(theRun().statistics()).isEqualTo(new Statistics(3, 0, 0, 0, 2, 1, 0, 0));
    }

    @Test
    void producersCompletion_shouldStartTheConsumersJoinAndItsRemoteActionInTheProducersAccount() throws Exception {
        // GIVEN this account (moto's 123456789012) runs the consumer, trusting producer 111111111111, whose
        // archive-orders job it starts through a role
        String producer = "111111111111";
        String role = "arn:aws:iam::" + producer + ":role/glue-orchestrator-remote-actions";
        String table = DynamoDbLocal.newTable(dynamoDb);
        new DynamoDbDefinitionsSource(dynamoDb, table, clock, Duration.ZERO).publish(new DefinitionLoader()
                .load(Resources.root().resolve("workflows/examples/cross-account/consumer")));
        store = new DynamoDbWorkflowRunStore(dynamoDb, table, Duration.ofDays(90));
        for (String job : List.of("prepare-reference", "build-orders-report")) {
            glue.createJob(b -> b.name(job).role("arn:aws:iam::123456789012:role/glue")
                    .command(c -> c.name("glueetl").scriptLocation("s3://scripts/" + job + ".py")));
        }
        try (software.amazon.awssdk.services.sts.StsClient sts = moto.sts();
             GlueClient producerGlue = moto.glue(software.amazon.awssdk.services.sts.auth
                     .StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                     .refreshRequest(r -> r.roleArn(role).roleSessionName("setup")).build())) {
            producerGlue.createJob(b -> b.name("archive-orders").role("arn:aws:iam::" + producer + ":role/glue")
                    .command(c -> c.name("glueetl").scriptLocation("s3://scripts/archive.py")));
            Dependencies consumer = new Dependencies(Map.of("AWS_REGION", "us-east-1", "TABLE_NAME", table,
                    "EVENT_BUS_NAME", BUS, "ACCOUNT_ID", "123456789012", "TRUSTED_ACCOUNTS", producer,
                    "AWS_ENDPOINT_URL_DYNAMODB", DynamoDbLocal.endpoint().toString(),
                    "AWS_ENDPOINT_URL_GLUE", moto.endpoint().toString(),
                    "AWS_ENDPOINT_URL_STS", moto.endpoint().toString(),
                    "AWS_ENDPOINT_URL_EVENTBRIDGE", moto.endpoint().toString()), clock);
            ScheduleTickHandler ticks = new ScheduleTickHandler(consumer.dispatcher, consumer.metrics);
            GlueEventHandler events = new GlueEventHandler(consumer.dispatcher, consumer.metrics);
            // WHEN the consumer's 14:00 run prepared its reference data
            deliver(ticks, Resources.event("schedule-tick.json"));
            clock.set(Instant.parse("2026-11-21T14:10:00Z"));
            deliver(events, jobEvent("job-succeeded.json", "prepare-reference", clock.instant()));
            // and the producer reports ingest-orders of another hour, then from an untrusted account, then its own
            String completed = Resources.event("orchestrator-action-completed.json");
            deliver(events, completed.replace("2026-11-21T13", "2026-11-21T12"));
            deliver(events, completed.replace(producer, "333333333333"));
            assertThat(runsOf("build-orders-report")).isEmpty();
            deliver(events, completed);
            // THEN the join fired for partition 13 only, and archive-orders runs in the producer's account
            assertThat(runsOf("build-orders-report")).singleElement().satisfies(run ->
                    assertThat(run.arguments()).containsEntry("--hour_partition_value", "13"));
            assertThat(producerGlue.getJobRuns(b -> b.jobName("archive-orders")).jobRuns()).singleElement()
                    .satisfies(run -> assertThat(run.arguments()).containsEntry("--hour_partition_value", "13"));
        }
    }

    @Test
    void unparsableEvent_shouldBeDroppedWithoutFailingTheInvocation() {
        deliver(glueHandler, "{\"detail-type\": \"Glue Job State Change\", \"id\": \"bad-1\"}");
        assertThat(runsOf("ingest-orders")).isEmpty();
    }
}
