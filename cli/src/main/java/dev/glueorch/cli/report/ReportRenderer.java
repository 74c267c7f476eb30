package dev.glueorch.cli.report;

import dev.glueorch.engine.WorkflowRun;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link Report} as one self-contained HTML page: stylesheet, script and SVG inline, nothing fetched when
 * it is viewed. The graph, the partitions ({@link PartitionsSection}) and the tables are drawn here; the timeline,
 * thousands of bars over a month, is drawn in the browser from one compact JSON document ({@link TimelineData}).
 * Every text that comes from definitions or runs is escaped.
 */
public final class ReportRenderer {

    private static final String PAGE = Html.resource("report.html");
    private static final String SECTION = Html.resource("workflow-section.html");
    private static final String STYLE = Html.resource("report.css");
    private static final String SCRIPT = Html.resource("report.js");
    /** The states of a partition that no job run or graph node has. */
    private static final Set<ShownState> PARTITION_ONLY = EnumSet.of(ShownState.QUEUED, ShownState.MISSING,
            ShownState.NOT_DUE);

    /** The page. */
    public String render(Report report) {
        StringBuilder sections = new StringBuilder();
        for (WorkflowReport workflow : report.workflows()) {
            sections.append(section(workflow, report.from(), report.to()));
        }
        return Html.fill(PAGE, Map.of("title", Html.escape(report.title()), "style", STYLE, "script", SCRIPT,
                "legend", legend(report), "period", ReportTables.time(report.from()) + " to "
                        + ReportTables.time(report.to()), "generated", ReportTables.time(report.generatedAt()),
                "sections", sections.toString()));
    }

    private static String section(WorkflowReport workflow, Instant from, Instant to) {
        String description = workflow.definition().workflow().description();
        return Html.fill(SECTION, Map.ofEntries(
                Map.entry("name", Html.escape(workflow.definition().name())),
                Map.entry("description", description == null ? "" : "<p class=\"description\">"
                        + Html.escape(description) + "</p>"),
                Map.entry("partitions", PartitionsSection.html(workflow)),
                Map.entry("chosen", chosenRun(workflow.chosen())),
                Map.entry("graph", GraphSvg.render(workflow.graph(), workflow.chosenStates())),
                Map.entry("job-runs", Integer.toString(workflow.bars().size())),
                Map.entry("run-count", Integer.toString(workflow.runs().size())),
                Map.entry("runs", ReportTables.runs(workflow.runs(), workflow.chosenRun(),
                        workflow.definition())),
                Map.entry("notification-source", notificationSource(workflow.notificationSource(),
                        workflow.notifications().size())),
                Map.entry("notifications", workflow.notifications().isEmpty() ? ""
                        : "<div class=\"table-scroll\">" + ReportTables.notifications(workflow.notifications())
                                + "</div>"),
                Map.entry("data", TimelineData.json(workflow, from, to))));
    }

    private static String chosenRun(WorkflowRun run) {
        if (run == null) {
            return "no run in the period";
        }
        return run.partitionId() != null ? "partition " + Html.escape(run.partitionId())
                : "run " + Html.escape(run.workflowRunId());
    }

    private static String notificationSource(NotificationSource source, int count) {
        String what = count == 0 ? "None" : count + " notification" + (count == 1 ? "" : "s");
        return switch (source) {
            case SENT -> what + " sent by the orchestrator in this period.";
            case DERIVED -> what + " derived from the runs: the orchestrator's table keeps only a marker per "
                    + "notification sent (so that each is sent once), not the notification, so these are the failed, "
                    + "timed-out and errored runs and the job runs past their action's NotifyDelayAfter or "
                    + "ExpectedDurationMinutes. Run Not Started, Partition Missing and delays set only on a Glue job cannot be "
                    + "derived.";
        };
    }

    /** Every state the page can show, once; those only partitions are in when it shows partitions. */
    private static String legend(Report report) {
        boolean partitions = report.workflows().stream().anyMatch(w -> w.partitions() != null);
        StringBuilder html = new StringBuilder("<ul class=\"legend\">");
        for (ShownState state : ShownState.values()) {
            if (state == ShownState.STARTING || state == ShownState.STOPPING || !partitions && PARTITION_ONLY
                    .contains(state)) {
                continue;
            }
            html.append("<li><span class=\"chip st-").append(state.name()).append("\">").append(state.icon())
                    .append("</span> ").append(state.label()).append("</li>");
        }
        return html.append("<li><span class=\"chip delayed\">").append(ShownState.DELAYED_ICON)
                .append("</span> delayed</li></ul>").toString();
    }
}
