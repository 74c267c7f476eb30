package dev.glueorch.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.StartRejectedException;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The adapter on the wire against moto's Glue, with the clients the functions build: starts, refusals, reads, and a
 * cross-account start through an assumed role. (Faults moto cannot play are in {@link SdkGlueServiceFaultsTest}.)
 */
class SdkGlueServiceTest {

    private static MotoServer moto;
    private static GlueClient glue;
    private static AwsClients clients;
    private static SdkGlueService launcher;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.shared();
        glue = moto.glue();
        clients = moto.clients();
        launcher = new SdkGlueService(clients);
    }

    @AfterAll
    static void closeClients() {
        glue.close();
        clients.close();
    }

    @BeforeEach
    void jobs() {
        moto.reset();
        // runs stay RUNNING for a minute, so a second run meets the first
        moto.jobRunsProgressEvery(60);
        glue.createJob(b -> b.name("ingest-orders").role("arn:aws:iam::123456789012:role/glue")
                .command(c -> c.name("glueetl").scriptLocation("s3://scripts/ingest.py"))
                .executionProperty(e -> e.maxConcurrentRuns(1)));
    }

    @Test
    void startJobRun_shouldPassThePartitionArgumentsToGlue() {
        Map<String, String> arguments = Map.of("--day_partition_key", "partition_0",
                "--hour_partition_key", "partition_1", "--day_partition_value", "2026-11-21",
                "--hour_partition_value", "13", "--glueorch_action_id", "wr_1:sales-start:0");
        String id = launcher.startJobRun("ingest-orders", arguments, 30, null, 10);
        JobRun run = glue.getJobRun(b -> b.jobName("ingest-orders").runId(id)).jobRun();
        assertThat(run.arguments()).containsExactlyInAnyOrderEntriesOf(arguments);
        assertThat(run.timeout()).isEqualTo(30);
    }

    @Test
    void secondRunBeyondMaxConcurrentRuns_shouldBeARetryableRefusal() {
        launcher.startJobRun("ingest-orders", Map.of(), null, null, null);
        assertThatThrownBy(() -> launcher.startJobRun("ingest-orders", Map.of(), null, null, null))
                .isInstanceOfSatisfying(StartRejectedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ConcurrentRunsExceededException");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void unknownJob_shouldBeAFinalRefusalWithGluesMessage() {
        assertThatThrownBy(() -> launcher.startJobRun("no-such-job", Map.of(), null, null, null))
                .isInstanceOfSatisfying(StartRejectedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("EntityNotFoundException");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void findJobRun_shouldFindTheRunStartedWithTheActionId() {
        // GIVEN two runs, only one started by the orchestrator for action a-2
        moto.jobRunsProgressEvery(1);
        glue.createJob(b -> b.name("transform").role("arn:aws:iam::123456789012:role/glue")
                .command(c -> c.name("glueetl").scriptLocation("s3://scripts/transform.py"))
                .executionProperty(e -> e.maxConcurrentRuns(5)));
        glue.startJobRun(b -> b.jobName("transform").arguments(Map.of("--other", "x")));
        String ours = launcher.startJobRun("transform", Map.of("--glueorch_action_id", "a-2"), null, null, null);
        // WHEN the reconciler looks for a-2's run; THEN it finds exactly that one, and nothing for a-3
        assertThat(launcher.findJobRun("transform", "a-2")).get()
                .satisfies(status -> assertThat(status.jobRunId()).isEqualTo(ours));
        assertThat(launcher.findJobRun("transform", "a-3")).isEmpty();
        assertThat(launcher.findJobRun("no-such-job", "a-2")).isEmpty();
    }

    @Test
    void jobRun_shouldReportGluesStateOnceTheRunEnded() throws InterruptedException {
        moto.jobRunsProgressEvery(1);
        String id = launcher.startJobRun("ingest-orders", Map.of(), null, null, null);
        GlueService.JobRunStatus status = launcher.jobRun("ingest-orders", id).orElseThrow();
        for (int i = 0; i < 40 && !status.state().isTerminal(); i++) {
            Thread.sleep(250);
            status = launcher.jobRun("ingest-orders", id).orElseThrow();
        }
        assertThat(status.state()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(status.startedOn()).isNotNull();
        assertThat(launcher.jobRun("ingest-orders", "jr_unknown")).isEmpty();
    }

    @Test
    void lastCrawl_shouldSayRunningWhileTheCrawlerRuns() {
        glue.createCrawler(b -> b.name("catalog-orders").role("arn:aws:iam::123456789012:role/glue")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/orders/"))));
        assertThat(launcher.lastCrawl("catalog-orders")).isEmpty();
        launcher.startCrawler("catalog-orders");
        assertThat(launcher.lastCrawl("catalog-orders")).get()
                .satisfies(crawl -> assertThat(crawl.state()).isEqualTo(CrawlState.RUNNING));
        assertThat(launcher.lastCrawl("no-such-crawler")).isEmpty();
    }

    @Test
    void forRole_shouldStartTheJobInTheRolesAccount() {
        // GIVEN a job that exists only in account 222222222222, reached through a role there (moto's STS makes
        // an assumed role's calls land in the role's account)
        String role = "arn:aws:iam::222222222222:role/glue-orchestrator-remote-actions";
        try (StsClient sts = moto.sts()) {
            GlueClient remote = moto.glue(StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(r -> r.roleArn(role).roleSessionName("test")).build());
            remote.createJob(b -> b.name("archive-orders").role("arn:aws:iam::222222222222:role/glue")
                    .command(c -> c.name("glueetl").scriptLocation("s3://scripts/archive.py")));
            // WHEN the orchestrator starts it through the role, with the role's external id
            GlueService inRemoteAccount = launcher.forRole(role, "orders-consumer");
            String id = inRemoteAccount.startJobRun("archive-orders", Map.of("--glueorch_action_id", "wr_9:t:0"), null,
                    null, null);
            // THEN the run is in account 222222222222, readable and findable through the same role, unknown here
            assertThat(remote.getJobRuns(b -> b.jobName("archive-orders")).jobRuns()).singleElement()
                    .satisfies(run -> assertThat(run.id()).isEqualTo(id));
            assertThat(inRemoteAccount.jobRun("archive-orders", id)).isPresent();
            assertThat(inRemoteAccount.findJobRun("archive-orders", "wr_9:t:0")).get()
                    .satisfies(run -> assertThat(run.jobRunId()).isEqualTo(id));
            assertThat(launcher.forRole(role, "orders-consumer")).isSameAs(inRemoteAccount);
            assertThat(launcher.jobRun("archive-orders", id)).isEmpty();
            assertThatThrownBy(() -> launcher.startJobRun("archive-orders", Map.of(), null, null, null))
                    .isInstanceOfSatisfying(StartRejectedException.class,
                            e -> assertThat(e.errorCode()).isEqualTo("EntityNotFoundException"));
            remote.close();
        }
    }

    @Test
    void startCrawler_shouldStartTheNamedCrawler() {
        glue.createCrawler(b -> b.name("catalog-sales").role("arn:aws:iam::123456789012:role/glue")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/sales/"))));
        launcher.startCrawler("catalog-sales");
        assertThat(glue.getCrawler(b -> b.name("catalog-sales")).crawler().stateAsString()).isEqualTo("RUNNING");
        assertThatThrownBy(() -> launcher.startCrawler("catalog-sales"))
                .isInstanceOfSatisfying(StartRejectedException.class, e -> assertThat(e.retryable()).isTrue());
    }
}
