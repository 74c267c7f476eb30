package dev.glueorch.engine;

import dev.glueorch.model.NodeType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications once per (run, kind): the first path that detects one (an event, the reconciler, a retry)
 * claims it with one conditional write and publishes it; every other path finds it claimed.
 */
final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final Outbox outbox;
    private final Clock clock;

    Notifier(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Notifies about an action of a run: its job run (or crawl) delayed, failed, timed out or not started. */
    void aboutAction(OrchestratorEvent.Notification.Kind kind, WorkflowRun run, Partition partition,
                     ActionRun action, Duration late, String message) {
        String subject = action.jobRunId() != null ? action.jobRunId() : action.actionId();
        send(new OrchestratorEvent.Notification(kind, run.workflowName(), run.workflowRunId(),
                run.partitionId(), partition == null ? Map.of() : partition.runProperties(), action.type(),
                action.name(), action.jobRunId(), late == null ? null : Math.max(0, late.toMinutes()),
                consolePath(action.type(), action.name(), action.jobRunId()), message, clock.instant(), subject));
    }

    /**
     * Notifies that the run of a partition had not started by its deadline; {@code workflowRunId} is the id that run
     * has, or will have when it starts.
     */
    void notStarted(String workflowName, String workflowRunId, Partition partition, String firstJob,
                    Instant deadline, String message) {
        Instant now = clock.instant();
        send(new OrchestratorEvent.Notification(OrchestratorEvent.Notification.Kind.RUN_NOT_STARTED, workflowName,
                workflowRunId, partition.id(), partition.runProperties(), NodeType.JOB, firstJob, null,
                Math.max(0, Duration.between(deadline, now).toMinutes()),
                firstJob == null ? null : consolePath(NodeType.JOB, firstJob, null), message, now,
                workflowName + "#" + partition.id()));
    }

    /**
     * Notifies that {@code first} (and, for a range, the partitions up to {@code missing.lastPartition()}) has no run
     * because its slot was skipped; once per partition, or per range.
     */
    void partitionMissing(String workflowName, Partition first, OrchestratorEvent.Notification.Missing missing,
                          String message) {
        String subject = workflowName + "#" + first.id()
                + (missing.partitions() == 1 ? "" : ".." + missing.lastPartition());
        send(new OrchestratorEvent.Notification(OrchestratorEvent.Notification.Kind.PARTITION_MISSING, workflowName,
                null, first.id(), first.runProperties(), null, null, null, null, null, message, clock.instant(),
                subject, missing));
    }

    private void send(OrchestratorEvent.Notification notification) {
        if (!outbox.publishOnce(notification)) {
            LOG.debug("{} for {} was sent already", notification.detailType(), notification.subject());
            return;
        }
        LOG.warn("{}: {}", notification.detailType(), notification.message());
    }

    /** The Glue console page of a job run (or of the job's runs, or of the crawler), after the Regional host. */
    static String consolePath(NodeType type, String name, String jobRunId) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        if (type == NodeType.CRAWLER) {
            return "/glue/home#/v2/data-catalog/crawlers/view/" + encoded;
        }
        return jobRunId == null ? "/gluestudio/home#/editor/job/" + encoded + "/runs"
                : "/gluestudio/home#/job/" + encoded + "/run/" + jobRunId;
    }
}
