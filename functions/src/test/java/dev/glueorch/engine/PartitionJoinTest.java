package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.Resources;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Run the hourly join when both the upstream job of hour 13 has succeeded and hour 13's partner file has landed":
 * the run of the hour that the schedule and the hour's files share stays open for whichever comes second.
 */
class PartitionJoinTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKFLOW = "partner-join";
    private static final String PARTNER_JOIN = """
        {"Workflow": {"Name": "partner-join", "Partitioning": {"Granularity": "HOUR", "Offset": -1}},
         "Triggers": [
           {"Name": "hourly", "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)",
            "Actions": [{"JobName": "ingest-orders"}]},
           {"Name": "partner-files", "Type": "EVENT",
            "EventBatchingCondition": {"BatchSize": 1, "BatchWindow": 60},
            "EventPattern": {"source": ["aws.s3"], "detail": {"bucket": {"name": ["partner-drops"]}}},
            "PartitionFrom": {"Path": "detail.object.key",
                              "Pattern": "dt=(?<day>\\\\d{4}-\\\\d{2}-\\\\d{2})/hr=(?<hour>\\\\d{1,2})/"},
            "Actions": [{"JobName": "register-partner-file"}]},
           {"Name": "hourly-join", "Type": "CONDITIONAL",
            "Predicate": {"Logical": "AND", "Conditions": [
              {"LogicalOperator": "EQUALS", "JobName": "ingest-orders", "State": "SUCCEEDED"},
              {"LogicalOperator": "EQUALS", "JobName": "register-partner-file", "State": "SUCCEEDED"}]},
            "Actions": [{"JobName": "join-partner-orders"}]}]}
        """;
    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");

    private EngineHarness harness;

    @BeforeEach
    void setUp() {
        harness = new EngineHarness(SLOT.minusSeconds(3600));
        harness.use(new DefinitionValidator().validateAll(Map.of("workflows/partner-join.json", PARTNER_JOIN)));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private GlueEvent.TriggerEvent hour13File(String id) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Resources.event("s3-object-created.json"));
        event.put("id", id);
        ((ObjectNode) event.path("detail").path("object")).put("key", "orders/dt=2026-11-21/hr=13/" + id);
        return new GlueEvent.TriggerEvent(id, harness.clock.instant(), WORKFLOW, "partner-files", event);
    }

    private WorkflowRun run13() {
        return harness.store.run(WORKFLOW, RunIds.forPartition(WORKFLOW, "2026-11-21T13")).orElseThrow();
    }

    @Test
    void fileLandingAfterTheUpstreamSucceeded_shouldJoinTheOpenRunAndRunTheJoin() throws Exception {
        // GIVEN the 14:00 slot ran hour 13's upstream job, which succeeded with no file of hour 13 yet
        harness.tick(SLOT);
        harness.jobState("ingest-orders", JobRunState.SUCCEEDED);
        assertThat(run13().status()).isEqualTo(WorkflowRunStatus.RUNNING);

        // WHEN hour 13's file lands at 15:10 and its job succeeds
        harness.clock.set(SLOT.plusSeconds(70 * 60));
        harness.orchestrator.handle(hour13File("late-file"));
        harness.jobState("register-partner-file", JobRunState.SUCCEEDED);

        // THEN the join runs in that same run, which then completes
        assertThat(harness.glue.startsOf("join-partner-orders")).hasSize(1);
        harness.jobState("join-partner-orders", JobRunState.SUCCEEDED);
        assertThat(run13().status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        assertThat(harness.store.runs(WORKFLOW)).hasSize(1);
    }

    @Test
    void fileLandingBeforeTheSlot_shouldKeepItsRunOpenForTheScheduledUpstream() throws Exception {
        // GIVEN hour 13's file landed at 13:50 and was registered
        harness.clock.set(SLOT.minusSeconds(600));
        harness.orchestrator.handle(hour13File("early-file"));
        harness.jobState("register-partner-file", JobRunState.SUCCEEDED);
        assertThat(run13().status()).isEqualTo(WorkflowRunStatus.RUNNING);

        // WHEN the 14:00 slot comes and the upstream job succeeds
        harness.tick(SLOT);
        harness.jobState("ingest-orders", JobRunState.SUCCEEDED);

        // THEN the slot joined the run the file opened and the join ran there
        assertThat(harness.glue.startsOf("ingest-orders")).hasSize(1);
        assertThat(harness.glue.startsOf("join-partner-orders")).hasSize(1);
        assertThat(run13().firedTriggers()).containsExactlyInAnyOrder("partner-files", "hourly", "hourly-join");
    }

    @Test
    void failedUpstream_shouldCompleteTheRunRatherThanWaitForTheFile() {
        // GIVEN the 14:00 slot's upstream job of hour 13
        harness.tick(SLOT);

        // WHEN it fails, no file of hour 13 having landed
        harness.jobState("ingest-orders", JobRunState.FAILED);

        // THEN nothing the file could start would let the join fire: the run completes
        assertThat(run13().status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    }

    @Test
    void fileOfAPartitionWhoseSlotHasPassed_shouldCompleteItsRunRatherThanWaitForTheSchedule() throws Exception {
        // GIVEN hour 13's file lands at 15:10, when the schedule has passed hour 13's slot (14:00) and no run of hour 13
        // exists (its record expired, or the trigger was deactivated then): the file opens the run
        harness.clock.set(SLOT.plusSeconds(70 * 60));
        harness.orchestrator.handle(hour13File("file-of-a-past-hour"));

        // WHEN its job succeeds
        harness.jobState("register-partner-file", JobRunState.SUCCEEDED);

        // THEN no slot will start the upstream in this run any more: it completes instead of waiting for ever
        assertThat(run13().status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        assertThat(harness.glue.startsOf("join-partner-orders")).isEmpty();
    }
}
