package dev.glueorch.cli.report;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.OrchestratorEvent.Notification;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.Action;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The notifications runs imply, for a deployed orchestrator whose table keeps none (only a marker per notification
 * sent): a job run or crawl that ended FAILED, TIMEOUT or ERROR, and a job run that went on past its action's
 * {@code NotifyDelayAfter} or {@code ExpectedDurationMinutes}. "Run Not Started" and "Partition Missing" leave no
 * trace in the runs (a missing partition has none; the partition grid shows it), and a delay set only on the Glue job
 * (not the action) is unknown here: none of these is derived.
 */
final class DerivedNotifications {

    private DerivedNotifications() {
    }

    /**
     * @param definitionOf the workflow definition a run started with, if the table still has it
     * @param now the end of a delay still going on
     */
    static List<Notification> of(List<WorkflowRun> runs,
                                 Function<WorkflowRun, Optional<WorkflowDefinition>> definitionOf, Instant now) {
        List<Notification> notifications = new ArrayList<>();
        for (WorkflowRun run : runs) {
            Optional<WorkflowDefinition> definition = definitionOf.apply(run);
            for (ActionRun action : run.actions().values()) {
                ended(run, action).ifPresent(notifications::add);
                definition.flatMap(d -> delayThreshold(d, action)).flatMap(threshold -> delayed(run, action,
                        threshold, now)).ifPresent(notifications::add);
            }
        }
        notifications.sort(Comparator.comparing(Notification::time));
        return notifications;
    }

    /** As the orchestrator notifies a finished action: a failure, a timeout, or a start Glue refused. */
    private static Optional<Notification> ended(WorkflowRun run, ActionRun action) {
        String what = (action.type() == NodeType.JOB ? "Job run of " : "Crawl of ") + action.name();
        return switch (action.state()) {
            case FAILED -> Optional.of(notification(Notification.Kind.RUN_FAILED, run, action, null,
                    what + " failed: " + action.errorMessage(), action.completedOn()));
            case TIMEOUT -> Optional.of(notification(Notification.Kind.RUN_TIMED_OUT, run, action, null,
                    what + " timed out", action.completedOn()));
            case ERROR -> Optional.of(notification(action.jobRunId() == null ? Notification.Kind.ACTION_START_FAILED
                    : Notification.Kind.RUN_FAILED, run, action, null, what + " could not run: "
                    + action.errorMessage(), action.completedOn()));
            default -> Optional.empty();
        };
    }

    private static Optional<Notification> delayed(WorkflowRun run, ActionRun action, int thresholdMinutes,
                                                  Instant now) {
        Duration running = Duration.between(action.startedOn(), action.completedOn() != null ? action.completedOn()
                : now);
        if (running.toMinutes() <= thresholdMinutes) {
            return Optional.empty();
        }
        return Optional.of(notification(Notification.Kind.RUN_DELAYED, run, action,
                running.toMinutes() - thresholdMinutes, "Job run of " + action.name() + " ran "
                        + running.toMinutes() + " minutes, past its expected " + thresholdMinutes,
                action.startedOn().plus(Duration.ofMinutes(thresholdMinutes))));
    }

    /** The earlier of the action's NotifyDelayAfter and ExpectedDurationMinutes, if it has either. */
    private static Optional<Integer> delayThreshold(WorkflowDefinition definition, ActionRun action) {
        if (action.type() != NodeType.JOB) {
            return Optional.empty();
        }
        return definition.trigger(action.triggerName()).map(t -> t.actions())
                .filter(actions -> action.index() < actions.size())
                .map(actions -> actions.get(action.index()))
                .filter(Action.JobAction.class::isInstance).map(Action.JobAction.class::cast)
                .flatMap(job -> Stream.of(job.notifyDelayAfter(), job.expectedDurationMinutes())
                        .filter(Objects::nonNull).min(Integer::compare));
    }

    private static Notification notification(Notification.Kind kind, WorkflowRun run, ActionRun action,
                                             Long lateByMinutes, String message, Instant at) {
        return new Notification(kind, run.workflowName(), run.workflowRunId(), run.partitionId(), Map.of(),
                action.type(), action.name(), action.jobRunId(), lateByMinutes, null, message,
                at != null ? at : action.startedOn(), action.jobRunId() != null ? action.jobRunId()
                        : action.actionId());
    }
}
