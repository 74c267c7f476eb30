package dev.glueorch.engine;

import dev.glueorch.model.Action;
import dev.glueorch.model.NodeId;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.TriggerType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resuming a COMPLETED run under a new run id, as ResumeWorkflowRun ({@link WorkflowOperations}) and a repair of a
 * failed partition ({@link PartitionOperations}) both do: one way to resume, so a repaired partition's run is the run
 * an operator's resume would have been.
 */
final class RunResumption {

    private static final Logger LOG = LoggerFactory.getLogger(RunResumption.class);

    private final WorkflowRunStore store;
    private final RunLifecycle lifecycle;
    private final Clock clock;

    RunResumption(WorkflowRunStore store, RunLifecycle lifecycle, Clock clock) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /**
     * Resumes the COMPLETED run {@code previous} as run {@code newRunId}: {@code chosen} and everything downstream of
     * them run again. EXISTED, starting nothing, when a run with that id exists: a repair resumed it already.
     */
    RunStart resume(WorkflowDefinition workflow, WorkflowRun previous, List<NodeId> chosen, String newRunId) {
        String workflowName = previous.workflowName();
        Set<NodeId> rerun = WorkflowGraph.downstream(workflow, chosen);
        Map<String, ActionRun> carried = new LinkedHashMap<>();
        previous.actions().forEach((id, action) -> {
            if (!rerun.contains(NodeId.of(action.type(), action.name()))
                    && !rerun.contains(NodeId.of(NodeType.TRIGGER,
                            action.triggerName()))) {
                carried.put(id, action);
            }
        });
        Set<String> fired = new TreeSet<>();
        previous.firedTriggers().stream().filter(t -> !rerun.contains(NodeId.of(
                NodeType.TRIGGER, t))).forEach(fired::add);
        Instant now = clock.instant();
        List<ActionRun> again = again(workflow, chosen, fired, previous, newRunId, now);
        Map<String, ActionRun> actions = new LinkedHashMap<>(carried);
        again.forEach(action -> actions.put(action.actionId(), action));
        /*
         * The actions run again are written with the run, counted as running: a run item without them would have
         * nothing running, and a reconcile pass or an event meanwhile could complete it before they were added.
         */
        WorkflowRun resumed = new WorkflowRun(workflowName, newRunId, previous.partition(), previous.properties(),
                now, null, WorkflowRunStatus.RUNNING, new Statistics(again.size(), 0, 0, 0, 0, again.size(), 0, 0),
                previous.definitionsVersion(), actions, fired, previous.remoteOutcomes(), previous.workflowRunId(),
                null, null);
        RunStart start = store.startRun(resumed, null, null);
        if (start.outcome() == RunStart.Outcome.EXISTED) {
            LOG.info("Run {} was resumed as {} already: nothing started again", previous.workflowRunId(), newRunId);
            return start;
        }
        WorkflowRun current = start.run();
        lifecycle.begin(current, List.of());
        for (ActionRun action : again) {
            lifecycle.start(workflow, current, action);
        }
        for (NodeId node : chosen) {
            if (node.type() == NodeType.TRIGGER
                    && workflow.trigger(node.name()).orElseThrow().type() != TriggerType.CONDITIONAL) {
                lifecycle.fireStart(store.run(workflowName, newRunId).orElseThrow(), node.name());
            }
        }
        // chosen CONDITIONAL triggers fire on the results carried over; a run with nothing to do completes
        store.run(workflowName, newRunId).ifPresent(run -> lifecycle.advance(workflow, run));
        return new RunStart(RunStart.Outcome.STARTED, store.run(workflowName, newRunId).orElse(current));
    }

    /**
     * The chosen jobs and crawlers, claimed to run again in run {@code newRunId} under the fired triggers that
     * started them, with the partition and properties of the {@code previous} run (the new run's).
     */
    private static List<ActionRun> again(WorkflowDefinition workflow, List<NodeId> chosen, Set<String> fired,
                                         WorkflowRun previous, String newRunId, Instant now) {
        List<ActionRun> again = new ArrayList<>();
        for (NodeId node : chosen) {
            if (node.type() == NodeType.TRIGGER) {
                continue;
            }
            for (Trigger trigger : workflow.triggers()) {
                if (!fired.contains(trigger.name())) {
                    continue;
                }
                for (int i = 0; i < trigger.actions().size(); i++) {
                    Action action = trigger.actions().get(i);
                    if (action.type() == node.type() && action.name().equals(node.name())) {
                        String actionId = RunIds.action(newRunId, trigger.name(), i);
                        Map<String, String> arguments = action instanceof Action.JobAction job
                                ? ArgumentResolver.resolve(job, RunLifecycle.partitionOf(workflow, previous),
                                previous.properties(), actionId) : Map.of();
                        again.add(ActionRun.claimed(actionId, trigger.name(), i, action.type(), action.name(),
                                arguments, now, List.of()));
                    }
                }
            }
        }
        return again;
    }
}
