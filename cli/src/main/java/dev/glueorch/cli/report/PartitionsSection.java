package dev.glueorch.cli.report;

import dev.glueorch.cli.output.PartitionStateText;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.PartitionHealth;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.JobRunState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The partitions of a workflow in its report, as {@code glueorch partitions} shows them: a health bar (a segment
 * per state, as wide as its count) over the counts in words, and the grid, a row per partition newest first and a
 * column per job. A month of hourly partitions of ten jobs is over 7,000 cells, so a cell is its state's class, icon
 * and word and nothing else, the row carries the run a click on any of its cells selects, and the rows come in blocks
 * the browser lays out only when they are scrolled to.
 */
final class PartitionsSection {

    private static final String SECTION = Html.resource("partitions-section.html");
    /** Partitions per block of the grid: a day of hourly partitions. */
    private static final int BLOCK = 24;
    /** A grid row's height, as the stylesheet sets it: what a block not laid out yet is taken to need. */
    private static final int ROW_PX = 22;

    private PartitionsSection() {
    }

    /** The section, or {@code ""} when the report has no partitions to show. */
    static String html(WorkflowReport report) {
        PartitionGrid grid = report.partitions();
        if (grid == null) {
            return "";
        }
        List<PartitionHealth> partitions = grid.partitions();
        int total = partitions.size();
        return Html.fill(SECTION, Map.of(
                "total", total + (total == 1 ? " partition" : " partitions"),
                "range", total == 0 ? "" : ", " + Html.escape(partitions.get(total - 1).partitionId()) + " to "
                        + Html.escape(partitions.get(0).partitionId()),
                "counts", PartitionStateText.counts(grid),
                "health", health(grid),
                "grid", grid(report)));
    }

    /** A segment per state that occurs, its width its share of the partitions. */
    private static String health(PartitionGrid grid) {
        StringBuilder html = new StringBuilder();
        grid.counts().forEach((state, count) -> {
            if (count > 0) {
                ShownState shown = ShownState.of(state);
                String label = shown.label() + " " + count;
                html.append("<li class=\"st-").append(shown.name()).append("\" style=\"flex-grow:").append(count)
                        .append("\" data-state=\"").append(state.name()).append("\" data-count=\"").append(count)
                        .append("\" title=\"").append(label).append("\">").append(shown.icon()).append(' ')
                        .append(label).append("</li>");
            }
        });
        return html.toString();
    }

    /**
     * The grid: a header table, then the rows in blocks of {@value #BLOCK} partitions, each block a table of its own
     * with the same fixed columns that the browser lays out only when it is scrolled near (the stylesheet's
     * {@code content-visibility: auto}), so a month of hourly partitions costs what a day does until it is scrolled
     * through. The visible header is for the eye; each block has its own for screen readers, so each cell is read
     * with its job and its partition.
     */
    private static String grid(WorkflowReport report) {
        PartitionGrid grid = report.partitions();
        String columns = columns(grid.jobs());
        StringBuilder html = new StringBuilder("<div class=\"grid-scroll\" style=\"--jobs:")
                .append(grid.jobs().size()).append("\">").append(header(grid.jobs(), columns));
        String hiddenHeader = hiddenHeader(grid.jobs());
        Map<String, Integer> runIndex = new HashMap<>();
        List<WorkflowRun> runs = report.runs();
        for (int i = 0; i < runs.size(); i++) {
            runIndex.put(runs.get(i).workflowRunId(), i);
        }
        List<PartitionHealth> partitions = grid.partitions();
        for (int first = 0; first < partitions.size(); first += BLOCK) {
            List<PartitionHealth> block = partitions.subList(first, Math.min(partitions.size(), first + BLOCK));
            html.append("<div class=\"rows\" style=\"contain-intrinsic-size:auto ").append(block.size() * ROW_PX)
                    .append("px\"><table class=\"grid\" aria-label=\"partitions ")
                    .append(Html.escape(block.get(0).partitionId())).append(" to ")
                    .append(Html.escape(block.get(block.size() - 1).partitionId())).append("\">").append(columns)
                    .append(hiddenHeader).append("<tbody>\n");
            for (PartitionHealth partition : block) {
                row(html, partition, runIndex.get(partition.workflowRunId()));
            }
            html.append("</tbody></table></div>\n");
        }
        return html.append("</div>").toString();
    }

    /** The columns every table of the grid has, so that the blocks line up under the header. */
    private static String columns(List<String> jobs) {
        return "<colgroup><col class=\"partition\"><col class=\"state\">"
                + (jobs.isEmpty() ? "" : "<col span=\"" + jobs.size() + "\">") + "</colgroup>";
    }

    /** The header the eye reads, the job names upright to keep the columns narrow. */
    private static String header(List<String> jobs, String columns) {
        StringBuilder html = new StringBuilder("<table class=\"grid head\" aria-hidden=\"true\">").append(columns)
                .append("<thead><tr><th>Partition</th><th>State</th>");
        for (String job : jobs) {
            String name = Html.escape(job);
            html.append("<th class=\"job\" title=\"").append(name).append("\"><span>").append(name)
                    .append("</span></th>");
        }
        return html.append("</tr></thead></table>\n").toString();
    }

    /** The header of a block, which a screen reader reads and the eye does not see. */
    private static String hiddenHeader(List<String> jobs) {
        StringBuilder html = new StringBuilder("<thead class=\"sr\"><tr><th scope=\"col\"><span>Partition</span>"
                + "</th><th scope=\"col\"><span>State</span></th>");
        for (String job : jobs) {
            html.append("<th scope=\"col\"><span>").append(Html.escape(job)).append("</span></th>");
        }
        return html.append("</tr></thead>").toString();
    }

    /** A partition: its id, its state, then each job's state in its run; a partition without run has empty cells. */
    private static void row(StringBuilder html, PartitionHealth partition, Integer run) {
        ShownState state = ShownState.of(partition.state());
        html.append("<tr data-state=\"").append(state.name()).append('"');
        if (run != null) {
            html.append(" data-run=\"").append(run).append('"');
        }
        html.append("><th scope=\"row\">").append(Html.escape(partition.partitionId()))
                .append("</th><td class=\"ps\"><span class=\"chip st-").append(state.name()).append("\">")
                .append(state.icon()).append("</span> ").append(state.label()).append("</td>");
        boolean hasRun = partition.workflowRunId() != null;
        for (JobRunState job : partition.jobs().values()) {
            if (!hasRun) {
                html.append("<td></td>");
                continue;
            }
            ShownState cell = job == null ? ShownState.NOT_RUN : ShownState.of(job);
            // the word is for screen readers and copying; sighted readers have the colour, the icon and the legend
            html.append("<td class=\"st-").append(cell.name()).append("\">").append(cell.icon()).append("<i>")
                    .append(cell.label()).append("</i></td>");
        }
        html.append("</tr>\n");
    }
}
