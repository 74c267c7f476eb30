package dev.glueorch.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.JobRunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code triggers put / delete} and {@code runs resume} against DynamoDB Local and moto. */
@ExtendWith(Deployments.class)
class ChangeCommandsTest {

    private final Deployment deployment;

    ChangeCommandsTest(Deployment deployment) {
        this.deployment = deployment;
    }

    @Test
    void triggersPutAndDelete_shouldPublishValidatedVersions(@TempDir Path dir) throws IOException {
        // GIVEN a new ON_DEMAND trigger in Glue's Trigger shape
        Path file = dir.resolve("sales-rerun-load.json");
        Files.writeString(file, """
                {"Name": "sales-rerun-load", "WorkflowName": "sales-hourly", "Type": "ON_DEMAND",
                 "Actions": [{"JobName": "load-sales", "Arguments": {"--env": "${env}"}}]}
                """);
        // WHEN it is put THEN it is deployed, as get shows
        Deployment.Result put = deployment.glueorch("triggers", "put", file.toString(), "--output", "json");
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(put.json().get("Name").asText()).isEqualTo("sales-rerun-load");
        Deployment.Result get = deployment.glueorch("triggers", "get", "sales-rerun-load", "--output", "json");
        assertThat(get.json().get("Trigger").get("Type").asText()).isEqualTo("ON_DEMAND");
        // WHEN it is deleted THEN it is gone
        assertThat(deployment.glueorch("triggers", "delete", "sales-rerun-load").exitCode()).isZero();
        assertThat(deployment.glueorch("triggers", "get", "sales-rerun-load").exitCode()).isEqualTo(1);
        // AND an invalid trigger is refused with the validator's words, exit code 2
        Files.writeString(file, "{\"Name\": \"bad\", \"WorkflowName\": \"sales-hourly\", \"Type\": \"SCHEDULED\", "
                + "\"Actions\": [{\"JobName\": \"load-sales\"}]}");
        Deployment.Result bad = deployment.glueorch("triggers", "put", file.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("trigger 'bad': Schedule: required for a SCHEDULED trigger");
    }

    @Test
    void runsResume_shouldRerunTheChosenJobUnderANewRunRecordingThePreviousOne() {
        // GIVEN a completed run whose ingest-orders failed
        String runId = deployment.startRun("--partition", "2026-11-21T05");
        deployment.jobRunEnded(runId, "ingest-orders", JobRunState.FAILED);
        deployment.jobRunEnded(runId, "ingest-payments", JobRunState.SUCCEEDED);
        deployment.jobRunEnded(runId, "alert-on-failure", JobRunState.SUCCEEDED);
        assertThat(deployment.store.run(Deployment.WORKFLOW, runId).orElseThrow().status())
                .isEqualTo(WorkflowRunStatus.COMPLETED);
        // WHEN it is resumed from ingest-orders
        Deployment.Result resumed = deployment.glueorch("runs", "resume", Deployment.WORKFLOW, runId,
                "--node", "JOB:ingest-orders", "--output", "json");
        // THEN a new run records the previous one and started ingest-orders again in Glue, for the same partition
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        String newRunId = resumed.json().get("RunId").asText();
        WorkflowRun newRun = deployment.store.run(Deployment.WORKFLOW, newRunId).orElseThrow();
        assertThat(newRun.previousRunId()).isEqualTo(runId);
        assertThat(newRun.partitionId()).isEqualTo("2026-11-21T05");
        assertThat(newRun.actions().values()).anySatisfy(action -> {
            assertThat(action.name()).isEqualTo("ingest-orders");
            assertThat(action.jobRunId()).isNotNull();
            assertThat(action.arguments()).containsEntry("--hour_partition_value", "5");
        });
        Deployment.Result get = deployment.glueorch("runs", "get", Deployment.WORKFLOW, newRunId, "--output",
                "json");
        assertThat(get.json().get("Run").get("PreviousRunId").asText()).isEqualTo(runId);
        // AND resuming a run that is not COMPLETED is refused, exit 1
        Deployment.Result again = deployment.glueorch("runs", "resume", Deployment.WORKFLOW, newRunId,
                "--node", "JOB:ingest-orders");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("only a COMPLETED run can be resumed");
    }
}
