package dev.glueorch.cli.report;

import dev.glueorch.cli.output.EventBatchText;
import dev.glueorch.contract.StatisticsCounters;
import dev.glueorch.engine.OrchestratorEvent.Notification;
import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The report's tables, as HTML: the workflow runs with Glue's statistics, and the notifications. */
final class ReportTables {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    /** Glue's {@code WorkflowRunStatistics} fields, with the word a column shows. */
    private static final List<String[]> COUNTERS = List.of(
            new String[]{StatisticsCounters.TOTAL, "all<br>actions"},
            new String[]{StatisticsCounters.SUCCEEDED, "✓<br>succeeded"},
            new String[]{StatisticsCounters.FAILED, "✗<br>failed"},
            new String[]{StatisticsCounters.TIMEOUT, "◷<br>timed out"},
            new String[]{StatisticsCounters.STOPPED, "■<br>stopped"},
            new String[]{StatisticsCounters.ERRORED, "!<br>errored"},
            new String[]{StatisticsCounters.RUNNING, "▶<br>running"},
            new String[]{StatisticsCounters.WAITING, "…<br>waiting"});
    /** The mark of a run a batch of events started or joined. */
    static final String EVENT_ICON = "✉";

    private ReportTables() {
    }

    /**
     * A row per run, oldest first, its statistics under Glue's field names; a row selects the run for the graph. A
     * run a batch of events started or joined carries a badge saying which EVENT trigger, how the batch closed and
     * how many events it held.
     */
    static String runs(List<WorkflowRun> runs, int chosen, WorkflowDefinition workflow) {
        StringBuilder html = new StringBuilder("<table class=\"runs\"><thead><tr><th>Partition</th>"
                + "<th>WorkflowRunId</th><th>Status</th><th>Started (UTC)</th><th>Completed (UTC)</th>"
                + "<th>Duration</th>");
        for (String[] counter : COUNTERS) {
            html.append("<th class=\"num\"><abbr title=\"").append(counter[0]).append("\">").append(counter[1])
                    .append("</abbr></th>");
        }
        html.append("</tr></thead><tbody>");
        for (int i = 0; i < runs.size(); i++) {
            WorkflowRun run = runs.get(i);
            Statistics s = run.statistics();
            boolean troubled = s.failedActions() + s.timeoutActions() + s.erroredActions() > 0;
            html.append("<tr class=\"run").append(i == chosen ? " chosen" : "").append(troubled ? " troubled" : "")
                    .append("\" tabindex=\"0\" data-run=\"").append(i).append("\" data-run-id=\"")
                    .append(Html.escape(run.workflowRunId())).append("\"><td>")
                    .append(Html.escape(run.partitionId() == null ? "-" : run.partitionId()))
                    .append(EventBatchText.line(run, workflow).map(line -> " <span class=\"batch\" data-event-count=\""
                            + EventBatchText.eventIds(run).size() + "\">" + EVENT_ICON + " " + Html.escape(line)
                            + "</span>").orElse(""))
                    .append("</td><td class=\"id\" title=\"").append(Html.escape(run.workflowRunId())).append("\">")
                    .append(Html.escape(shortId(run.workflowRunId()))).append("</td><td>")
                    .append(troubled ? "✗ " : "").append(run.status()).append("</td><td>")
                    .append(time(run.startedOn())).append("</td><td>").append(time(run.completedOn()))
                    .append("</td><td>").append(duration(run.startedOn(), run.completedOn())).append("</td>");
            Map<String, Object> counters = s.toGlueShape();
            for (String[] counter : COUNTERS) {
                Object value = counters.get(counter[0]);
                html.append("<td class=\"num").append(!StatisticsCounters.TOTAL.equals(counter[0])
                        && !StatisticsCounters.SUCCEEDED.equals(counter[0]) && !Integer.valueOf(0).equals(value)
                        ? " hot" : "")
                        .append("\">").append(value).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /** A row per notification, oldest first. */
    static String notifications(List<Notification> notifications) {
        StringBuilder html = new StringBuilder("<table class=\"notifications\"><thead><tr><th>Notification</th>"
                + "<th>At (UTC)</th><th>Partition</th><th>Job or crawler</th><th>JobRunId</th><th>Late by</th>"
                + "<th>Message</th></tr></thead><tbody>");
        for (Notification n : notifications) {
            String[] chip = chip(n.kind());
            html.append("<tr data-kind=\"").append(n.kind()).append("\" data-job-run-id=\"")
                    .append(Html.escape(n.jobRunId())).append("\"><td><span class=\"chip ").append(chip[0])
                    .append("\">").append(chip[1]).append("</span> ").append(Html.escape(n.detailType()))
                    .append("</td><td>").append(time(n.time())).append("</td><td>")
                    .append(Html.escape(n.partition())).append("</td><td>").append(Html.escape(n.name()))
                    .append("</td><td class=\"id\">").append(Html.escape(n.jobRunId())).append("</td><td>")
                    .append(n.lateByMinutes() == null ? "" : n.lateByMinutes() + " min").append("</td><td>")
                    .append(Html.escape(n.message())).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /** The chip of a kind of notification: its style class and icon (a switch, so a new kind cannot lack one). */
    private static String[] chip(Notification.Kind kind) {
        return switch (kind) {
            case RUN_FAILED -> chip(ShownState.FAILED);
            case RUN_TIMED_OUT -> chip(ShownState.TIMEOUT);
            case ACTION_START_FAILED -> chip(ShownState.ERROR);
            case RUN_DELAYED -> new String[]{"delayed", ShownState.DELAYED_ICON};
            case RUN_NOT_STARTED -> chip(ShownState.WAITING);
            case PARTITION_MISSING -> chip(ShownState.MISSING);
        };
    }

    private static String[] chip(ShownState state) {
        return new String[]{"st-" + state.name(), state.icon()};
    }

    static String time(Instant instant) {
        return instant == null ? "-" : "<time datetime=\"" + instant + "\">" + TIME.format(instant) + "</time>";
    }

    static String duration(Instant from, Instant to) {
        if (from == null || to == null) {
            return "-";
        }
        long seconds = Duration.between(from, to).getSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        return minutes < 60 ? minutes + "m " + String.format("%02ds", seconds % 60)
                : minutes / 60 + "h " + String.format("%02dm", minutes % 60);
    }

    /** Glue's run ids are 67 characters of which the first dozen tell runs apart: the tooltip has the whole. */
    private static String shortId(String id) {
        return id.length() > 14 ? id.substring(0, 13) + "…" : id;
    }
}
