package dev.glueorch.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Workflow run and action ids. A scheduled run's id is derived from (workflow, partition), so however often a tick
 * is delivered the same partition maps to the same run, and creating it is one conditional write. Ids look like
 * Glue's ({@code wr_} and 64 hex digits).
 */
public final class RunIds {

    private RunIds() {
    }

    /** The id of the run of {@code workflowName} for {@code partitionId}. */
    public static String forPartition(String workflowName, String partitionId) {
        return "wr_" + sha256(workflowName + '\u0000' + partitionId);
    }

    /**
     * The id of the run a closed batch of an EVENT trigger without PartitionFrom starts: derived from the batch (its
     * sequence and first event's time: a sequence restarts only if its record expired), so a retried close or start
     * opens the same run.
     */
    public static String forEventBatch(String workflowName, String triggerName, long sequence, Instant firstEventAt) {
        return "wr_" + sha256(workflowName + '\u0000' + triggerName + '\u0000' + sequence + '\u0000' + firstEventAt);
    }

    /**
     * The id of the run a partition repair resumes {@code previousRunId} as: derived from the run it resumes, so two
     * repairs at once, or one repeated, write the same run with one conditional write and start its nodes once. A
     * run resumed this way that fails again is a new previous run, with an id of its own to resume it under.
     */
    public static String resumeOf(String workflowName, String previousRunId) {
        return "wr_" + sha256(workflowName + '\u0000' + "resume" + '\u0000' + previousRunId);
    }

    /** A fresh id, for runs not tied to a schedule slot. */
    public static String random() {
        return "wr_" + sha256(UUID.randomUUID().toString());
    }

    /** The id of the {@code index}-th action of {@code triggerName} in run {@code workflowRunId}. */
    public static String action(String workflowRunId, String triggerName, int index) {
        return workflowRunId + ":" + triggerName + ":" + index;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
