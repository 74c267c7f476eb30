package dev.glueorch.cli.report;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.NodeId;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report shows of one workflow: its graph, its runs (oldest first) with the state of every graph node in
 * each, the run the graph is drawn for ({@code chosenRun}, an index into {@code runs}; -1 when there is no run), a
 * timeline lane per job and crawler with a bar per job run and crawl, the notifications, and the partitions of the
 * period ({@code null}: none to show).
 */
public record WorkflowReport(WorkflowDefinition definition, ReportGraph graph, List<WorkflowRun> runs, int chosenRun,
                             List<List<ShownState>> nodeStates, List<TimelineLane> lanes, List<TimelineBar> bars,
                             List<OrchestratorEvent.Notification> notifications,
                             NotificationSource notificationSource, PartitionGrid partitions) {

    public WorkflowReport {
        runs = List.copyOf(runs);
        nodeStates = nodeStates.stream().map(List::copyOf).toList();
        lanes = List.copyOf(lanes);
        bars = List.copyOf(bars);
        notifications = List.copyOf(notifications);
    }

    /**
     * The report of {@code history}, its graph drawn for the run {@code chosenRunId}, or for the latest run when
     * that is {@code null}.
     *
     * @throws IllegalArgumentException when {@code chosenRunId} is not among the history's runs
     */
    public static WorkflowReport of(WorkflowHistory history, String chosenRunId) {
        ReportGraph graph = ReportGraph.of(history.definition());
        List<WorkflowRun> runs = new ArrayList<>(history.runs());
        runs.sort(Comparator.comparing(WorkflowRun::startedOn).thenComparing(WorkflowRun::workflowRunId));
        int chosen = runs.size() - 1;
        if (chosenRunId != null) {
            chosen = runs.stream().map(WorkflowRun::workflowRunId).toList().indexOf(chosenRunId);
            if (chosen < 0) {
                throw new IllegalArgumentException("run " + chosenRunId + " is not among the runs reported");
            }
        }
        List<List<ShownState>> nodeStates = runs.stream()
                .map(run -> graph.nodes().stream().map(node -> stateOf(node.id(), run)).toList()).toList();
        List<TimelineLane> lanes = lanes(graph, runs);
        return new WorkflowReport(history.definition(), graph, runs, chosen, nodeStates, lanes,
                bars(runs, lanes, delays(history.notifications())), history.notifications(), history.source(),
                history.partitions());
    }

    /** The state of every graph node in the chosen run, in {@code graph().nodes()} order. */
    public List<ShownState> chosenStates() {
        return chosenRun < 0 ? graph.nodes().stream().map(node -> stateOf(node.id(), null)).toList()
                : nodeStates.get(chosenRun);
    }

    /** The chosen run, or {@code null} when there is none. */
    public WorkflowRun chosen() {
        return chosenRun < 0 ? null : runs.get(chosenRun);
    }

    /**
     * A node's state in {@code run}: a trigger fired or not; a job or crawler as its latest job run or crawl of the
     * run left it; another account's job as its orchestrator reported it for the run's partition.
     */
    static ShownState stateOf(NodeId node, WorkflowRun run) {
        if (node.type() == NodeType.TRIGGER) {
            return run != null && run.hasFired(node.name()) ? ShownState.FIRED : ShownState.NOT_FIRED;
        }
        if (run == null) {
            return ShownState.NOT_RUN;
        }
        if (node.account() != null) {
            // WorkflowRun.remoteKey: account|region|TYPE|name, with the region the event came from
            String prefix = node.account() + "|";
            String suffix = "|" + node.type() + "|" + node.name();
            return run.remoteOutcomes().entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith(suffix))
                    .map(e -> ShownState.of(e.getValue())).findFirst().orElse(ShownState.NOT_RUN);
        }
        return run.actions().values().stream().filter(a -> a.type() == node.type() && a.name().equals(node.name()))
                .max(Comparator.comparing(ActionRun::startedOn)).map(a -> ShownState.of(a.state()))
                .orElse(ShownState.NOT_RUN);
    }

    /** A lane per job and crawler of the graph, by column, then per one that only older definitions had. */
    private static List<TimelineLane> lanes(ReportGraph graph, List<WorkflowRun> runs) {
        Map<NodeId, TimelineLane> lanes = new LinkedHashMap<>();
        graph.nodes().stream().filter(n -> n.id().type() != NodeType.TRIGGER && n.id().account() == null)
                .sorted(Comparator.comparingInt(GraphNode::layer).thenComparingInt(GraphNode::position))
                .forEach(n -> lanes.put(n.id(), new TimelineLane(n.id())));
        for (WorkflowRun run : runs) {
            run.actions().values().forEach(a -> lanes.computeIfAbsent(NodeId.of(a.type(), a.name()),
                    TimelineLane::new));
        }
        return new ArrayList<>(lanes.values());
    }

    private static List<TimelineBar> bars(List<WorkflowRun> runs, List<TimelineLane> lanes,
                                          Map<String, Long> delays) {
        Map<NodeId, Integer> laneIndex = new HashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            laneIndex.put(lanes.get(i).node(), i);
        }
        List<TimelineBar> bars = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            for (ActionRun action : runs.get(run).actions().values()) {
                bars.add(new TimelineBar(laneIndex.get(NodeId.of(action.type(), action.name())), run, action,
                        ShownState.of(action.state()), action.jobRunId() == null ? null
                        : delays.get(action.jobRunId())));
            }
        }
        return bars;
    }

    /** How late each delayed job run was reported, by job run id. */
    private static Map<String, Long> delays(List<OrchestratorEvent.Notification> notifications) {
        Map<String, Long> delays = new HashMap<>();
        for (OrchestratorEvent.Notification n : notifications) {
            if (n.kind() == OrchestratorEvent.Notification.Kind.RUN_DELAYED && n.jobRunId() != null) {
                delays.merge(n.jobRunId(), n.lateByMinutes() == null ? 0L : n.lateByMinutes(), Math::max);
            }
        }
        return delays;
    }
}
