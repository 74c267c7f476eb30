package dev.glueorch.engine;

import dev.glueorch.engine.OrchestratorEvent.Notification.Missing;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends "Partition Missing" for the partitions whose schedule slots were skipped: past the catch-up limit (always),
 * or while their trigger was DEACTIVATED (only for a workflow with {@code NotifyMissingWhileDeactivated}). Only a
 * partitioned workflow's partitions go missing: an unpartitioned workflow's next run processes whatever data is
 * there, so its skipped slots are only logged, as the tick always did.
 *
 * <p>The cost follows the skipped slots, never the triggers: a trigger that skipped nothing costs nothing. A tick
 * notifies at most {@value #ONE_BY_ONE_PER_TICK} partitions one by one, and a trigger at most
 * {@value #ONE_BY_ONE_PER_TRIGGER}; a trigger that skipped more (a long outage), or more than the tick has left, gets
 * one notification for its range instead. A tick after an outage over 1,000 triggers thus writes at most
 * {@value #ONE_BY_ONE_PER_TICK} notifications plus one per trigger, and loses none.
 */
final class MissingPartitions {

    /** A day of hourly partitions. */
    static final int ONE_BY_ONE_PER_TRIGGER = 24;
    static final int ONE_BY_ONE_PER_TICK = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MissingPartitions.class);

    /** The slots of one SCHEDULED trigger that passed without a run, oldest first, and why. */
    record Skip(Trigger.Scheduled trigger, List<Instant> slots, Missing.Reason reason) {

        Skip {
            slots = List.copyOf(slots);
        }
    }

    private final RunLifecycle lifecycle;
    private final WorkflowRunStore store;

    MissingPartitions(RunLifecycle lifecycle, WorkflowRunStore store) {
        this.lifecycle = lifecycle;
        this.store = store;
    }

    /**
     * Notifies the partitions of {@code skips} that are missing, each once however often it is skipped (the
     * notifier claims it), within one tick's budget.
     *
     * @param started the partitions whose runs the same tick starts, as {@code workflow#partition}: a slot one
     *                trigger skips leaves nothing missing when another trigger of the workflow starts its partition
     */
    void notify(Definitions current, List<Skip> skips, Set<String> started) {
        int budget = ONE_BY_ONE_PER_TICK;
        for (Skip skip : skips) {
            WorkflowDefinition workflow = current.workflow(skip.trigger().workflowName()).orElseThrow();
            if (!notified(workflow, skip.reason())) {
                continue;
            }
            // the earliest slot of each partition: with a schedule finer than the partitions, several share one
            TreeMap<String, Instant> partitions = new TreeMap<>();
            for (Instant slot : skip.slots()) {
                String id = Partitions.forSlot(workflow.workflow(), slot).id();
                if (!started.contains(workflow.name() + "#" + id)) {
                    partitions.putIfAbsent(id, slot);
                }
            }
            if (partitions.isEmpty()) {
                continue;
            }
            boolean oneByOne = partitions.size() <= ONE_BY_ONE_PER_TRIGGER && partitions.size() <= budget;
            if (oneByOne) {
                budget -= partitions.size();
            }
            try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, workflow.name())
                    .and(LogContext.TRIGGER, skip.trigger().name())) {
                lifecycle.isolated(workflow.name(), "Partition Missing notification of trigger "
                        + skip.trigger().name(), () -> {
                            if (oneByOne) {
                                partitions.forEach((id, slot) -> one(workflow, skip, id, slot));
                            } else {
                                range(workflow, skip, partitions);
                            }
                        });
            }
        }
    }

    private static boolean notified(WorkflowDefinition workflow, Missing.Reason reason) {
        return workflow.workflow().partitioning() != null && (reason == Missing.Reason.PAST_CATCH_UP_LIMIT
                || workflow.workflow().notifyMissingWhileDeactivated());
    }

    private void one(WorkflowDefinition workflow, Skip skip, String id, Instant slot) {
        // a run from elsewhere (an operator's, a backfill's, an event's) has the partition's id: then it is not missing
        if (store.run(workflow.name(), RunIds.forPartition(workflow.name(), id)).isPresent()) {
            LOG.info("Slot {} of partition {} was skipped, but the partition has a run: not missing", slot, id);
            return;
        }
        send(workflow, skip, id, slot, id, slot, 1);
    }

    /** One notification for the range: whether some partition of it has a run from elsewhere is left to the grid. */
    private void range(WorkflowDefinition workflow, Skip skip, TreeMap<String, Instant> partitions) {
        Map.Entry<String, Instant> first = partitions.firstEntry();
        Map.Entry<String, Instant> last = partitions.lastEntry();
        LOG.warn("{} partitions of workflow {}, {} to {}, were skipped at once: one Partition Missing for the range",
                partitions.size(), workflow.name(), first.getKey(), last.getKey());
        send(workflow, skip, first.getKey(), first.getValue(), last.getKey(), last.getValue(), partitions.size());
    }

    /** The one notification of the partitions {@code firstId} to {@code lastId}, {@code count} of them. */
    private void send(WorkflowDefinition workflow, Skip skip, String firstId, Instant firstSlot, String lastId,
                      Instant lastSlot, int count) {
        String what = count == 1 ? "Partition " + firstId + " of workflow " + workflow.name() + " has no run"
                : count + " partitions of workflow " + workflow.name() + ", " + firstId + " to " + lastId
                + ", have no run";
        lifecycle.notifier().partitionMissing(workflow.name(), Partitions.forId(workflow.workflow(), firstId),
                new Missing(skip.trigger().name(), firstSlot, skip.reason(), lastId, lastSlot, count),
                what + ": " + why(skip, firstSlot, lastSlot, count) + ". Fill " + (count == 1 ? "it" : "them")
                + " with 'glueorch backfill " + workflow.name() + " --from " + firstId + " --to " + lastId
                + "' (or 'glueorch partitions repair " + workflow.name() + " --missing')");
    }

    private static String why(Skip skip, Instant firstSlot, Instant lastSlot, int count) {
        String slots = count == 1 ? "its slot " + firstSlot : "their slots " + firstSlot + " to " + lastSlot;
        return switch (skip.reason()) {
            case TRIGGER_DEACTIVATED -> slots + " passed while trigger " + skip.trigger().name()
                    + " was DEACTIVATED";
            case PAST_CATCH_UP_LIMIT -> slots + " of trigger " + skip.trigger().name() + " passed with no tick, "
                    + "and the next tick starts only the latest slot and " + skip.trigger().maxCatchUpRuns()
                    + " missed ones (MaxCatchUpRuns)";
        };
    }

    /** The partitions of {@code slots} of the workflow, as {@code workflow#partition}. */
    static List<String> partitionsOf(WorkflowDefinition workflow, List<Instant> slots) {
        List<String> ids = new ArrayList<>();
        slots.forEach(slot -> ids.add(workflow.name() + "#" + Partitions.forSlot(workflow.workflow(), slot).id()));
        return ids;
    }
}
