package dev.glueorch.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.OperationException;
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
                h.clock));
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
