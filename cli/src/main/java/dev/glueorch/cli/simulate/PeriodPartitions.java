package dev.glueorch.cli.simulate;

import dev.glueorch.engine.Partitions;
import dev.glueorch.model.Condition;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.Granularity;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The partitions a simulation's workflow runs process between a scenario's {@code from} and {@code to}, so that a
 * job's or crawler's {@code runs} key that no run will ever look up is refused rather than silently never played. A scheduled
 * workflow processes the partitions of its slots in {@code [from, to)}, as the simulation starts them; a workflow
 * started by another account's completion processes that account's partitions, any of the period's; an EVENT trigger
 * with PartitionFrom starts or joins the runs of the partitions its matching events name.
 */
final class PeriodPartitions {

    private final Collection<Definitions> definitions;
    private final Instant from;
    private final Instant to;
    /** The partitions the scenario's events name, by workflow. */
    private final Map<String, Set<String>> eventPartitions = new HashMap<>();

    /** {@code from} and {@code to} may be {@code null} (already refused): only the form of a key is checked then. */
    PeriodPartitions(Collection<Definitions> definitions, Instant from, Instant to,
                     List<Scenario.ArrivingEvent> events) {
        this.definitions = definitions;
        this.from = from;
        this.to = to;
        for (Definitions each : definitions) {
            EventRules rules = new EventRules(each);
            for (Scenario.ArrivingEvent event : events) {
                for (Trigger.Event trigger : rules.matching(event)) {
                    WorkflowDefinition workflow = each.workflow(trigger.workflowName()).orElseThrow();
                    if (trigger.partitionFrom() != null) {
                        Partitions.forEvent(workflow.workflow(), trigger.partitionFrom(), event.event())
                                .ifPresent(p -> eventPartitions.computeIfAbsent(workflow.name(),
                                        w -> new HashSet<>()).add(p.id()));
                    }
                }
            }
        }
    }

    /**
     * Why {@code key} is not a partition a run of job or crawler {@code name} processes in the period, or empty when
     * it is one, for at least one workflow that starts it.
     */
    Optional<String> problem(NodeType type, String name, String key) {
        List<WorkflowDefinition> workflows = startedBy(type, name);
        if (workflows.isEmpty()) {
            return Optional.empty();
        }
        List<String> malformed = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (WorkflowDefinition workflow : workflows) {
            String id;
            try {
                id = Partitions.forId(workflow.workflow(), key).id();
            } catch (IllegalArgumentException e) {
                malformed.add(form(workflow));
                continue;
            }
            if (!id.equals(key)) {
                malformed.add(form(workflow));
            } else if (from == null || to == null) {
                return Optional.empty();
            } else {
                TreeSet<String> period = partitions(workflow);
                if (period.contains(key) || (!hasSchedule(workflow) && startedRemotely(workflow) && !period.isEmpty()
                        && key.compareTo(period.first()) >= 0 && key.compareTo(period.last()) <= 0)) {
                    return Optional.empty();
                }
                outside.add(period.isEmpty() ? "workflow '" + workflow.name() + "' starts no run in the period"
                        : "the runs of workflow '" + workflow.name() + "' process " + range(period));
            }
        }
        if (!outside.isEmpty()) {
            return Optional.of("partition " + key + " is not processed between from " + from + " and to " + to
                    + ": " + String.join("; ", outside) + "; pick one of those or widen from/to");
        }
        return Optional.of("'" + key + "' is not a partition id: " + String.join("; ", malformed));
    }

    private List<WorkflowDefinition> startedBy(NodeType type, String name) {
        List<WorkflowDefinition> workflows = new ArrayList<>();
        for (Definitions each : definitions) {
            for (WorkflowDefinition workflow : each.workflows().values()) {
                boolean starts = workflow.triggers().stream().flatMap(t -> t.actions().stream())
                        .anyMatch(a -> a.type() == type && a.name().equals(name));
                if (starts) {
                    workflows.add(workflow);
                }
            }
        }
        return workflows;
    }

    /** The expected form, with the period's first partition as the example. */
    private String form(WorkflowDefinition workflow) {
        String pattern = workflow.workflow().partitioning() == null
                ? "yyyy-MM-ddTHH:mmZ (the UTC minute of a scheduled slot: the workflow has no Partitioning)"
                : workflow.workflow().partitioning().granularity() == Granularity.HOUR
                ? "yyyy-MM-ddTHH (HOUR Partitioning)" : "yyyy-MM-dd (DAY Partitioning)";
        TreeSet<String> period = from == null || to == null ? new TreeSet<>() : partitions(workflow);
        return "workflow '" + workflow.name() + "' writes its partitions as " + pattern
                + (period.isEmpty() ? "" : ", e.g. " + period.first());
    }

    /** The partitions of the workflow's runs in the period, oldest first (a workflow's ids sort as their times). */
    private TreeSet<String> partitions(WorkflowDefinition workflow) {
        TreeSet<String> ids = new TreeSet<>();
        Instant after = from.minusNanos(1);
        Instant until = to.minusNanos(1);
        for (Trigger trigger : workflow.triggers()) {
            if (trigger instanceof Trigger.Scheduled scheduled) {
                scheduled.schedule().slotsBetween(after, until)
                        .forEach(slot -> ids.add(Partitions.forSlot(workflow.workflow(), slot).id()));
            }
        }
        if (ids.isEmpty() && startedRemotely(workflow)) {
            ids.add(Partitions.forSlot(workflow.workflow(), from).id());
            ids.add(Partitions.forSlot(workflow.workflow(), until).id());
        }
        ids.addAll(eventPartitions.getOrDefault(workflow.name(), Set.of()));
        return ids;
    }

    private static boolean hasSchedule(WorkflowDefinition workflow) {
        return workflow.triggers().stream().anyMatch(t -> t instanceof Trigger.Scheduled);
    }

    private static boolean startedRemotely(WorkflowDefinition workflow) {
        return workflow.triggers().stream().anyMatch(t -> t instanceof Trigger.Conditional c
                && c.predicate().conditions().stream().anyMatch(Condition::isRemote));
    }

    private static String range(TreeSet<String> period) {
        return period.size() == 1 ? "partition " + period.first()
                : period.size() + " partitions, " + period.first() + " to " + period.last();
    }
}
