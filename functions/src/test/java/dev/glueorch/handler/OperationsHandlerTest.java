package dev.glueorch.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.OperationException;
import dev.glueorch.engine.PartitionOperations;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.WorkflowOperations;
import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.FakeContext;
import dev.glueorch.testing.RecordingGlue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operations function as Step Functions would call it, on DynamoDB Local with an in-memory Glue. */
class OperationsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EngineHarness h = new EngineHarness(Instant.parse("2026-11-21T14:00:00Z"));
    private OperationsHandler handler;

    @BeforeEach
    void setUp() {
        // the example's ON_DEMAND trigger starts ingest-orders only, and no crawl follows
        h.use(EngineHarness.exampleWith("{\"JobName\": \"ingest-orders\"}, {\"JobName\": \"ingest-payments\"}]},\n"
                + "    {\"Name\": \"sales-join\"", "{\"JobName\": \"ingest-orders\"}]},\n    {\"Name\": \"sales-join\"",
                ", {\"CrawlerName\": \"catalog-sales\"}", ""));
        handler = new OperationsHandler(new WorkflowOperations(h.source, h.store, h.orchestrator.lifecycle(), h.glue,
                h.clock), new PartitionOperations(h.source, h.store, h.orchestrator.lifecycle(), h.clock));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private JsonNode invoke(String request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out,
                new FakeContext("glue-orchestrator-operations"));
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void startGetAndStop_shouldAnswerInGluesShapes() throws Exception {
        JsonNode started = invoke("{\"Operation\": \"StartWorkflowRun\", \"Name\": \"sales-hourly\", "
                + "\"RunProperties\": {\"env\": \"dev\"}, \"Partition\": \"2026-11-21T09\"}");
        String runId = started.get("RunId").asText();
        assertThat(runId).startsWith("wr_");
        assertThat(h.glue.startsOf("ingest-orders")).singleElement()
                .satisfies(s -> assertThat(s.arguments()).containsEntry("--hour_partition_value", "9"));
        JsonNode run = invoke("{\"Operation\": \"GetWorkflowRun\", \"Name\": \"sales-hourly\", \"RunId\": \""
                + runId + "\"}");
        assertThat(run.get("Status").asText()).isEqualTo("RUNNING");
        assertThat(run.get("Statistics").get("RunningActions").asInt()).isEqualTo(1);
        assertThat(invoke("{\"Operation\": \"StopWorkflowRun\", \"Name\": \"sales-hourly\", \"RunId\": \""
                + runId + "\"}").isEmpty()).isTrue();
        assertThat(h.glue.stopped()).hasSize(1);
    }

    @Test
    void backfillSteps_shouldRunTheRangeOncePerPartitionUntilDone() throws Exception {
        Set<String> ended = new HashSet<>();
        String request = "{\"Operation\": \"Backfill\", \"Name\": \"sales-hourly\", \"From\": \"2026-11-21T00\", "
                + "\"To\": \"2026-11-21T02\", \"MaxConcurrent\": 2}";
        JsonNode step = invoke(request);
        assertThat(step.get("StartedNow").asInt()).isEqualTo(2);
        assertThat(step.get("NotStarted").asInt()).isEqualTo(1);
        int steps = 1;
        while (!step.get("Done").asBoolean() && steps++ < 20) {
            endEveryRun(ended);
            step = invoke(request);
        }
        assertThat(step.get("Finished").asInt()).isEqualTo(3);
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(3);
    }

    @Test
    void repairPartitionsSteps_shouldRepairEachPartitionOnceUntilDone() throws Exception {
        // GIVEN partition 10 failed (its ingest-orders did), and 09 and 11 never ran; their slots passed
        String failed = invoke("{\"Operation\": \"StartWorkflowRun\", \"Name\": \"sales-hourly\", "
                + "\"Partition\": \"2026-11-21T10\"}").get("RunId").asText();
        h.jobState("ingest-orders", JobRunState.FAILED);
        h.jobState("alert-on-failure", JobRunState.SUCCEEDED);
        h.clock.set(h.clock.instant().plusSeconds(60));
        Set<String> ended = new HashSet<>();
        h.glue.starts().forEach(start -> ended.add(start.jobRunId()));
        String request = "{\"Operation\": \"RepairPartitions\", \"Name\": \"sales-hourly\", "
                + "\"From\": \"2026-11-21T09\", \"To\": \"2026-11-21T11\", \"Failed\": true, \"Missing\": true, "
                + "\"MaxConcurrent\": 2";

        // WHEN a first step, then steps passing its Before back, as a Step Functions loop does, until Done
        JsonNode step = invoke(request + "}");
        assertThat(step.get("Partitions").asInt()).isEqualTo(3);
        assertThat(step.get("StartedNow").asInt()).isEqualTo(1);
        assertThat(step.get("ResumedNow").asInt()).isEqualTo(1);
        assertThat(step.get("NotStarted").asInt()).isEqualTo(1);
        assertThat(step.get("Done").asBoolean()).isFalse();
        String before = step.get("Before").asText();
        int steps = 1;
        while (!step.get("Done").asBoolean() && steps++ < 20) {
            endEveryRun(ended);
            step = invoke(request + ", \"Before\": \"" + before + "\"}");
            assertThat(step.get("Before").asText()).isEqualTo(before);
        }

        // THEN each partition ran once more: 10 resumed from its failed job, 09 and 11 as their slots would have
        assertThat(step.get("Finished").asInt()).isEqualTo(3);
        assertThat(h.glue.startsOf("ingest-orders")).extracting(s -> s.arguments().get("--hour_partition_value"))
                .containsExactlyInAnyOrder("10", "10", "9", "11");
        assertThat(h.store.run("sales-hourly", RunIds.resumeOf("sales-hourly", failed))
                .orElseThrow().previousRunId()).isEqualTo(failed);
        // AND a new repair finds nothing to do
        JsonNode again = invoke(request + "}");
        assertThat(again.get("ResumedNow").asInt() + again.get("StartedNow").asInt()).isZero();
        assertThat(again.get("Done").asBoolean()).isTrue();
    }

    @Test
    void repairPartitionsDryRun_shouldListThePlanAndStartNothing() throws Exception {
        // GIVEN 10 failed, 09 and 11 never ran
        String failed = invoke("{\"Operation\": \"StartWorkflowRun\", \"Name\": \"sales-hourly\", "
                + "\"Partition\": \"2026-11-21T10\"}").get("RunId").asText();
        h.jobState("ingest-orders", JobRunState.FAILED);
        h.jobState("alert-on-failure", JobRunState.SUCCEEDED);
        h.clock.set(h.clock.instant().plusSeconds(60));
        int starts = h.glue.starts().size();

        // WHEN
        JsonNode plan = invoke("{\"Operation\": \"RepairPartitions\", \"Name\": \"sales-hourly\", "
                + "\"From\": \"2026-11-21T09\", \"To\": \"2026-11-21T11\", \"Failed\": true, \"Missing\": true, "
                + "\"DryRun\": true}");

        // THEN
        assertThat(h.glue.starts()).hasSize(starts);
        assertThat(plan.get("Partitions").asInt()).isEqualTo(3);
        assertThat(plan.get("Repairs")).extracting(r -> r.get("Partition").asText(), r -> r.get("Repair").asText())
                .containsExactly(tuple("2026-11-21T11", "START"), tuple("2026-11-21T10", "RESUME"),
                        tuple("2026-11-21T09", "START"));
        JsonNode resume = plan.get("Repairs").get(1);
        assertThat(resume.get("State").asText()).isEqualTo("FAILED");
        assertThat(resume.get("PreviousRunId").asText()).isEqualTo(failed);
        assertThat(resume.get("NodeIds")).extracting(JsonNode::asText).containsExactly("JOB:ingest-orders");
        assertThat(plan.get("Done").asBoolean()).isTrue();
    }

    @Test
    void badRepairPartitionsRequest_shouldNameTheFieldAndTheFix() {
        String base = "{\"Operation\": \"RepairPartitions\", \"Name\": \"sales-hourly\", ";
        String period = "\"From\": \"2026-11-21T09\", \"To\": \"2026-11-21T11\"";
        assertThatThrownBy(() -> invoke(base + "\"To\": \"2026-11-21T11\", \"Failed\": true}"))
                .isInstanceOf(OperationException.class).hasMessage("the request needs From, the first partition to "
                        + "repair: 2026-11-21T13 for an hourly workflow, 2026-11-21 for a daily one");
        assertThatThrownBy(() -> invoke(base + period + "}")).isInstanceOf(OperationException.class)
                .hasMessageStartingWith("RepairPartitions needs Failed, Missing or both set to true");
        assertThatThrownBy(() -> invoke(base + period + ", \"Failed\": \"yes\"}"))
                .isInstanceOf(OperationException.class).hasMessage("Failed must be true or false (a JSON boolean, "
                        + "not \"yes\")");
        assertThatThrownBy(() -> invoke(base + period + ", \"Missing\": true, \"MaxConcurrent\": 0}"))
                .isInstanceOf(OperationException.class).hasMessageStartingWith("MaxConcurrent must be a whole "
                        + "number, 1 or more");
        assertThatThrownBy(() -> invoke(base + period + ", \"Missing\": true, \"Before\": \"yesterday\"}"))
                .isInstanceOf(OperationException.class).hasMessageStartingWith("Before must be the Before the "
                        + "first RepairPartitions step answered");
        assertThat(h.glue.starts()).isEmpty();
    }

    @Test
    void badRequest_shouldFailNamingWhatIsMissing() {
        assertThatThrownBy(() -> invoke("{\"Operation\": \"StopWorkflowRun\", \"Name\": \"sales-hourly\"}"))
                .isInstanceOf(OperationException.class).hasMessage("the request needs RunId");
        assertThatThrownBy(() -> invoke("{\"Operation\": \"DeleteWorkflow\", \"Name\": \"sales-hourly\"}"))
                .isInstanceOf(OperationException.class).hasMessageContaining("is not one of StartWorkflowRun");
    }

    private void endEveryRun(Set<String> ended) {
        boolean more = true;
        while (more) {
            more = false;
            for (RecordingGlue.Start start : h.glue.starts()) {
                if (start.jobRunId() != null && ended.add(start.jobRunId())) {
                    more = true;
                    h.orchestrator.handle(new GlueEvent.JobStateChange("e-" + start.jobRunId(), h.clock.instant(),
                            start.name(), start.jobRunId(), JobRunState.SUCCEEDED, null));
                }
            }
        }
    }
}
