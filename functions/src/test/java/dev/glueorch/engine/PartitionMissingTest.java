package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.glueorch.engine.OrchestratorEvent.Notification;
import dev.glueorch.engine.OrchestratorEvent.Notification.Missing;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.InMemoryStartQueue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Partition Missing": the partitions whose schedule slots a tick or a start worker skips, each notified once. */
class PartitionMissingTest {

    private static final String WORKFLOW = EngineHarness.WORKFLOW;
    private static final String TRIGGER = "sales-start";

    private final EngineHarness h = new EngineHarness(Instant.parse("2026-11-21T10:00:00Z"));

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** The example without its concurrency limit (every caught-up slot starts at once), and the option as given. */
    private void example(boolean notifyMissingWhileDeactivated) {
        h.use(EngineHarness.exampleWith("\"MaxConcurrentRuns\": 2,",
                notifyMissingWhileDeactivated ? "\"NotifyMissingWhileDeactivated\": true," : ""));
    }

    private List<Notification> missing() {
        return h.bus.events(Notification.class).stream()
                .filter(n -> n.kind() == Notification.Kind.PARTITION_MISSING).toList();
    }

    @Test
    void slotPastTheCatchUpLimit_shouldBeNotifiedOnceWithItsPartitionTriggerSlotAndReason() {
        // GIVEN the tick ran at 10:00, then not until 15:00 (slots 11:00 to 15:00 due, MaxCatchUpRuns 3)
        example(false);
        h.tick(Instant.parse("2026-11-21T10:00:00Z"));

        // WHEN it runs again, and the reconciler after it
        h.tick(Instant.parse("2026-11-21T15:00:10Z"));
        h.reconcile(Instant.parse("2026-11-21T15:05:00Z"));

        // THEN slot 11:00 (partition 10) is skipped and notified once; 12:00 to 15:00 started
        assertThat(missing()).singleElement().satisfies(n -> {
            assertThat(n.detailType()).isEqualTo("Partition Missing");
            assertThat(n.partition()).isEqualTo("2026-11-21T10");
            assertThat(n.partitionProperties()).containsEntry("day_partition_value", "2026-11-21")
                    .containsEntry("hour_partition_value", "10");
            assertThat(n.missing()).isEqualTo(new Missing(TRIGGER, Instant.parse("2026-11-21T11:00:00Z"),
                    Missing.Reason.PAST_CATCH_UP_LIMIT, "2026-11-21T10", Instant.parse("2026-11-21T11:00:00Z"), 1));
            assertThat(n.detail()).containsEntry("workflowName", WORKFLOW)
                    .containsEntry("partition", "2026-11-21T10").containsEntry("triggerName", TRIGGER)
                    .containsEntry("slot", "2026-11-21T11:00:00Z").containsEntry("reason", "PAST_CATCH_UP_LIMIT")
                    .containsEntry("missingPartitions", 1).doesNotContainKeys("workflowRunId", "jobName");
            assertThat(n.message()).contains("MaxCatchUpRuns")
                    .contains("glueorch backfill sales-hourly --from 2026-11-21T10 --to 2026-11-21T10")
                    .contains("glueorch partitions repair sales-hourly --missing");
        });
        assertThat(h.glue.startsOf("ingest-orders")).extracting(s -> s.arguments().get("--hour_partition_value"))
                .containsExactlyInAnyOrder("9", "11", "12", "13", "14");
    }

    @Test
    void partitionMissingWhosePublishFailed_shouldBeSentAgainWholeByTheReconciler() {
        // GIVEN a tick skipping slot 11:00 while EventBridge fails the call carrying its "Partition Missing"
        example(false);
        h.tick(Instant.parse("2026-11-21T10:00:00Z"));
        h.bus.failCalls(1);
        h.tick(Instant.parse("2026-11-21T15:00:10Z"));
        assertThat(missing()).isEmpty();

        // WHEN the reconciler passes
        h.reconcile(Instant.parse("2026-11-21T15:05:00Z"));

        // THEN the notification read back from its claim goes out once, with its trigger, slot and reason
        assertThat(missing()).singleElement().satisfies(n -> {
            assertThat(n.partition()).isEqualTo("2026-11-21T10");
            assertThat(n.missing()).isEqualTo(new Missing(TRIGGER, Instant.parse("2026-11-21T11:00:00Z"),
                    Missing.Reason.PAST_CATCH_UP_LIMIT, "2026-11-21T10", Instant.parse("2026-11-21T11:00:00Z"), 1));
            assertThat(n.detail()).containsEntry("reason", "PAST_CATCH_UP_LIMIT");
        });
    }

    @Test
    void slotsWhileTheTriggerIsDeactivated_shouldNotBeNotifiedUnlessTheWorkflowAsks() {
        // GIVEN a workflow that does not ask, its trigger deactivated after the 10:00 tick
        example(false);
        h.tick(Instant.parse("2026-11-21T10:00:00Z"));
        h.source.setTriggerState(TRIGGER, TriggerState.DEACTIVATED);

        // WHEN the 11:00 and 12:00 ticks pass
        h.tick(Instant.parse("2026-11-21T11:00:05Z"));
        h.tick(Instant.parse("2026-11-21T12:00:05Z"));

        // THEN nothing starts and nothing is notified: the operator chose to stop the schedule
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(1);
        assertThat(missing()).isEmpty();
    }

    @Test
    void slotsWhileTheTriggerIsDeactivated_shouldBeNotifiedOneByOneWhenTheWorkflowAsks() {
        // GIVEN NotifyMissingWhileDeactivated, the trigger deactivated after the 10:00 tick
        example(true);
        h.tick(Instant.parse("2026-11-21T10:00:00Z"));
        h.source.setTriggerState(TRIGGER, TriggerState.DEACTIVATED);

        // WHEN the 11:00 and 12:00 ticks pass, then it is activated again before 13:00
        h.tick(Instant.parse("2026-11-21T11:00:05Z"));
        h.tick(Instant.parse("2026-11-21T12:00:05Z"));
        h.source.setTriggerState(TRIGGER, TriggerState.ACTIVATED);
        h.tick(Instant.parse("2026-11-21T13:00:05Z"));

        // THEN partitions 10 and 11 are missing, each notified once; 12 started
        assertThat(missing()).extracting(Notification::partition, n -> n.missing().reason(),
                        n -> n.missing().slot())
                .containsExactly(
                        tuple("2026-11-21T10", Missing.Reason.TRIGGER_DEACTIVATED,
                                Instant.parse("2026-11-21T11:00:00Z")),
                        tuple("2026-11-21T11", Missing.Reason.TRIGGER_DEACTIVATED,
                                Instant.parse("2026-11-21T12:00:00Z")));
        assertThat(missing().get(0).message()).contains("passed while trigger sales-start was DEACTIVATED");
        assertThat(h.run("2026-11-21T12").status()).isEqualTo(WorkflowRunStatus.RUNNING);
    }

    @Test
    void slotSkippedByAStartWorkerAndAgainByTheTick_shouldBeNotifiedOnce() {
        // GIVEN a tick that hands slots to start workers, and a workflow that asks about deactivated triggers
        example(true);
        InMemoryStartQueue queue = new InMemoryStartQueue();
        Orchestrator ticking = new Orchestrator(h.source, h.store, h.glue, h.outbox, h.metrics, h.clock,
                RetryPolicy.NONE, AccountTrust.SINGLE_ACCOUNT, queue);
        ScheduledStarts worker = new ScheduledStarts(ticking, h.source, h.store, h.clock);
        h.clock.set(Instant.parse("2026-11-21T13:30:00Z"));
        ticking.handle(new GlueEvent.ScheduleTick("tick-1", h.clock.instant()));
        // the 14:00 slot reached the queue, but the tick was told it did not (a lost answer): its cursor stays
        queue.refuse(1);
        h.clock.set(Instant.parse("2026-11-21T14:00:05Z"));
        ticking.handle(new GlueEvent.ScheduleTick("tick-2", h.clock.instant()));
        DueSlot slot = new DueSlot(WORKFLOW, TRIGGER, Instant.parse("2026-11-21T14:00:00Z"));

        // WHEN the trigger is deactivated, the worker gets the slot (twice, as SQS may deliver it), then the tick
        // sees the same slot
        h.source.setTriggerState(TRIGGER, TriggerState.DEACTIVATED);
        assertThat(worker.start(slot)).isEqualTo(ScheduledStarts.Outcome.GONE);
        assertThat(worker.start(slot)).isEqualTo(ScheduledStarts.Outcome.GONE);
        h.clock.set(Instant.parse("2026-11-21T14:01:00Z"));
        ticking.handle(new GlueEvent.ScheduleTick("tick-3", h.clock.instant()));

        // THEN partition 13 is notified once, and nothing started
        assertThat(missing()).singleElement().satisfies(n -> {
            assertThat(n.partition()).isEqualTo("2026-11-21T13");
            assertThat(n.missing().reason()).isEqualTo(Missing.Reason.TRIGGER_DEACTIVATED);
        });
        assertThat(h.glue.starts()).isEmpty();
    }

    @Test
    void skippedPartitionWithARunFromElsewhere_shouldNotBeNotified() {
        // GIVEN the tick ran at 10:00, and an operator started partition 10 by hand meanwhile
        example(false);
        h.tick(Instant.parse("2026-11-21T10:00:00Z"));
        new WorkflowOperations(h.source, h.store, h.orchestrator.lifecycle(), h.glue, h.clock)
                .startWorkflowRun(WORKFLOW, Map.of(), "2026-11-21T10");

        // WHEN the tick runs again at 15:00, skipping slot 11:00 (partition 10)
        h.tick(Instant.parse("2026-11-21T15:00:10Z"));

        // THEN partition 10 has a run: it is not missing
        assertThat(missing()).isEmpty();
    }

    @Test
    void unpartitionedWorkflowPastTheCatchUpLimit_shouldOnlyLogTheSkippedSlots() {
        // GIVEN an hourly workflow without Partitioning: each run processes whatever data is there
        h.use(new DefinitionValidator().validateAll(partitionedHourly(1, false)));
        h.tick(Instant.parse("2026-11-21T10:00:00Z"));

        // WHEN the tick runs again after five hours
        h.tick(Instant.parse("2026-11-21T15:00:10Z"));

        // THEN the latest slots start and no partition is said to be missing
        assertThat(h.glue.starts()).hasSize(1 + 4);
        assertThat(missing()).isEmpty();
    }

    @Test
    void manySlotsSkippedAtOnce_shouldBeOneNotificationForTheirRange() {
        // GIVEN the tick ran on Nov 20 at 10:00, then not for 29 hours (MaxCatchUpRuns 3)
        example(false);
        h.tick(Instant.parse("2026-11-20T10:00:00Z"));

        // WHEN it runs again at Nov 21 15:00
        h.tick(Instant.parse("2026-11-21T15:00:10Z"));

        // THEN the 25 skipped slots (Nov 20 11:00 to Nov 21 11:00) make one notification
        assertThat(missing()).singleElement().satisfies(n -> {
            assertThat(n.partition()).isEqualTo("2026-11-20T10");
            assertThat(n.missing()).isEqualTo(new Missing(TRIGGER, Instant.parse("2026-11-20T11:00:00Z"),
                    Missing.Reason.PAST_CATCH_UP_LIMIT, "2026-11-21T10", Instant.parse("2026-11-21T11:00:00Z"),
                    25));
            assertThat(n.detail()).containsEntry("lastPartition", "2026-11-21T10")
                    .containsEntry("missingPartitions", 25);
            assertThat(n.message()).startsWith("25 partitions of workflow sales-hourly, 2026-11-20T10 to "
                    + "2026-11-21T10, have no run").contains("glueorch backfill sales-hourly --from 2026-11-20T10 "
                    + "--to 2026-11-21T10");
        });
    }

    @Test
    void tickAfterAnOutageOverManyTriggers_shouldNotifyAHundredOneByOneAndTheRestAsOneRangePerTrigger() {
        // GIVEN 200 partitioned hourly workflows whose tick handed slots to the start workers until 08:00, then did
        // not run for eight hours (the bound does not depend on the number of triggers; 200 keep the test short)
        h.use(new DefinitionValidator().validateAll(partitionedHourly(200, true)));
        InMemoryStartQueue queue = new InMemoryStartQueue();
        Orchestrator ticking = new Orchestrator(h.source, h.store, h.glue, h.outbox, OrchestratorMetrics.NONE,
                h.clock, RetryPolicy.NONE, AccountTrust.SINGLE_ACCOUNT, queue);
        h.clock.set(Instant.parse("2026-11-21T08:00:00Z"));
        ticking.handle(new GlueEvent.ScheduleTick("tick-1", h.clock.instant()));
        h.requests.drain();

        // WHEN it runs at 16:00: per trigger, slots 09:00 to 16:00 are due, 13:00 to 16:00 start, four are skipped
        h.clock.set(Instant.parse("2026-11-21T16:00:05Z"));
        ticking.handle(new GlueEvent.ScheduleTick("tick-2", h.clock.instant()));

        // THEN every one of the 800 missing partitions is notified exactly once: the first 25 triggers' one by one
        // (the tick's 100), the other 175 triggers' as one range each; one claim written per notification
        List<Notification> missing = missing();
        assertThat(missing).hasSize(100 + 175);
        assertThat(missing).filteredOn(n -> n.missing().partitions() == 1)
                .hasSize(MissingPartitions.ONE_BY_ONE_PER_TICK);
        assertThat(missing).filteredOn(n -> n.missing().partitions() == 4).hasSize(175)
                .allSatisfy(n -> assertThat(n.partition()).isEqualTo("2026-11-21T08"));
        Set<String> covered = new TreeSet<>();
        for (Notification n : missing) {
            for (String hour : List.of("08", "09", "10", "11")) {
                String id = "2026-11-21T" + hour;
                if (n.partition().compareTo(id) <= 0 && n.missing().lastPartition().compareTo(id) >= 0) {
                    assertThat(covered.add(n.workflowName() + "#" + id)).as("notified twice").isTrue();
                }
            }
        }
        assertThat(covered).hasSize(800);
        assertThat(h.requests.drain()).filteredOn("PutItem"::equals).hasSize(275);
        assertThat(queue.sent()).hasSize(200 + 800);

        // AND the next tick, one slot due per trigger and none skipped, writes no notification
        h.clock.set(Instant.parse("2026-11-21T17:00:05Z"));
        ticking.handle(new GlueEvent.ScheduleTick("tick-3", h.clock.instant()));
        assertThat(h.requests.drain()).doesNotContain("PutItem");
        assertThat(missing()).hasSize(275);
    }

    /** {@code count} workflows {@code hourly-<i>}, each with an hourly SCHEDULED trigger {@code hourly-<i>-start}. */
    private static Map<String, String> partitionedHourly(int count, boolean partitioned) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            files.put("workflows/hourly-" + i + ".json", """
                    {"Workflow": {"Name": "hourly-%1$d"%2$s},
                     "Triggers": [{"Name": "hourly-%1$d-start", "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)",
                                   "Actions": [{"JobName": "job-%1$d"}]}]}
                    """.formatted(i, partitioned ? ", \"Partitioning\": {\"Granularity\": \"HOUR\"}" : ""));
        }
        return files;
    }
}
