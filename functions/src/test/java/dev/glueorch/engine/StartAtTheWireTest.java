package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.clients.AwsClients;
import dev.glueorch.glue.SdkGlueService;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.WireStub;
import dev.glueorch.testing.WireStub.Answer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Exactly once at the wire, end to end: the engine on DynamoDB Local drives the real Glue adapter, on the SDK client
 * the functions build, against a Glue stub on 127.0.0.1 that loses the answer to a start in each of the ways a network
 * and Glue do. Whatever the fault, after the tick, later ticks and reconcile passes, Glue holds one run per action and
 * that run is the one recorded on the action: no start was sent again while its outcome was unknown.
 */
class StartAtTheWireTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private static final String PARTITION = "2026-11-21T13";

    private final EngineHarness h = new EngineHarness(SLOT);
    private WireStub glue;
    private AwsClients clients;

    @BeforeEach
    void wire() throws IOException {
        glue = new WireStub(h.clock);
        // a start attempt waits one second for its answer here (15 in the functions), so a hang ends quickly
        clients = AwsClients.create(Region.US_EAST_1, Map.of(AwsClients.ENDPOINT_URL, glue.endpoint().toString()),
                Duration.ofSeconds(1));
        h.driving(new SdkGlueService(clients));
    }

    @AfterEach
    void close() {
        clients.close();
        glue.close();
        h.close();
    }

    @Test
    void startAnswerLostAfterGlueStartedTheRun_shouldLeaveOneGlueRun() {
        // GIVEN Glue starts the first run asked for (ingest-orders), then the connection drops before its answer
        glue.script("StartJobRun", Answer.startedThenDropped());

        // WHEN the hourly slot is ticked, then later ticks and reconcile passes come
        runTheSlot();

        // THEN
        assertOneGlueRunPerActionRecordedAsRunning();
    }

    @Test
    void startAnswered500AfterGlueStartedTheRun_shouldLeaveOneGlueRun() {
        // GIVEN Glue starts the run, then answers 500 InternalServiceException
        glue.script("StartJobRun", Answer.startedThenError(500, "InternalServiceException"));

        // WHEN
        runTheSlot();

        // THEN
        assertOneGlueRunPerActionRecordedAsRunning();
    }

    @Test
    void startNeverAnswered_shouldLeaveOneGlueRun() {
        // GIVEN Glue starts the run and never answers: the start attempt times out
        glue.script("StartJobRun", Answer.startedThenNeverAnswered());

        // WHEN
        runTheSlot();

        // THEN
        assertOneGlueRunPerActionRecordedAsRunning();
    }

    @Test
    void startThrottledBeforeGlueStartedTheRun_shouldWaitThenLeaveOneGlueRun() {
        // GIVEN Glue throttles both attempts of the tick's start of ingest-orders (400: nothing started)
        glue.script("StartJobRun", Answer.error(400, "ThrottlingException", "Rate exceeded"),
                Answer.error(400, "ThrottlingException", "Rate exceeded"));

        // WHEN the slot is ticked
        h.tick(SLOT);

        // THEN the action waits, with nothing started for it in Glue
        assertThat(action("ingest-orders").state()).isEqualTo(JobRunState.WAITING);
        assertThat(runsOf(action("ingest-orders"))).isEmpty();

        // WHEN later ticks and reconcile passes come
        runTheSlotAfterItsTick();

        // THEN the retry started it once
        assertOneGlueRunPerActionRecordedAsRunning();
    }

    @Test
    void startAnswerLostAndLookUpFailing_shouldLookAgainBeforeAnyNewStart() {
        // GIVEN the answer is lost after Glue started the run, and GetJobRuns fails past the SDK's three attempts
        glue.script("StartJobRun", Answer.startedThenDropped());
        glue.script("GetJobRuns", Answer.error(500, "InternalServiceException", "oops"),
                Answer.error(500, "InternalServiceException", "oops"),
                Answer.error(500, "InternalServiceException", "oops"));

        // WHEN the slot is ticked
        h.tick(SLOT);

        // THEN the action waits for a look-up, not for a new start
        assertThat(action("ingest-orders").state()).isEqualTo(JobRunState.WAITING);
        assertThat(runsOf(action("ingest-orders"))).hasSize(1);

        // WHEN later ticks and reconcile passes come
        runTheSlotAfterItsTick();

        // THEN the next retry looked the run up and adopted it
        assertOneGlueRunPerActionRecordedAsRunning();
    }

    /** The slot's tick, then what follows in a deployment: ticks every minute and reconcile passes. */
    private void runTheSlot() {
        h.tick(SLOT);
        runTheSlotAfterItsTick();
    }

    private void runTheSlotAfterItsTick() {
        h.tick(SLOT.plus(Duration.ofMinutes(1)));
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        h.tick(SLOT.plus(Duration.ofMinutes(6)));
        // past the reconciler's claim grace and its running check: it asks Glue (GetJobRun) for each run
        h.reconcile(SLOT.plus(Duration.ofMinutes(15)));
        h.tick(SLOT.plus(Duration.ofMinutes(16)));
    }

    /**
     * Glue holds exactly one run per action of the slot's start trigger, every Glue run carries the action id of the
     * action it is recorded on (no orphan), and each action is RUNNING with that run's id.
     */
    private void assertOneGlueRunPerActionRecordedAsRunning() {
        List<ActionRun> jobActions = h.run(PARTITION).actions().values().stream()
                .filter(a -> a.type() == NodeType.JOB).toList();
        assertThat(jobActions).extracting(ActionRun::name)
                .containsExactlyInAnyOrder("ingest-orders", "ingest-payments");
        for (ActionRun action : jobActions) {
            List<WireStub.JobRun> runs = runsOf(action);
            assertThat(runs).as("Glue runs of " + action.name()).hasSize(1);
            assertThat(action.state()).as(action.name()).isEqualTo(JobRunState.RUNNING);
            assertThat(action.jobRunId()).as(action.name()).isEqualTo(runs.get(0).jobRunId());
        }
        Map<String, String> recorded = jobActions.stream()
                .collect(Collectors.toMap(ActionRun::actionId, ActionRun::jobRunId));
        assertThat(glue.jobRuns()).as("every Glue run is the run recorded on its action")
                .allSatisfy(run -> assertThat(run.jobRunId())
                        .isEqualTo(recorded.get(run.arguments().get(ArgumentResolver.ACTION_ID_ARGUMENT))));
        assertThat(h.run(PARTITION).statistics().waitingActions()).isZero();
        assertThat(h.metrics.repairsFailed()).as("repairs that failed").isEmpty();
    }

    private ActionRun action(String name) {
        return h.run(PARTITION).actions().values().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow();
    }

    /** The Glue job runs started for {@code action}, found by the action id they carry. */
    private List<WireStub.JobRun> runsOf(ActionRun action) {
        return glue.jobRuns().stream()
                .filter(run -> action.actionId().equals(run.arguments().get(ArgumentResolver.ACTION_ID_ARGUMENT)))
                .toList();
    }
}
