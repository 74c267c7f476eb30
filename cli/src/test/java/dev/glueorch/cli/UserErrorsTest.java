package dev.glueorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes a user can make end in a message that names the input and the fix, never a stack trace. */
class UserErrorsTest {

    private static final Path EXAMPLE = Path.of("..", "workflows", "examples", "hourly");

    @Test
    void validate_aSixtyMegabyteFile_shouldNameTheFileAndTheLimitAndExit2(@TempDir Path dir) throws IOException {
        // GIVEN a workflow whose description alone is 60 MB, beyond Jackson's string length limit
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        try (Writer file = Files.newBufferedWriter(workflows.resolve("huge.json"), StandardCharsets.UTF_8)) {
            file.write("{\"Workflow\": {\"Name\": \"huge\", \"Description\": \"");
            String chunk = "x".repeat(1_024 * 1_024);
            for (int i = 0; i < 60; i++) {
                file.write(chunk);
            }
            file.write("\"}, \"Triggers\": []}");
        }

        // WHEN
        CliRun run = CliRun.of("validate", workflows.toString());

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err()).startsWith("workflows/huge.json: is 62,914,").contains("at most 409,600 bytes",
                "split it into several workflow files");
        assertNoStackTrace(run);
    }

    @Test
    void simulate_aDefinitionTooLargeToStore_shouldNameTheWorkflowAndTheFixAndExit2(@TempDir Path dir)
            throws IOException {
        // GIVEN the example workflow with a 500,000-character description: more than a DynamoDB item holds
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        String json = Files.readString(EXAMPLE.resolve("sales-hourly.json"));
        Files.writeString(workflows.resolve("sales-hourly.json"), json.replaceFirst("\"Description\": \"[^\"]*\"",
                "\"Description\": \"" + "x".repeat(500_000) + "\""));
        Path scenario = Files.copy(EXAMPLE.resolve("sales-hourly.scenario.json"),
                dir.resolve("sales-hourly.scenario.json"));

        // WHEN
        CliRun run = CliRun.of("simulate", "--workflows", workflows.toString(), "--scenario", scenario.toString());

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err()).contains("workflows/sales-hourly.json: workflow 'sales-hourly': Workflow: the file is "
                + "stored as one DynamoDB item of", "shorten its Description");
        assertThat(run.out()).isEmpty();
        assertNoStackTrace(run);
    }

    @Test
    void operatorCommand_anEndpointUrlThatIsNotAUrl_shouldSayWhatAUrlLooksLikeAndExit2() {
        // WHEN
        CliRun run = CliRun.of("workflows", "list", "--endpoint-url", "notaurl", "--region", "us-east-1");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err().lines()).containsExactly(
                "Invalid value for option '--endpoint-url': 'notaurl' is not a URL: give an absolute http(s) URL "
                        + "with a host, such as http://localhost:8000",
                "Run 'glueorch workflows list --help' for its usage.");
        assertNoStackTrace(run);
    }

    static void assertNoStackTrace(CliRun run) {
        assertThat(run.err()).doesNotContain("\tat ", "at dev.", "Exception");
        assertThat(run.out()).doesNotContain("\tat ", "at dev.", "Exception");
    }
}
