package dev.glueorch.engine;

import dev.glueorch.model.Action;
import dev.glueorch.model.Condition;
import dev.glueorch.model.NodeId;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A workflow as Glue's graph: triggers, jobs and crawlers as nodes; an edge from a trigger to each node its actions
 * start, and from each node a condition watches to the trigger of that condition.
 */
public final class WorkflowGraph {

    private WorkflowGraph() {
    }

    /** Every node of the workflow (remote conditions' jobs included). */
    public static Set<NodeId> nodes(WorkflowDefinition workflow) {
        Set<NodeId> nodes = new LinkedHashSet<>();
        for (Trigger trigger : workflow.triggers()) {
            nodes.add(NodeId.of(NodeType.TRIGGER, trigger.name()));
            trigger.actions().forEach(a -> nodes.add(NodeId.of(a.type(), a.name())));
            if (trigger instanceof Trigger.Conditional conditional) {
                conditional.predicate().conditions().forEach(c -> nodes.add(nodeOf(c)));
            }
        }
        return nodes;
    }

    /** The nodes {@code from} and every node reachable from them. */
    public static Set<NodeId> downstream(WorkflowDefinition workflow, Collection<NodeId> from) {
        Set<NodeId> reached = new LinkedHashSet<>(from);
        Deque<NodeId> queue = new ArrayDeque<>(from);
        while (!queue.isEmpty()) {
            NodeId node = queue.poll();
            for (Trigger trigger : workflow.triggers()) {
                NodeId triggerNode = NodeId.of(NodeType.TRIGGER, trigger.name());
                if (node.equals(triggerNode)) {
                    for (Action action : trigger.actions()) {
                        NodeId target = NodeId.of(action.type(), action.name());
                        if (reached.add(target)) {
                            queue.add(target);
                        }
                    }
                } else if (trigger instanceof Trigger.Conditional conditional
                        && conditional.predicate().conditions().stream().anyMatch(c -> nodeOf(c).equals(node))
                        && reached.add(triggerNode)) {
                    queue.add(triggerNode);
                }
            }
        }
        return reached;
    }

    private static NodeId nodeOf(Condition condition) {
        return new NodeId(condition.type(), condition.account(), condition.name());
    }
}
