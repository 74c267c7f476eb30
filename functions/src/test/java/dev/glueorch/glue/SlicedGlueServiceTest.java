package dev.glueorch.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.StartRejectedException;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.NodeType;
import dev.glueorch.testing.MotoServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The sliced Glue on the wire against moto's STS and Glue, with the clients the functions build. Each slice's role
 * is put in an account of its own here, and each job or crawler created only there: moto's STS makes an assumed
 * role's calls land in the role's account, so a start that succeeds proves the call went through its slice's role.
 */
class SlicedGlueServiceTest {

    private static final String SLICE_0 = "arn:aws:iam::222222222222:role/glue-orchestrator-glue-access-0";
    private static final String SLICE_1 = "arn:aws:iam::333333333333:role/glue-orchestrator-glue-access-1";

    private static MotoServer moto;
    private static AwsClients clients;
    private static StsClient sts;
    private SlicedGlueService sliced;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.shared();
        clients = moto.clients();
        sts = moto.sts();
    }

    @AfterAll
    static void closeClients() {
        sts.close();
        clients.close();
    }

    @BeforeEach
    void reset() {
        moto.reset();
        // A new service per test: moto's reset forgets the sessions whose credentials a service keeps
        sliced = new SlicedGlueService(new SdkGlueService(clients), List.of(SLICE_0, SLICE_1));
    }

    @Test
    void startJobRun_shouldStartTheJobThroughItsSlicesRole() {
        // GIVEN ingest-orders in slice 0 and archive-orders in slice 1 (the golden slices of GlueAccessSlicesTest),
        // each job existing only in the account of its slice's role
        assertThat(sliced.roleFor(NodeType.JOB, "ingest-orders")).isEqualTo(SLICE_0);
        assertThat(sliced.roleFor(NodeType.JOB, "archive-orders")).isEqualTo(SLICE_1);
        GlueClient slice0 = glueAs(SLICE_0);
        GlueClient slice1 = glueAs(SLICE_1);
        createJob(slice0, "ingest-orders");
        createJob(slice1, "archive-orders");

        // WHEN the orchestrator starts both
        String ingest = sliced.startJobRun("ingest-orders", Map.of("--glueorch_action_id", "wr_1:t:0"), null, null,
                null);
        String archive = sliced.startJobRun("archive-orders", Map.of(), null, null, null);

        // THEN each run was started as its slice's role, and is read and found back through it
        assertThat(slice0.getJobRuns(b -> b.jobName("ingest-orders")).jobRuns()).singleElement()
                .satisfies(run -> assertThat(run.id()).isEqualTo(ingest));
        assertThat(slice1.getJobRuns(b -> b.jobName("archive-orders")).jobRuns()).singleElement()
                .satisfies(run -> assertThat(run.id()).isEqualTo(archive));
        assertThat(sliced.jobRun("ingest-orders", ingest)).isPresent();
        assertThat(sliced.findJobRun("ingest-orders", "wr_1:t:0")).get()
                .satisfies(run -> assertThat(run.jobRunId()).isEqualTo(ingest));
        slice0.close();
        slice1.close();
    }

    @Test
    void startJobRun_shouldBeRefusedWhenTheJobIsOnlyInAnotherSlice() {
        // GIVEN ingest-orders (slice 0) created only where slice 1's role reaches
        GlueClient slice1 = glueAs(SLICE_1);
        createJob(slice1, "ingest-orders");

        // WHEN / THEN its start goes through slice 0's role, never another, and Glue there does not know the job:
        // a refusal, so the run was certainly not started
        assertThatThrownBy(() -> sliced.startJobRun("ingest-orders", Map.of(), null, null, null))
                .isInstanceOfSatisfying(StartRejectedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("EntityNotFoundException"));
        assertThat(slice1.getJobRuns(b -> b.jobName("ingest-orders")).jobRuns()).isEmpty();
        slice1.close();
    }

    @Test
    void startCrawler_shouldStartTheCrawlerThroughItsSlicesRole() {
        // GIVEN catalog-orders, in slice 0, existing only there
        assertThat(sliced.roleFor(NodeType.CRAWLER, "catalog-orders")).isEqualTo(SLICE_0);
        GlueClient slice0 = glueAs(SLICE_0);
        slice0.createCrawler(b -> b.name("catalog-orders").role("arn:aws:iam::222222222222:role/glue")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/orders/"))));

        // WHEN / THEN the orchestrator starts it and reads its state through that role
        sliced.startCrawler("catalog-orders");
        assertThat(slice0.getCrawler(b -> b.name("catalog-orders")).crawler().stateAsString()).isEqualTo("RUNNING");
        assertThat(sliced.lastCrawl("catalog-orders")).get()
                .satisfies(crawl -> assertThat(crawl.state()).isEqualTo(CrawlState.RUNNING));
        slice0.close();
    }

    @Test
    void forRole_shouldReachARemoteRoleDirectlyNotThroughASlice() {
        // GIVEN an action's own RoleArn in account 444444444444, with a job there
        String remote = "arn:aws:iam::444444444444:role/glue-orchestrator-remote-actions";
        GlueClient remoteGlue = glueAs(remote);
        createJob(remoteGlue, "ingest-orders");

        // WHEN the orchestrator starts it through that role
        GlueService inRemoteAccount = sliced.forRole(remote, "orders-consumer");
        String id = inRemoteAccount.startJobRun("ingest-orders", Map.of(), null, null, null);

        // THEN the run is there (the role was assumed as without slices); forRole(null) is the sliced Glue itself
        assertThat(remoteGlue.getJobRuns(b -> b.jobName("ingest-orders")).jobRuns()).singleElement()
                .satisfies(run -> assertThat(run.id()).isEqualTo(id));
        assertThat(sliced.forRole(null, null)).isSameAs(sliced);
        remoteGlue.close();
    }

    private static GlueClient glueAs(String role) {
        return moto.glue(StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(role).roleSessionName("test")).build());
    }

    private static void createJob(GlueClient glue, String name) {
        glue.createJob(b -> b.name(name).role("arn:aws:iam::123456789012:role/glue")
                .command(c -> c.name("glueetl").scriptLocation("s3://scripts/" + name + ".py"))
                .executionProperty(e -> e.maxConcurrentRuns(5)));
    }
}
