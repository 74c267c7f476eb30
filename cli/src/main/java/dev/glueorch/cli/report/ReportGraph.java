package dev.glueorch.cli.report;

import dev.glueorch.cli.output.GlueShapes;
import dev.glueorch.engine.TriggerState;
import dev.glueorch.model.Condition;
import dev.glueorch.model.NodeId;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Predicate;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workflow's graph as the report draws it: the nodes and edges of Glue's {@code Graph} (the one
 * {@link GlueShapes#graph} answers GetWorkflow with), laid out in columns, with each CONDITIONAL trigger's AND / ANY
 * and each condition's awaited states written on the drawing.
 */
public record ReportGraph(List<GraphNode> nodes, List<GraphEdge> edges) {

    public ReportGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** The graph of {@code definition}. */
    @SuppressWarnings("unchecked")
    public static ReportGraph of(WorkflowDefinition definition) {
        // trigger states are not drawn: a node shows what the run did, whatever the trigger's state now
        Map<String, Object> graph = GlueShapes.graph(definition, name -> TriggerState.ACTIVATED, null);
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> node : (List<Map<String, Object>>) graph.get("Nodes")) {
            ids.add((String) node.get("UniqueId"));
        }
        Map<String, Set<String>> labels = conditionLabels(definition);
        List<GraphEdge> edges = new ArrayList<>();
        List<String[]> pairs = new ArrayList<>();
        for (Map<String, Object> edge : (List<Map<String, Object>>) graph.get("Edges")) {
            String source = (String) edge.get("SourceId");
            String destination = (String) edge.get("DestinationId");
            Set<String> states = labels.get(source + " " + destination);
            edges.add(new GraphEdge(source, destination, states == null ? null : String.join(" | ", states)));
            pairs.add(new String[]{source, destination});
        }
        Map<String, LayeredLayout.Place> places = LayeredLayout.of(ids, pairs);
        List<GraphNode> nodes = new ArrayList<>();
        for (String id : ids) {
            NodeId nodeId = NodeId.parse(id);
            LayeredLayout.Place place = places.get(id);
            nodes.add(new GraphNode(nodeId, detail(definition, nodeId), place.layer(), place.position()));
        }
        return new ReportGraph(nodes, edges);
    }

    /** The states each condition waits for, by {@code "source destination"} edge. */
    private static Map<String, Set<String>> conditionLabels(WorkflowDefinition definition) {
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        for (Trigger trigger : definition.triggers()) {
            if (trigger instanceof Trigger.Conditional conditional) {
                String destination = GlueShapes.uniqueId(NodeType.TRIGGER, null, trigger.name());
                for (Condition condition : conditional.predicate().conditions()) {
                    String source = GlueShapes.uniqueId(condition.type(), condition.account(), condition.name());
                    labels.computeIfAbsent(source + " " + destination, k -> new LinkedHashSet<>())
                            .add(awaited(condition));
                }
            }
        }
        return labels;
    }

    private static String awaited(Condition condition) {
        if (condition instanceof Condition.JobCondition job) {
            return job.state().name();
        }
        return ((Condition.CrawlerCondition) condition).crawlState().name();
    }

    /** What a node says besides its name and state: a trigger's schedule, AND / ANY, or on demand. */
    private static String detail(WorkflowDefinition definition, NodeId id) {
        if (id.account() != null) {
            return "account " + id.account();
        }
        Trigger trigger = definition.trigger(id.name()).filter(t -> id.type() == NodeType.TRIGGER).orElse(null);
        if (trigger instanceof Trigger.Scheduled scheduled) {
            return scheduled.schedule().expression();
        }
        if (trigger instanceof Trigger.Conditional conditional) {
            Predicate predicate = conditional.predicate();
            return predicate.conditions().size() == 1 ? "1 condition"
                    : predicate.logical() + " of " + predicate.conditions().size();
        }
        return trigger == null ? null : "on demand";
    }
}
