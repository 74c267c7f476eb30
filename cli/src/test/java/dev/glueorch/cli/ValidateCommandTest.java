package dev.glueorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @Test
    void shippedWorkflows_shouldBeValid() {
        CliRun run = CliRun.of("validate", Path.of("..", "workflows").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("OK: ").contains("sales-hourly");
    }

    @Test
    void invalidFolder_shouldPrintEveryErrorAndExit2(@TempDir Path dir) throws IOException {
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(workflows.resolve("orders.json"), """
                {"Workflow": {"Name": "orders"},
                 "Triggers": [
                   {"Name": "start", "Type": "SCHEDULED", "Actions": [{"JobName": "a"}]},
                   {"Name": "next", "Type": "CONDITIONAL", "Predicate": {"Conditions": [
                      {"JobName": "a", "State": "RUNNING"}, {"JobName": "a", "State": "FAILED"}]},
                    "Actions": [{"JobName": "b", "CrawlerName": "c"}]}]}
                """);
        Files.writeString(workflows.resolve("broken.json"), "{\"Workflow\": ");
        CliRun run = CliRun.of("validate", workflows.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("workflows/orders.json: trigger 'start': Schedule: required for a SCHEDULED trigger")
                .contains("workflows/orders.json: trigger 'next': Predicate.Logical: required when there is more "
                        + "than one condition")
                .contains("workflows/orders.json: trigger 'next': Predicate.Conditions[0].State: 'RUNNING' cannot be "
                        + "listened for")
                .contains("workflows/orders.json: trigger 'next': Actions[0]: names both JobName and CrawlerName")
                .contains("workflows/broken.json: not valid JSON")
                .contains("5 error(s)");
    }

    @Test
    void missingFolder_shouldSaySo() {
        CliRun run = CliRun.of("validate", "no-such-folder");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-folder: is not a folder");
    }

    @Test
    void unknownOption_shouldExit2WithUsage() {
        CliRun run = CliRun.of("simulate", "--workflow", "x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: glueorch simulate");
    }
}
