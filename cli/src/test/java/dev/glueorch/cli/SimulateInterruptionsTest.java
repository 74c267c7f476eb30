package dev.glueorch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario's deactivations and outages, simulated over the example workflow with NotifyMissingWhileDeactivated:
 * what starts, what is caught up, and the "Partition Missing" notifications in the JSON and the table.
 */
class SimulateInterruptionsTest {

    private static final Path EXAMPLE = Path.of("..").toAbsolutePath().normalize()
            .resolve("workflows/examples/hourly");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static JsonNode json;
    private static String table;

    /**
     * From 18:00 to 12:00 the next day: sales-start DEACTIVATED from 20:00 to 23:00 (slots 20:00 to 22:00), and no
     * schedule from 01:30 to 09:10 (slots 02:00 to 09:00 missed; the tick at 09:10 catches up 06:00 to 09:00).
     */
    @BeforeAll
    static void simulate() throws IOException {
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        String example = Files.readString(EXAMPLE.resolve("sales-hourly.json"));
        Files.writeString(workflows.resolve("sales-hourly.json"), example.replace("\"MaxConcurrentRuns\": 2,",
                "\"MaxConcurrentRuns\": 2, \"NotifyMissingWhileDeactivated\": true,"));
        Path scenario = Files.writeString(dir.resolve("interrupted.scenario.json"), """
                {"from": "2026-11-18T18:00:00Z", "to": "2026-11-19T12:00:00Z",
                 "deactivations": [{"trigger": "sales-start", "from": "2026-11-18T20:00:00Z",
                                    "to": "2026-11-18T23:00:00Z"}],
                 "outages": [{"from": "2026-11-19T01:30:00Z", "to": "2026-11-19T09:10:00Z"}]}
                """);
        CliRun asJson = CliRun.of("simulate", "--workflows", workflows.toString(), "--scenario",
                scenario.toString(), "--output", "json");
        assertThat(asJson.exitCode()).as(asJson.err()).isZero();
        json = JSON.readTree(asJson.out());
        CliRun asTable = CliRun.of("simulate", "--workflows", workflows.toString(), "--scenario",
                scenario.toString());
        assertThat(asTable.exitCode()).as(asTable.err()).isZero();
        table = asTable.out();
    }

    @Test
    void interruptedSchedule_shouldStartTheSlotsOutsideAndTheCaughtUpOnes() {
        // GIVEN / WHEN the simulation above
        List<String> partitions = new ArrayList<>();
        json.get("workflowRuns").forEach(run -> partitions.add(run.get("WorkflowRunProperties")
                .get("day_partition_value").asText() + "T" + run.get("WorkflowRunProperties")
                .get("hour_partition_value").asText()));

        // THEN 18:00, 19:00, 23:00 to 01:00 started; 06:00 to 11:00 after the outage (partitions are the hour before)
        assertThat(partitions).containsExactlyInAnyOrder("2026-11-18T17", "2026-11-18T18", "2026-11-18T22",
                "2026-11-18T23", "2026-11-19T0", "2026-11-19T5", "2026-11-19T6", "2026-11-19T7", "2026-11-19T8",
                "2026-11-19T9", "2026-11-19T10");
    }

    @Test
    void json_shouldListAPartitionMissingPerPartitionWithItsReasonTriggerAndSlot() {
        // GIVEN / WHEN the simulation above
        List<JsonNode> missing = new ArrayList<>();
        json.get("notifications").forEach(n -> {
            if (n.get("type").asText().equals("Partition Missing")) {
                missing.add(n);
            }
        });

        // THEN the deactivated trigger's three partitions, then the four the outage left past MaxCatchUpRuns (3)
        assertThat(missing).extracting(n -> n.get("partition").asText(), n -> n.get("reason").asText(),
                n -> n.get("slot").asText()).containsExactly(
                        tuple("2026-11-18T19", "TRIGGER_DEACTIVATED", "2026-11-18T20:00:00Z"),
                        tuple("2026-11-18T20", "TRIGGER_DEACTIVATED", "2026-11-18T21:00:00Z"),
                        tuple("2026-11-18T21", "TRIGGER_DEACTIVATED", "2026-11-18T22:00:00Z"),
                        tuple("2026-11-19T01", "PAST_CATCH_UP_LIMIT", "2026-11-19T02:00:00Z"),
                        tuple("2026-11-19T02", "PAST_CATCH_UP_LIMIT", "2026-11-19T03:00:00Z"),
                        tuple("2026-11-19T03", "PAST_CATCH_UP_LIMIT", "2026-11-19T04:00:00Z"),
                        tuple("2026-11-19T04", "PAST_CATCH_UP_LIMIT", "2026-11-19T05:00:00Z"));
        assertThat(missing).allSatisfy(n -> {
            assertThat(n.get("workflow").asText()).isEqualTo("sales-hourly");
            assertThat(n.get("triggerName").asText()).isEqualTo("sales-start");
            assertThat(n.get("lastPartition").asText()).isEqualTo(n.get("partition").asText());
            assertThat(n.get("missingPartitions").asInt()).isEqualTo(1);
            assertThat(n.get("workflowRunId").isNull()).isTrue();
        });
        // the deactivated slots are notified as each passes, those of the outage by the tick after it
        assertThat(missing.get(0).get("at").asText()).isEqualTo("2026-11-18T20:00:00Z");
        assertThat(missing.get(3).get("at").asText()).isEqualTo("2026-11-19T09:10:00Z");
    }

    @Test
    void table_shouldShowEachPartitionMissingWithWhatToDo() {
        // GIVEN / WHEN the simulation above, as a table
        // THEN
        assertThat(table.lines().filter(line -> line.startsWith("Partition Missing"))).hasSize(7)
                .anySatisfy(line -> assertThat(line).contains("2026-11-19T01").contains("MaxCatchUpRuns")
                        .contains("glueorch backfill sales-hourly --from 2026-11-19T01 --to 2026-11-19T01"));
    }
}
