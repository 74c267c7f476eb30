package dev.glueorch.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.StartOutcomeUnknownException;
import dev.glueorch.engine.StartRejectedException;
import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.WireStub;
import dev.glueorch.testing.WireStub.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Glue's faults at the wire, on the clients the functions build: a start whose answer is lost is reported as unknown
 * and never sent twice; a refusal is reported as such, retryable or not; a read is retried by the SDK.
 */
class SdkGlueServiceFaultsTest {

    private static final String ACTION_ID = "wr_1:sales-start:0";
    private static final Map<String, String> ARGUMENTS = Map.of("--glueorch_action_id", ACTION_ID);

    private WireStub glue;
    private AwsClients clients;
    private SdkGlueService service;

    @BeforeEach
    void stub() throws IOException {
        glue = new WireStub();
        // a start attempt waits one second for its answer here (15 in the functions)
        clients = AwsClients.create(Region.US_EAST_1, Map.of(AwsClients.ENDPOINT_URL, glue.endpoint().toString()),
                Duration.ofSeconds(1));
        service = new SdkGlueService(clients);
    }

    @AfterEach
    void close() {
        clients.close();
        glue.close();
    }

    @Test
    void startJobRun_shouldNotResend_whenConnectionDropsAfterStart() {
        // GIVEN Glue starts the run, then the connection drops before its answer
        glue.script("StartJobRun", Answer.startedThenDropped());

        // WHEN the orchestrator starts the job
        // THEN the outcome is unknown, the request went once, and the run is found by its action id
        assertThatThrownBy(() -> service.startJobRun("ingest-orders", ARGUMENTS, null, null, null))
                .isInstanceOfSatisfying(StartOutcomeUnknownException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("NoAnswer"));
        assertThat(glue.received("StartJobRun")).isEqualTo(1);
        assertThat(glue.runsStarted()).isEqualTo(1);
        assertThat(service.findJobRun("ingest-orders", ACTION_ID)).get()
                .satisfies(run -> assertThat(run.state()).isEqualTo(JobRunState.RUNNING));
    }

    @Test
    void startJobRun_shouldNotResend_whenAnswerNeverComes() {
        // GIVEN Glue starts the run and never answers
        glue.script("StartJobRun", Answer.startedThenNeverAnswered());

        // WHEN the orchestrator starts the job; THEN the attempt times out as an unknown outcome, sent once
        long start = System.nanoTime();
        assertThatThrownBy(() -> service.startJobRun("ingest-orders", ARGUMENTS, null, null, null))
                .isInstanceOfSatisfying(StartOutcomeUnknownException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("NoAnswer"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(glue.received("StartJobRun")).isEqualTo(1);
    }

    @Test
    void startJobRun_shouldNotResend_whenGlueFailsAfterStart() {
        // GIVEN Glue starts the run, then answers 500 InternalServiceException
        glue.script("StartJobRun", Answer.startedThenError(500, "InternalServiceException"));

        // WHEN the orchestrator starts the job; THEN the outcome is unknown, with Glue's code, and it was sent once
        assertThatThrownBy(() -> service.startJobRun("ingest-orders", ARGUMENTS, null, null, null))
                .isInstanceOfSatisfying(StartOutcomeUnknownException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InternalServiceException"));
        assertThat(glue.received("StartJobRun")).isEqualTo(1);
        assertThat(glue.runsStarted()).isEqualTo(1);
    }

    @Test
    void startJobRun_shouldBeARetryableRefusalSentOnce_whenGlueThrottles() {
        // GIVEN Glue throttles (HTTP 400: the run was not started)
        glue.script("StartJobRun", Answer.error(400, "ThrottlingException", "Rate exceeded"));

        // WHEN the orchestrator starts the job
        // THEN the SDK does not try again (the orchestrator's one retry layer does) and reports a retryable refusal
        assertThatThrownBy(() -> service.startJobRun("ingest-orders", ARGUMENTS, null, null, null))
                .isInstanceOfSatisfying(StartRejectedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(glue.received("StartJobRun")).isEqualTo(1);
        assertThat(glue.runsStarted()).isZero();
    }

    @Test
    void startJobRun_shouldBeARetryableRefusalSentOnce_whenConcurrentRunsAreExceeded() {
        glue.script("StartJobRun", Answer.error(400, "ConcurrentRunsExceededException", "Concurrent runs exceeded"));

        // the action waits for a slot: minutes, not the SDK's back-off of a few hundred milliseconds
        assertThatThrownBy(() -> service.startJobRun("ingest-orders", ARGUMENTS, null, null, null))
                .isInstanceOfSatisfying(StartRejectedException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(glue.received("StartJobRun")).isEqualTo(1);
    }

    @Test
    void startJobRun_shouldBeAFinalRefusal_whenTheJobDoesNotExistOrTheInputIsInvalid() {
        glue.script("StartJobRun", Answer.error(400, "EntityNotFoundException", "Job ingest-orders not found"),
                Answer.error(400, "InvalidInputException", "Timeout must be positive"),
                Answer.error(400, "AccessDeniedException", "not authorized to perform glue:StartJobRun"));

        for (String code : new String[] {"EntityNotFoundException", "InvalidInputException", "AccessDeniedException"}) {
            assertThatThrownBy(() -> service.startJobRun("ingest-orders", ARGUMENTS, null, null, null))
                    .isInstanceOfSatisfying(StartRejectedException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(code);
                        assertThat(e.retryable()).isFalse();
                    });
        }
        assertThat(glue.received("StartJobRun")).as("a refusal is not retried").isEqualTo(3);
    }

    @Test
    void startCrawler_shouldNotResend_whenGlueFailsAfterStart() {
        glue.script("StartCrawler", Answer.error(503, "ServiceUnavailableException", "try later"),
                Answer.error(400, "CrawlerRunningException", "Crawler catalog-orders is running"));

        assertThatThrownBy(() -> service.startCrawler("catalog-orders"))
                .isInstanceOf(StartOutcomeUnknownException.class);
        assertThat(glue.received("StartCrawler")).isEqualTo(1);
        assertThatThrownBy(() -> service.startCrawler("catalog-orders"))
                .isInstanceOfSatisfying(StartRejectedException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void jobRun_shouldBeRetriedBySdk_whenGlueFailsOnce() {
        // GIVEN GetJobRun fails with a 500, then answers
        glue.script("GetJobRun", Answer.error(500, "InternalServiceException", "oops"),
                Answer.ok("{\"JobRun\":{\"Id\":\"jr_1\",\"JobRunState\":\"SUCCEEDED\",\"StartedOn\":1.7637336E9}}"));

        // WHEN the reconciler reads the run; THEN the SDK read it again and the state is Glue's
        assertThat(service.jobRun("ingest-orders", "jr_1")).get()
                .satisfies(run -> assertThat(run.state()).isEqualTo(JobRunState.SUCCEEDED));
        assertThat(glue.received("GetJobRun")).isEqualTo(2);
    }

    @Test
    void findJobRun_shouldMatchOnlyTheRunWithTheActionId() {
        // GIVEN two runs of the job, one started for another action
        service.startJobRun("ingest-orders", Map.of("--glueorch_action_id", "wr_0:sales-start:0"), null, null, null);
        String ours = service.startJobRun("ingest-orders", ARGUMENTS, null, null, null);

        assertThat(service.findJobRun("ingest-orders", ACTION_ID)).get()
                .satisfies(run -> assertThat(run.jobRunId()).isEqualTo(ours));
        assertThat(service.findJobRun("ingest-orders", "wr_2:sales-start:0")).isEmpty();
    }
}
