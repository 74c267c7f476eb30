package dev.glueorch.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.simulate.SimulatedWeek;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.PartitionHealth;
import dev.glueorch.engine.PartitionState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code glueorch partitions} over the simulated week, as its table and JSON render the grid an operator got when
 * the week ended: the shape scripts rely on, and the grid's rows, with every state the week produces.
 */
class PartitionsOfASimulatedWeekTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedWeek week = SimulatedWeek.asShipped();
    private final PartitionGrid grid = week.gridAtEnd();

    private static String render(PartitionGrid grid, Output.Format format) {
        Output output = new Output();
        output.format = format;
        return output.render(new Response(PartitionTable.body(grid), PartitionTable.table(grid)));
    }

    @Test
    void json_shouldGiveTheWeeksPartitionsNewestFirstWithEveryCountAndEachJobsState() throws IOException {
        // WHEN
        JsonNode body = JSON.readTree(render(grid, Output.Format.json));

        // THEN the documented shape, every state counted, one row per partition of the week
        assertThat(fieldNames(body)).containsExactly("Workflow", "From", "To", "Counts", "Partitions");
        assertThat(body.get("Workflow").asText()).isEqualTo(SimulatedWeek.WORKFLOW);
        assertThat(body.get("From").asText()).isEqualTo(week.firstPartition());
        assertThat(body.get("To").asText()).isEqualTo(week.lastPartition());
        assertThat(fieldNames(body.get("Counts"))).containsExactlyElementsOf(
                Arrays.stream(PartitionState.values()).map(Enum::name).toList());
        grid.counts().forEach((state, count) -> assertThat(body.get("Counts").get(state.name()).asInt())
                .as(state.name()).isEqualTo(count));
        JsonNode partitions = body.get("Partitions");
        assertThat(partitions).hasSize(7 * 24);
        for (int i = 0; i < partitions.size(); i++) {
            JsonNode row = partitions.get(i);
            PartitionHealth partition = grid.partitions().get(i);
            assertThat(fieldNames(row)).containsExactly("Partition", "State", "RunId", "Jobs");
            assertThat(row.get("Partition").asText()).isEqualTo(partition.partitionId());
            assertThat(row.get("State").asText()).isEqualTo(partition.state().name());
            assertThat(row.get("RunId").isNull()).isEqualTo(partition.state() == PartitionState.MISSING);
            assertThat(fieldNames(row.get("Jobs"))).containsExactlyElementsOf(grid.jobs());
            partition.jobs().forEach((job, state) -> assertThat(row.get("Jobs").get(job).isNull()
                    ? null : row.get("Jobs").get(job).asText()).as("%s %s", partition.partitionId(), job)
                    .isEqualTo(state == null ? null : state.name()));
        }
        assertThat(partitions.get(0).get("Partition").asText()).isEqualTo(week.lastPartition());
    }

    @Test
    void table_shouldCountTheWeeksStatesAndDrawARowPerPartitionWithinEightyColumns() {
        // WHEN
        String table = render(grid, Output.Format.table);

        // THEN the counts on top name each state the week ends with, and the rows follow the grid
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).isEqualTo(SimulatedWeek.WORKFLOW + ": partitions " + week.firstPartition() + " to "
                + week.lastPartition());
        List<String> counts = new ArrayList<>();
        grid.counts().forEach((state, count) -> {
            if (count > 0) {
                counts.add(count + " " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        });
        assertThat(lines.get(1)).isEqualTo(String.join(", ", counts)).contains("failed", "running", "queued",
                "missing", "succeeded");
        assertThat(lines.get(3)).startsWith("PARTITION      STATE     1 2 3 4 5");
        for (int i = 0; i < grid.partitions().size(); i++) {
            PartitionHealth partition = grid.partitions().get(i);
            assertThat(lines.get(4 + i)).startsWith(partition.partitionId() + "  " + partition.state().name());
        }
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(PartitionTable.WIDTH));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
