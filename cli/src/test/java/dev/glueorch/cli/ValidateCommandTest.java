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
    void workflowsThatCouldNotBeStored_shouldExit2NamingFileFieldSizeAndLimit(@TempDir Path dir) throws IOException {
        // GIVEN a 540 KB workflow (its definitions item would exceed DynamoDB's 400 KB) and a trigger Description
        // over Glue's 2,048 bytes
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        StringBuilder arguments = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            arguments.append(i == 0 ? "" : ", ").append("\"--table-").append(i).append("\": \"")
                    .append("s3://lake/sales/".repeat(135)).append('"');
        }
        Files.writeString(workflows.resolve("sales.json"), """
                {"Workflow": {"Name": "sales"},
                 "Triggers": [{"Name": "start", "Type": "ON_DEMAND",
                               "Actions": [{"JobName": "ingest", "Arguments": {%s}}]}]}
                """.formatted(arguments));
        Files.writeString(workflows.resolve("orders.json"), """
                {"Workflow": {"Name": "orders"},
                 "Triggers": [{"Name": "go", "Type": "ON_DEMAND", "Description": "%s",
                               "Actions": [{"JobName": "load"}]}]}
                """.formatted("d".repeat(2_049)));
        // WHEN the folder is validated
        CliRun run = CliRun.of("validate", workflows.toString());
        // THEN both are refused with what to fix, and nothing is OK
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).doesNotContain("OK");
        assertThat(run.err())
                .containsPattern("workflows/sales\\.json: workflow 'sales': Triggers\\[0\\]: the file is stored as one "
                        + "DynamoDB item of 54\\d,\\d{3} bytes; DynamoDB allows at most 409,600 \\(400 KB")
                .contains("workflows/orders.json: trigger 'go': Description: is 2,049 bytes in UTF-8; Glue allows at "
                        + "most 2,048: shorten it")
                .contains("2 error(s)");
    }

    @Test
    void triggerCycle_shouldExit2NamingTheCycleAndTheConditionToRemove(@TempDir Path dir) throws IOException {
        // GIVEN a -> b -> a: trigger a starts load when report succeeds, trigger b starts report when load succeeds
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(workflows.resolve("orders.json"), """
                {"Workflow": {"Name": "orders"},
                 "Triggers": [
                   {"Name": "start", "Type": "ON_DEMAND", "Actions": [{"JobName": "ingest"}]},
                   {"Name": "a", "Type": "CONDITIONAL", "Predicate": {"Logical": "ANY", "Conditions": [
                      {"JobName": "ingest", "State": "SUCCEEDED"}, {"JobName": "report", "State": "SUCCEEDED"}]},
                    "Actions": [{"JobName": "load"}]},
                   {"Name": "b", "Type": "CONDITIONAL", "Predicate": {"Conditions": [
                      {"JobName": "load", "State": "SUCCEEDED"}]},
                    "Actions": [{"JobName": "report"}]}]}
                """);
        // WHEN the folder is validated
        CliRun run = CliRun.of("validate", workflows.toString());
        // THEN the cycle is refused with its triggers and jobs, and what to remove
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("workflows/orders.json: workflow 'orders': Triggers: trigger cycle a -> load -> b -> report "
                        + "-> a: a trigger fires at most once per workflow run, so the run goes round the cycle once "
                        + "more and load or report would run twice; break the cycle (for example, remove the "
                        + "condition on report from trigger 'a')")
                .contains("1 error(s)")
                .doesNotContain("Exception");
    }

    @Test
    void missingFolder_shouldSaySo() {
        CliRun run = CliRun.of("validate", "no-such-folder");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-folder: is not a folder");
    }

    @Test
    void unknownOption_shouldExit2PointingToHelp() {
        CliRun run = CliRun.of("simulate", "--workflow", "x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required options: '--workflows=DIR', '--scenario=FILE'",
                "Run 'glueorch simulate --help' for its usage.")
                .doesNotContain("Usage: glueorch simulate");
    }
}
