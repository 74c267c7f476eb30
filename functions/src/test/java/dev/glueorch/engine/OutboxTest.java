package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.EngineHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing published is lost when EventBridge fails: events wait in the outbox written with the state change, are
 * marked sent entry by entry, and are sent again by the reconciler; each keeps its stable id.
 */
class OutboxTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private final EngineHarness h = new EngineHarness(SLOT);

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** Delivers the job's latest run's state change as the handler does: its events leave together. */
    private void jobState(String job, JobRunState state) {
        h.outbox.batching(() -> h.jobState(job, state));
    }

    /** How often each event was accepted by the bus, by detail-type and stable id. */
    private Map<String, Long> acceptedByEvent() {
        return h.bus.events().stream().collect(Collectors.groupingBy(e -> e.detailType() + " " + e.eventId(),
                Collectors.counting()));
    }

    private List<OrchestratorEvent.ActionCompleted> completions(String job) {
        return h.bus.events(OrchestratorEvent.ActionCompleted.class).stream().filter(e -> e.name().equals(job))
                .toList();
    }

    @Test
    void putEventsFailingWhole_shouldLoseNothing_theNextPassSendsItOnce() {
        // GIVEN the run of partition 13, and EventBridge failing the whole PutEvents of ingest-orders' completion
        h.outbox.batching(() -> h.tick(SLOT));
        h.bus.failCalls(1);
        jobState("ingest-orders", JobRunState.SUCCEEDED);
        assertThat(completions("ingest-orders")).isEmpty();
        // WHEN a reconcile pass comes within the minute, then after it, then again
        h.reconcile(SLOT.plusSeconds(30));
        assertThat(completions("ingest-orders")).as("not before a minute: the handling may still send it").isEmpty();
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        h.reconcile(SLOT.plus(Duration.ofMinutes(10)));
        // THEN "Action Completed" went out once, with the id it was written with
        assertThat(completions("ingest-orders")).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(JobRunState.SUCCEEDED);
            assertThat(e.eventId()).isEqualTo(OrchestratorEvent.stableId("Action Completed", e.actionId()));
            assertThat(e.detail()).containsEntry("eventId", e.eventId());
        });
        assertThat(acceptedByEvent().values()).allMatch(count -> count == 1);
    }

    @Test
    void putEventsRefusingOneEntry_shouldSendAgainThatOneOnly() {
        // GIVEN ingest-orders succeeded; ingest-payments' success fires the join, whose handling publishes two events
        h.outbox.batching(() -> h.tick(SLOT));
        jobState("ingest-orders", JobRunState.SUCCEEDED);
        // WHEN EventBridge refuses the first entry of that call (FailedEntryCount 1)
        h.bus.refuseEntries(1);
        jobState("ingest-payments", JobRunState.SUCCEEDED);
        assertThat(h.bus.events(OrchestratorEvent.ActionStarted.class)).extracting(OrchestratorEvent.ActionStarted::name)
                .contains("transform-sales");
        assertThat(completions("ingest-payments")).isEmpty();
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        // THEN the refused one is sent again, the accepted one is not
        assertThat(completions("ingest-payments")).hasSize(1);
        assertThat(acceptedByEvent().values()).allMatch(count -> count == 1);
    }

    @Test
    void runCompletedWhoseEventFailed_shouldStillAnnounceItsEnd() {
        // GIVEN a run whose last action ends while EventBridge is down
        h.outbox.batching(() -> h.tick(SLOT));
        jobState("ingest-orders", JobRunState.FAILED);
        jobState("ingest-payments", JobRunState.FAILED);
        h.bus.failCalls(1);
        jobState("alert-on-failure", JobRunState.SUCCEEDED);
        assertThat(h.run("2026-11-21T13").status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        assertThat(h.bus.events(OrchestratorEvent.WorkflowRunCompleted.class)).isEmpty();
        // WHEN the reconciler passes (the run has ended: it is no longer among the active runs)
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        // THEN its completion and the last action's went out once each
        assertThat(h.bus.events(OrchestratorEvent.WorkflowRunCompleted.class)).singleElement()
                .satisfies(e -> assertThat(e.statistics()).isEqualTo(new Statistics(3, 0, 2, 0, 1, 0, 0, 0)));
        assertThat(completions("alert-on-failure")).hasSize(1);
        assertThat(acceptedByEvent().values()).allMatch(count -> count == 1);
    }

    @Test
    void notificationWhosePublishFailed_shouldBeSentOnceLater() {
        // GIVEN ingest-orders fails while EventBridge fails the call carrying its "Run Failed"
        h.outbox.batching(() -> h.tick(SLOT));
        h.bus.failCalls(1);
        GlueEvent.JobStateChange failed = h.jobEvent("ingest-orders", JobRunState.FAILED);
        h.outbox.batching(() -> h.orchestrator.handle(failed));
        assertThat(h.bus.events(OrchestratorEvent.Notification.class)).isEmpty();
        // WHEN the event is delivered again and reconcile passes come
        h.outbox.batching(() -> h.orchestrator.handle(failed));
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        h.reconcile(SLOT.plus(Duration.ofMinutes(10)));
        // THEN one "Run Failed", about that job run
        assertThat(h.bus.events(OrchestratorEvent.Notification.class)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(OrchestratorEvent.Notification.Kind.RUN_FAILED);
            assertThat(n.jobRunId()).isEqualTo(failed.jobRunId());
            assertThat(n.message()).contains("it broke");
        });
    }

    @Test
    void everythingAccepted_shouldLeaveNothingUnsent() {
        // GIVEN a whole run whose events were all accepted
        h.outbox.batching(() -> h.tick(SLOT));
        jobState("ingest-orders", JobRunState.FAILED);
        jobState("ingest-payments", JobRunState.FAILED);
        jobState("alert-on-failure", JobRunState.SUCCEEDED);
        // WHEN the reconciler looks for unsent events later
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        // THEN nothing was sent twice and the outbox is empty
        assertThat(acceptedByEvent().values()).allMatch(count -> count == 1);
        assertThat(h.outboxStore.unsent(SLOT.plus(Duration.ofDays(1)), 100)).isEmpty();
    }
}
