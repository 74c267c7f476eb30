package dev.glueorch.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.output.EventBatchText;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.NodeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the page's script draws the timeline from and re-colours the graph with, as one compact JSON document: a
 * month of hourly runs of a ten-job pipeline is thousands of job runs, so times are seconds from the start, states
 * and lanes are indexes, and argument names and values are indexes into one table of strings.
 *
 * <pre>
 * {"t0": epoch second, "t1": epoch second,
 *  "states": [[name, label, icon], ...],            ShownState by ordinal
 *  "delayed": the mark of a delayed job run,
 *  "nodes": [UniqueId, ...],                         the graph's nodes, in drawing order
 *  "lanes": [[UniqueId, type, name], ...],
 *  "statistics": [TotalActions, ...],              Glue's counter names, in the order runs give them
 *  "runs": [[WorkflowRunId, partition, Status, node states, start, end or -1, [counters],
 *            batch or null, [aws:eventIds]], ...]
 *                                                    node states: a letter per node, 'A' + ordinal; batch: how a batch
 *                                                    of events started or joined the run (EventBatchText)
 *  "chosen": run index or -1,
 *  "strings": [...],
 *  "bars": [[lane, run, start, end or -1 (not ended), state, JobRunId or null, [name, value, ...], late by or -1]]}
 * </pre>
 */
final class TimelineData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TimelineData() {
    }

    /** The document, safe inside a {@code <script type="application/json">} element. */
    static String json(WorkflowReport report, Instant from, Instant to) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("t0", from.getEpochSecond());
        data.put("t1", to.getEpochSecond());
        data.put("states", Arrays.stream(ShownState.values()).map(s -> List.of(s.name(), s.label(), s.icon()))
                .toList());
        data.put("delayed", ShownState.DELAYED_ICON);
        data.put("nodes", report.graph().nodes().stream().map(n -> n.id().toString()).toList());
        data.put("lanes", report.lanes().stream().map(l -> lane(l.node())).toList());
        data.put("statistics", List.copyOf(Statistics.EMPTY.toGlueShape().keySet()));
        List<List<Object>> runs = new ArrayList<>();
        for (int i = 0; i < report.runs().size(); i++) {
            WorkflowRun run = report.runs().get(i);
            StringBuilder states = new StringBuilder();
            report.nodeStates().get(i).forEach(s -> states.append((char) ('A' + s.ordinal())));
            runs.add(Arrays.asList(run.workflowRunId(), run.partitionId(), run.status().name(), states.toString(),
                    seconds(run.startedOn(), from), seconds(run.completedOn(), from),
                    List.copyOf(run.statistics().toGlueShape().values()),
                    EventBatchText.line(run, report.definition()).orElse(null), EventBatchText.eventIds(run)));
        }
        data.put("runs", runs);
        data.put("chosen", report.chosenRun());
        Strings strings = new Strings();
        List<List<Object>> bars = new ArrayList<>();
        for (TimelineBar bar : report.bars()) {
            ActionRun action = bar.action();
            List<Integer> arguments = new ArrayList<>();
            new TreeMap<>(action.arguments()).forEach((name, value) -> {
                arguments.add(strings.index(name));
                arguments.add(strings.index(value));
            });
            bars.add(Arrays.asList(bar.lane(), bar.run(), seconds(action.startedOn(), from),
                    seconds(action.completedOn(), from), bar.state().ordinal(), action.jobRunId(), arguments,
                    bar.delayed() ? bar.lateByMinutes() : -1));
        }
        data.put("strings", strings.values);
        data.put("bars", bars);
        try {
            return scriptSafe(JSON.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists of strings and numbers are always JSON", e);
        }
    }

    /** Seconds from {@code from} to {@code instant}, or -1 when there is no instant (not ended yet). */
    private static long seconds(Instant instant, Instant from) {
        return instant == null ? -1 : instant.getEpochSecond() - from.getEpochSecond();
    }

    private static List<String> lane(NodeId node) {
        return List.of(node.toString(), node.type().name(), node.name());
    }

    /**
     * JSON that no string in it can end the script element with ({@code </script>}) or open a comment in: the
     * characters an HTML parser reacts to are written as {@code \}{@code uXXXX} escapes, which JSON reads back as
     * the same characters.
     */
    static String scriptSafe(String json) {
        StringBuilder safe = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }

    /** Each distinct string once, by index. */
    private static final class Strings {
        private final List<String> values = new ArrayList<>();
        private final Map<String, Integer> indexes = new HashMap<>();

        int index(String value) {
            return indexes.computeIfAbsent(value, v -> {
                values.add(v);
                return values.size() - 1;
            });
        }
    }
}
