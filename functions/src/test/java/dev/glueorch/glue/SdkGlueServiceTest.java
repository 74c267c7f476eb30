package dev.glueorch.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.engine.StartRejectedException;
import dev.glueorch.testing.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;

/** StartJobRun / StartCrawler on the wire, against moto's Glue. */
class SdkGlueServiceTest {

    private static MotoServer moto;
    private static GlueClient glue;
    private final SdkGlueService launcher = new SdkGlueService(glue);

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.shared();
        glue = moto.glue();
    }

    @AfterAll
    static void closeClient() {
        glue.close();
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
    void startCrawler_shouldStartTheNamedCrawler() {
        glue.createCrawler(b -> b.name("catalog-sales").role("arn:aws:iam::123456789012:role/glue")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/sales/"))));
        launcher.startCrawler("catalog-sales");
        assertThat(glue.getCrawler(b -> b.name("catalog-sales")).crawler().stateAsString()).isEqualTo("RUNNING");
        assertThatThrownBy(() -> launcher.startCrawler("catalog-sales"))
                .isInstanceOfSatisfying(StartRejectedException.class, e -> assertThat(e.retryable()).isTrue());
    }
}
