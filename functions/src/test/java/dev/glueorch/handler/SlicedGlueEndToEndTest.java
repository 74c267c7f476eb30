package dev.glueorch.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.contract.FunctionEnvironment;
import dev.glueorch.contract.GlueAccessSlices;
import dev.glueorch.engine.ManualClock;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.NodeType;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.FakeContext;
import dev.glueorch.testing.MotoServer;
import dev.glueorch.testing.Resources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The handlers with the environment the stack gives them at scale ({@code GLUE_ACCESS_ROLE_ARNS}), against DynamoDB
 * Local and moto's STS and Glue. Each Glue access role is put in an account of its own, each job created only where
 * its slice's role lands (moto's STS puts an assumed role's calls in the role's account): a run there proves the
 * function started the job with its slice's role.
 */
class SlicedGlueEndToEndTest {

    private static final List<String> ACCESS_ROLES = List.of(
            "arn:aws:iam::222222222222:role/glue-orchestrator-glue-access-0",
            "arn:aws:iam::333333333333:role/glue-orchestrator-glue-access-1");
    private static final String BUS = "glue-orchestrator";

    private final MotoServer moto = MotoServer.shared();
    private final DynamoDbClient dynamoDb = DynamoDbLocal.client();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T14:00:04Z"));
    private final List<GlueClient> sliceGlue = new ArrayList<>();
    private StsClient sts;
    private ScheduleTickHandler tickHandler;

    @BeforeEach
    void deploy() {
        moto.reset();
        moto.jobRunsProgressEvery(3600);
        sts = moto.sts();
        for (String role : ACCESS_ROLES) {
            sliceGlue.add(moto.glue(StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(r -> r.roleArn(role).roleSessionName("test")).build()));
        }
        String table = DynamoDbLocal.newTable(dynamoDb);
        Definitions definitions = new DefinitionLoader().load(Resources.exampleWorkflows());
        new DynamoDbDefinitionsSource(dynamoDb, table, clock, Duration.ZERO).publish(definitions);
        for (String job : definitions.jobNames()) {
            glueOfSlice(job).createJob(b -> b.name(job).role("arn:aws:iam::123456789012:role/glue")
                    .command(c -> c.name("glueetl").scriptLocation("s3://scripts/" + job + ".py"))
                    .executionProperty(e -> e.maxConcurrentRuns(1)));
        }
        try (EventBridgeClient events = moto.eventBridge()) {
            events.createEventBus(b -> b.name(BUS));
        }
        Dependencies dependencies = new Dependencies(Map.of("AWS_REGION", "us-east-1", "TABLE_NAME", table,
                "EVENT_BUS_NAME", BUS, "AWS_ENDPOINT_URL_DYNAMODB", DynamoDbLocal.endpoint().toString(),
                "AWS_ENDPOINT_URL_GLUE", moto.endpoint().toString(),
                "AWS_ENDPOINT_URL_STS", moto.endpoint().toString(),
                "AWS_ENDPOINT_URL_EVENTBRIDGE", moto.endpoint().toString(),
                FunctionEnvironment.GLUE_ACCESS_ROLE_ARNS, GlueAccessSlices.environmentValue(ACCESS_ROLES)), clock);
        tickHandler = new ScheduleTickHandler(dependencies.dispatcher, dependencies.metrics);
    }

    @AfterEach
    void close() {
        sliceGlue.forEach(GlueClient::close);
        sts.close();
    }

    @Test
    void tick_shouldStartEachJobWithTheRoleOfItsSlice() {
        // GIVEN the two ingest jobs in different slices, so that both roles are used
        assertThat(List.of(slice("ingest-orders"), slice("ingest-payments"))).containsExactlyInAnyOrder(0, 1);

        // WHEN the 14:00 tick arrives
        deliver(tickHandler, Resources.event("schedule-tick.json"));

        // THEN each ingest job has one run, in the account of its slice's role
        for (String job : List.of("ingest-orders", "ingest-payments")) {
            assertThat(glueOfSlice(job).getJobRuns(b -> b.jobName(job)).jobRuns()).as(job).singleElement()
                    .satisfies(run -> assertThat(run.arguments()).containsEntry("--hour_partition_value", "13"));
        }
    }

    private static int slice(String job) {
        return GlueAccessSlices.sliceOf(NodeType.JOB, job, ACCESS_ROLES.size());
    }

    private GlueClient glueOfSlice(String job) {
        return sliceGlue.get(slice(job));
    }

    private static void deliver(DispatchingHandler handler, String json) {
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), new FakeContext("glue-orchestrator-test"));
    }
}
