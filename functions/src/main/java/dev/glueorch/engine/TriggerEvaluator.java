package dev.glueorch.engine;

import dev.glueorch.model.Condition;
import dev.glueorch.model.Logical;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which CONDITIONAL triggers fire, with Glue's semantics: a condition is met by a job run or crawl started
 * inside the same workflow run that reached the condition's state; {@code AND} needs every condition,
 * {@code ANY} one; a trigger fires at most once per run, and nothing fires in a run that is not RUNNING.
 */
public final class TriggerEvaluator {

    /** How long after a slot its tick may still be to come (a late invocation, retries). */
    private static final Duration TICK_LAG = Duration.ofMinutes(5);

    private TriggerEvaluator() {
    }

    /** The unfired CONDITIONAL triggers of {@code workflow} that {@code run}'s actions now satisfy. */
    public static List<Firing> satisfied(WorkflowDefinition workflow, WorkflowRun run) {
        List<Firing> firings = new ArrayList<>();
        if (run.status() != WorkflowRunStatus.RUNNING) {
            return firings;
        }
        for (Trigger trigger : workflow.triggers()) {
            if (trigger instanceof Trigger.Conditional conditional && !run.hasFired(trigger.name())) {
                evaluate(conditional, run).ifPresent(firings::add);
            }
        }
        return firings;
    }

    /**
     * Whether an unfired AND trigger has every local condition met and waits only for other accounts'
     * completions: the run must stay open for them rather than complete.
     */
    public static boolean awaitsRemote(WorkflowDefinition workflow, WorkflowRun run) {
        for (Trigger trigger : workflow.triggers()) {
            if (trigger instanceof Trigger.Conditional conditional && !run.hasFired(trigger.name())
                    && conditional.predicate().logical() == Logical.AND) {
                List<Condition> conditions = conditional.predicate().conditions();
                boolean localMet = conditions.stream().filter(c -> !c.isRemote()).allMatch(c -> run.actions()
                        .values().stream().anyMatch(a -> c.isMetBy(a.type(), a.name(), a.state())));
                boolean remoteUnmet = conditions.stream().anyMatch(c -> c.isRemote() && !run.remotelyMeets(c));
                if (localMet && remoteUnmet) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an unfired AND trigger waits for a start still to come in this partition's run: some of its conditions
     * are met, and each other one is on a job or crawler that the run has not run and that a start trigger not yet
     * fired in it starts — an EVENT one with PartitionFrom (its files may come at any time), or a SCHEDULED one whose
     * slot for the run's partition is still to come at {@code now} (an operator's run of a past partition waits for
     * no schedule) — not deactivated. So the run of an hour that a schedule and the hour's files share stays open for
     * whichever comes second, rather than completing when the first one's actions end.
     */
    public static boolean awaitsStart(WorkflowDefinition workflow, WorkflowRun run, Set<String> deactivatedTriggers,
                                      Instant now) {
        if (run.partition() == null) {
            return false;
        }
        for (Trigger trigger : workflow.triggers()) {
            if (trigger instanceof Trigger.Conditional conditional && !run.hasFired(trigger.name())
                    && conditional.predicate().logical() == Logical.AND) {
                boolean met = false;
                boolean awaited = false;
                boolean neither = false;
                for (Condition condition : conditional.predicate().conditions()) {
                    if (condition.isRemote()) {
                        continue;
                    }
                    if (run.actions().values().stream().anyMatch(a -> condition.isMetBy(a.type(), a.name(),
                            a.state()))) {
                        met = true;
                    } else if (startLeftToCome(workflow, run, condition, deactivatedTriggers, now)) {
                        awaited = true;
                    } else {
                        neither = true;
                    }
                }
                if (met && awaited && !neither) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the condition's job or crawler has not run in {@code run} and an unfired start trigger that may still
     * fire in it starts it.
     */
    private static boolean startLeftToCome(WorkflowDefinition workflow, WorkflowRun run, Condition condition,
                                           Set<String> deactivatedTriggers, Instant now) {
        boolean ran = run.actions().values().stream()
                .anyMatch(a -> a.type() == condition.type() && a.name().equals(condition.name()));
        return !ran && workflow.triggers().stream()
                .filter(t -> t instanceof Trigger.Scheduled scheduled && slotToCome(workflow, scheduled, run, now)
                        || t instanceof Trigger.Event event && event.partitionFrom() != null)
                .filter(t -> !run.hasFired(t.name()) && !deactivatedTriggers.contains(t.name()))
                .anyMatch(t -> t.actions().stream()
                        .anyMatch(a -> a.type() == condition.type() && a.name().equals(condition.name())));
    }

    /**
     * Whether the schedule's slot for the run's partition is still to come: the partition of its latest slot (as of
     * {@link #TICK_LAG} ago, so a slot whose tick may not have run yet still counts) is an earlier one. Partition ids
     * of one workflow sort as their times do.
     */
    private static boolean slotToCome(WorkflowDefinition workflow, Trigger.Scheduled trigger, WorkflowRun run,
                                      Instant now) {
        return trigger.schedule().latestSlotAtOrBefore(now.minus(TICK_LAG))
                .map(slot -> Partitions.forSlot(workflow.workflow(), slot).id().compareTo(run.partitionId()) < 0)
                .orElse(true);
    }

    private static Optional<Firing> evaluate(Trigger.Conditional trigger, WorkflowRun run) {
        List<PredecessorRun> predecessors = new ArrayList<>();
        int met = 0;
        for (Condition condition : trigger.predicate().conditions()) {
            if (condition.isRemote()) {
                if (run.remotelyMeets(condition)) {
                    met++;
                }
                continue;
            }
            List<ActionRun> meeting = run.actions().values().stream()
                    .filter(a -> condition.isMetBy(a.type(), a.name(), a.state()))
                    .toList();
            if (!meeting.isEmpty()) {
                met++;
                meeting.stream().filter(a -> a.type() == NodeType.JOB && a.jobRunId() != null)
                        .map(a -> new PredecessorRun(a.name(), a.jobRunId()))
                        .filter(p -> !predecessors.contains(p))
                        .forEach(predecessors::add);
            }
        }
        int needed = trigger.predicate().logical() == Logical.AND ? trigger.predicate().conditions().size() : 1;
        return met >= needed ? Optional.of(new Firing(trigger, predecessors)) : Optional.empty();
    }
}
