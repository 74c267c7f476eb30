package dev.glueorch.engine;

import dev.glueorch.model.Condition;
import dev.glueorch.model.Logical;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which CONDITIONAL triggers fire, with Glue's semantics: a condition is met by a job run or crawl started
 * inside the same workflow run that reached the condition's state; {@code AND} needs every condition,
 * {@code ANY} one; a trigger fires at most once per run, and nothing fires in a run that is not RUNNING.
 */
public final class TriggerEvaluator {

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
