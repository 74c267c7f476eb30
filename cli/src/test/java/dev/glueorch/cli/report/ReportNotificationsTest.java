package dev.glueorch.cli.report;

import static dev.glueorch.cli.report.RunFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.glueorch.engine.OrchestratorEvent.Notification;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The notifications a report of a deployed orchestrator derives from its runs ({@link DerivedNotifications}). */
class ReportNotificationsTest {

    private static final WorkflowDefinition LAKEHOUSE = RunFixtures.testWorkflow("lakehouse-hourly.json");
    private static final Instant START = Instant.parse("2026-11-21T04:00:00Z");
    private static final String RUN_ID = RunIds.forPartition("lakehouse-hourly", "2026-11-21T03");

    @Test
    void endStates_shouldBeNotifiedAsTheOrchestratorDoes() {
        // GIVEN a failed ingest, a timed-out model, a job Glue refused to start, and one that succeeded
        WorkflowRun run = run(
                job(RUN_ID, "lakehouse-start", 0, "ingest-orders", "jr_1", JobRunState.FAILED, START,
                        minutes(5), Map.of()),
                job(RUN_ID, "lakehouse-start", 1, "ingest-payments", null, JobRunState.ERROR, START, START,
                        Map.of()),
                job(RUN_ID, "lakehouse-start", 2, "ingest-customers", "jr_3", JobRunState.SUCCEEDED, START,
                        minutes(7), Map.of()),
                job(RUN_ID, "lakehouse-model", 0, "build-facts", "jr_4", JobRunState.TIMEOUT, minutes(10),
                        minutes(20), Map.of()));

        // WHEN
        List<Notification> notifications = DerivedNotifications.of(List.of(run), r -> Optional.of(LAKEHOUSE),
                minutes(60));

        // THEN
        assertThat(notifications).extracting(Notification::kind, Notification::name, Notification::jobRunId,
                Notification::time).containsExactly(
                        tuple(Notification.Kind.ACTION_START_FAILED, "ingest-payments", null, START),
                        tuple(Notification.Kind.RUN_FAILED, "ingest-orders", "jr_1", minutes(5)),
                        tuple(Notification.Kind.RUN_TIMED_OUT, "build-facts", "jr_4", minutes(20)));
        assertThat(notifications.get(1).message()).contains("ingest-orders broke");
    }

    @Test
    void jobRunPastItsNotifyDelayAfter_shouldBeDelayedByTheMinutesOver() {
        // GIVEN build-facts (NotifyDelayAfter 25) ran 28 minutes, and another run of it is still going after 40
        WorkflowRun run = run(job(RUN_ID, "lakehouse-model", 0, "build-facts", "jr_late", JobRunState.SUCCEEDED,
                START, minutes(28), Map.of()));
        String otherId = RunIds.forPartition("lakehouse-hourly", "2026-11-21T04");
        WorkflowRun running = RunFixtures.run("lakehouse-hourly", "2026-11-21T04", minutes(60), Set.of(),
                List.of(job(otherId, "lakehouse-model", 0, "build-facts", "jr_running", JobRunState.RUNNING,
                        minutes(60), null, Map.of())));

        // WHEN
        List<Notification> notifications = DerivedNotifications.of(List.of(run, running),
                r -> Optional.of(LAKEHOUSE), minutes(100));

        // THEN
        assertThat(notifications).extracting(Notification::kind, Notification::jobRunId, Notification::lateByMinutes,
                Notification::time).containsExactly(
                        tuple(Notification.Kind.RUN_DELAYED, "jr_late", 3L, minutes(25)),
                        tuple(Notification.Kind.RUN_DELAYED, "jr_running", 15L, minutes(85)));
    }

    @Test
    void jobRunWithinItsDelayOrWithoutOne_shouldNotBeDelayed() {
        // GIVEN build-facts within its 25 minutes; an ingest (no delay set) that ran long; a run whose definitions
        // version is gone
        WorkflowRun run = run(
                job(RUN_ID, "lakehouse-model", 0, "build-facts", "jr_1", JobRunState.SUCCEEDED, START, minutes(25),
                        Map.of()),
                job(RUN_ID, "lakehouse-start", 0, "ingest-orders", "jr_2", JobRunState.SUCCEEDED, START,
                        minutes(300), Map.of()));

        // THEN
        assertThat(DerivedNotifications.of(List.of(run), r -> Optional.of(LAKEHOUSE), minutes(400))).isEmpty();
        assertThat(DerivedNotifications.of(List.of(run(job(RUN_ID, "lakehouse-model", 0, "build-facts", "jr_1",
                JobRunState.SUCCEEDED, START, minutes(90), Map.of()))), r -> Optional.empty(), minutes(400)))
                .isEmpty();
    }

    private static WorkflowRun run(dev.glueorch.engine.ActionRun... actions) {
        return RunFixtures.run("lakehouse-hourly", "2026-11-21T03", START, Set.of("lakehouse-start"),
                List.of(actions));
    }

    private static Instant minutes(int minutes) {
        return START.plus(Duration.ofMinutes(minutes));
    }
}
