package dev.glueorch.engine;

import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a workflow run calls for once its state changed, decided from the definitions and the run alone (no I/O):
 * fire the triggers it now satisfies, end it, or wait. Glue's rules: a run is COMPLETED when nothing runs, nothing
 * waits and nothing can fire any more; a STOPPING run is STOPPED once its last running action ended.
 */
public sealed interface RunDecision permits RunDecision.Fire, RunDecision.End, RunDecision.Wait {

    /** Fire these triggers (none deactivated), each at most once per run: the store's claim decides. */
    record Fire(List<Firing> firings) implements RunDecision {
    }

    /** End the run: RUNNING → COMPLETED, STOPPING → STOPPED. */
    record End() implements RunDecision {
    }

    /** Nothing to do until an action ends or another account's completion comes. */
    record Wait() implements RunDecision {
    }

    /** The decision for {@code run} at {@code now}, with {@code deactivatedTriggers} (StopTrigger) left out. */
    static RunDecision after(WorkflowDefinition workflow, WorkflowRun run, Set<String> deactivatedTriggers,
                             Instant now) {
        List<Firing> firings = TriggerEvaluator.satisfied(workflow, run).stream()
                .filter(f -> !deactivatedTriggers.contains(f.trigger().name())).toList();
        if (!firings.isEmpty()) {
            return new Fire(firings);
        }
        // A run that nothing fired in yet was opened by another account's completion and waits for its own start;
        // one whose AND trigger lacks only other accounts' completions waits for them, and one whose AND trigger
        // lacks only what the partition's schedule or files are still to start waits for that.
        boolean idle = run.statistics().isIdle();
        if (run.status() == WorkflowRunStatus.RUNNING && idle && !run.firedTriggers().isEmpty()
                && !TriggerEvaluator.awaitsRemote(workflow, run)
                && !TriggerEvaluator.awaitsStart(workflow, run, deactivatedTriggers, now)) {
            return new End();
        }
        if (run.status() == WorkflowRunStatus.STOPPING && idle) {
            return new End();
        }
        return new Wait();
    }
}
