package dev.glueorch.cli.ops;

import dev.glueorch.cli.output.PartitionStateText;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.PartitionHealth;
import dev.glueorch.engine.PartitionState;
import dev.glueorch.model.JobRunState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code glueorch partitions} shows a {@link PartitionGrid}: the JSON body, and a table of the counts per state
 * over a grid (a row per partition, a numbered column per job, one ASCII symbol per cell) that fits 80 columns:
 * job names as headers would not, so the columns are numbered and a key under the grid names them.
 */
final class PartitionTable {

    /** The width the key and legend lines wrap at. */
    static final int WIDTH = 80;

    private static final String MISSING_CELL = "?";
    private static final String NO_ACTION_CELL = ".";

    private PartitionTable() {
    }

    /** {@code {"Workflow", "From", "To", "Counts", "Partitions": [{"Partition", "State", "RunId", "Jobs"}]}}. */
    static Map<String, Object> body(PartitionGrid grid) {
        Map<String, Object> counts = new LinkedHashMap<>();
        grid.counts().forEach((state, count) -> counts.put(state.name(), count));
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (PartitionHealth partition : grid.partitions()) {
            Map<String, Object> jobs = new LinkedHashMap<>();
            partition.jobs().forEach((job, state) -> jobs.put(job, state == null ? null : state.name()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Partition", partition.partitionId());
            row.put("State", partition.state().name());
            row.put("RunId", partition.workflowRunId());
            row.put("Jobs", jobs);
            partitions.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Workflow", grid.workflowName());
        body.put("From", grid.from());
        body.put("To", grid.to());
        body.put("Counts", counts);
        body.put("Partitions", partitions);
        return body;
    }

    /** The counts, the grid newest first, the key of the columns and the legend of the symbols. */
    static String table(PartitionGrid grid) {
        StringBuilder out = new StringBuilder();
        out.append(grid.workflowName()).append(": partitions ").append(grid.from()).append(" to ")
                .append(grid.to()).append('\n');
        out.append(counts(grid)).append("\n\n");
        int idWidth = Math.max("PARTITION".length(), grid.partitions().stream()
                .mapToInt(p -> p.partitionId().length()).max().orElse(0));
        int stateWidth = "SUCCEEDED".length();
        int cellWidth = Integer.toString(grid.jobs().size()).length() + 1;
        out.append(pad("PARTITION", idWidth)).append("  ").append(pad("STATE", stateWidth));
        for (int column = 1; column <= grid.jobs().size(); column++) {
            out.append(String.format(Locale.ROOT, "%" + cellWidth + "d", column));
        }
        out.append('\n');
        for (PartitionHealth partition : grid.partitions()) {
            out.append(pad(partition.partitionId(), idWidth)).append("  ")
                    .append(pad(partition.state().name(), stateWidth));
            for (JobRunState state : partition.jobs().values()) {
                String cell = partition.state() == PartitionState.MISSING ? MISSING_CELL : symbol(state);
                out.append(" ".repeat(cellWidth - 1)).append(cell);
            }
            out.append('\n');
        }
        out.append('\n');
        List<String> key = new ArrayList<>();
        for (int column = 1; column <= grid.jobs().size(); column++) {
            key.add(column + " " + grid.jobs().get(column - 1));
        }
        wrap(out, "Jobs:", key);
        wrap(out, "Legend:", List.of("+ succeeded", "x failed", "T timed out", "s stopped", "! error", "> running",
                "w waiting", ". not run", "? missing"));
        return out.toString();
    }

    /** {@code 12 succeeded, 1 failed, 2 missing}: the states that occur, in the order of {@link PartitionState}. */
    static String counts(PartitionGrid grid) {
        return PartitionStateText.counts(grid);
    }

    /** The one-character symbol of a job's state in a partition's run; {@code .} when it has no action. */
    static String symbol(JobRunState state) {
        if (state == null) {
            return NO_ACTION_CELL;
        }
        return switch (state) {
            case SUCCEEDED -> "+";
            case FAILED -> "x";
            case TIMEOUT -> "T";
            case STOPPED, STOPPING -> "s";
            case ERROR -> "!";
            case RUNNING, STARTING -> ">";
            case WAITING -> "w";
        };
    }

    private static void wrap(StringBuilder out, String heading, List<String> entries) {
        StringBuilder line = new StringBuilder(heading);
        for (String entry : entries) {
            if (line.length() + 2 + entry.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(" ".repeat(heading.length()));
            }
            line.append("  ").append(entry);
        }
        out.append(line).append('\n');
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
