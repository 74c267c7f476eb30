package dev.glueorch.cli.ops;

import static dev.glueorch.cli.ops.Deployment.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.cli.GlueOrch;
import dev.glueorch.cli.ops.Deployment.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runs start} when Glue refuses to start actions (moto's Glue has no job {@value #MISSING_JOB}, so it answers
 * EntityNotFoundException): each refusal is listed with Glue's error, and a run that started nothing is a failure.
 */
class RunsStartRefusedTest {

    private static final String MISSING_JOB = "no-such-job";

    private Deployment deployment;

    @TempDir
    Path dir;

    @BeforeEach
    void deploy() {
        deployment = new Deployment();
    }

    @AfterEach
    void close() {
        deployment.close();
    }

    @Test
    void startWhereGlueRefusedEveryAction_shouldListEachRefusalAndExit1() throws IOException {
        // GIVEN the workflow's only ON_DEMAND trigger starts a job Glue does not have
        putTrigger("{\"Name\": \"" + Deployment.ON_DEMAND_TRIGGER + "\", \"WorkflowName\": \"" + WORKFLOW + "\", "
                + "\"Type\": \"ON_DEMAND\", \"Actions\": [{\"JobName\": \"" + MISSING_JOB + "\"}]}");

        // WHEN
        Result result = deployment.glueorch("runs", "start", WORKFLOW);

        // THEN
        assertThat(result.exitCode()).isEqualTo(GlueOrch.FAILED);
        assertThat(result.out()).containsPattern("started workflow run wr_\\S+ of " + WORKFLOW
                + ": COMPLETED \\(1 errored\\)");
        assertThat(result.err().lines()).anySatisfy(line -> assertThat(line).startsWith("job " + MISSING_JOB
                + " (trigger " + Deployment.ON_DEMAND_TRIGGER + "): Glue refused to start it: ")
                .containsIgnoringCase("not found"));
        assertThat(result.err()).containsPattern("workflow run wr_\\S+ of " + WORKFLOW + " started none of its 1 "
                + "action\\(s\\)");
    }

    @Test
    void startWhereGlueRefusedSomeActions_shouldListTheRefusedAndExit0() throws IOException {
        // GIVEN a second ON_DEMAND trigger whose job Glue does not have, beside the one whose jobs it has
        putTrigger("{\"Name\": \"sales-missing\", \"WorkflowName\": \"" + WORKFLOW + "\", \"Type\": \"ON_DEMAND\", "
                + "\"Actions\": [{\"JobName\": \"" + MISSING_JOB + "\"}]}");

        // WHEN
        Result result = deployment.glueorch("runs", "start", WORKFLOW, "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("RunId").asText()).startsWith("wr_");
        assertThat(result.err()).startsWith("job " + MISSING_JOB + " (trigger sales-missing): Glue refused to start "
                + "it: ").hasLineCount(1);
    }

    private void putTrigger(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("trigger.json"), json);
        Result put = deployment.glueorch("triggers", "put", file.toString());
        assertThat(put.exitCode()).as(put.err()).isZero();
    }
}
