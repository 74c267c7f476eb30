package dev.glueorch.engine;

import dev.glueorch.model.NodeId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a repair decided for one partition of its period (see {@link RepairPlan}): resume its failed run, start the
 * run its schedule slot would have started, or leave it, saying why. {@code runId} is the partition's run once
 * repaired, known in advance because it is derived (so repeating the repair finds it), or the run a skip leaves.
 */
public sealed interface PartitionRepair {

    String partitionId();

    /** The partition's state when the repair was planned. */
    PartitionState state();

    String runId();

    /** What the repair does to the partition, for a person. */
    String describe();

    /** The decision in the repair's JSON: {@code Partition}, {@code State}, {@code Repair}, then its own fields. */
    Map<String, Object> toShape();

    /**
     * ResumeWorkflowRun of the partition's COMPLETED run {@code previousRunId} with Glue's rules: {@code nodeIds},
     * its failed, timed-out, errored and stopped jobs and crawlers, and everything downstream of them run again under
     * {@code runId}, {@link RunIds#resumeOf} the previous run.
     */
    record Resume(String partitionId, String previousRunId, List<NodeId> nodeIds, String runId)
            implements PartitionRepair {

        public Resume {
            nodeIds = List.copyOf(nodeIds);
        }

        @Override
        public PartitionState state() {
            return PartitionState.FAILED;
        }

        @Override
        public String describe() {
            return "resume " + previousRunId + " rerunning " + nodeIds.stream().map(NodeId::toString)
                    .collect(Collectors.joining(", ")) + " and what follows them";
        }

        @Override
        public Map<String, Object> toShape() {
            Map<String, Object> shape = shape(this, "RESUME");
            shape.put("PreviousRunId", previousRunId);
            shape.put("NodeIds", nodeIds.stream().map(NodeId::toString).toList());
            shape.put("RunId", runId);
            return shape;
        }
    }

    /** The run of a MISSING partition, started as its schedule slot would have: {@link RunIds#forPartition}. */
    record Start(String partitionId, String runId) implements PartitionRepair {

        @Override
        public PartitionState state() {
            return PartitionState.MISSING;
        }

        @Override
        public String describe() {
            return "start the run its schedule slot would have started";
        }

        @Override
        public Map<String, Object> toShape() {
            Map<String, Object> shape = shape(this, "START");
            shape.put("RunId", runId);
            return shape;
        }
    }

    /** The partition is left as it is, for {@code reason}; {@code runId} is its run. */
    record Skip(String partitionId, PartitionState state, String runId, String reason) implements PartitionRepair {

        /** Whether the partition was asked for (FAILED or MISSING) and cannot be repaired: a refusal. */
        public boolean refused() {
            return state == PartitionState.FAILED || state == PartitionState.MISSING;
        }

        @Override
        public String describe() {
            return "skip: " + reason;
        }

        @Override
        public Map<String, Object> toShape() {
            Map<String, Object> shape = shape(this, "SKIP");
            shape.put("RunId", runId);
            shape.put("Reason", reason);
            return shape;
        }
    }

    private static Map<String, Object> shape(PartitionRepair repair, String kind) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("Partition", repair.partitionId());
        shape.put("State", repair.state().name());
        shape.put("Repair", kind);
        return shape;
    }
}
