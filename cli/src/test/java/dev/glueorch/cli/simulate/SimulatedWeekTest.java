package dev.glueorch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.engine.OrchestratorEvent.Notification;
import dev.glueorch.engine.OrchestratorEvent.Notification.Missing;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.PartitionHealth;
import dev.glueorch.engine.PartitionState;
import dev.glueorch.engine.Partitions;
import dev.glueorch.model.Action;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import dev.glueorch.testing.RecordingGlue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The week of {@code week.scenario.json}: every partition's state, each job's cell and the counts of the grid at the
 * week's end, and the "Partition Missing" notifications, all checked against what the scenario itself scripts
 * (outcomes by partition, the deactivation, the outage with the catch-up limit, the long runs at the end).
 */
class SimulatedWeekTest {

    private static final String START_TRIGGER = "sales-start";

    private final SimulatedWeek week = SimulatedWeek.asShipped();

    @Test
    void everyPartition_shouldHaveTheStateTheScenarioScripts() {
        // GIVEN the week simulated, and what its scenario implies for each partition
        Map<String, Expected> expected = expected(week);
        PartitionGrid grid = week.gridAtEnd();

        // WHEN / THEN the grid at the week's end lists the week's 168 partitions, newest first, each as scripted
        assertThat(expected).hasSize(7 * 24);
        assertThat(grid.partitions()).extracting(PartitionHealth::partitionId)
                .containsExactlyElementsOf(expected.keySet().stream().sorted(Comparator.reverseOrder()).toList());
        for (PartitionHealth partition : grid.partitions()) {
            assertThat(partition.state()).as("partition %s (%s)", partition.partitionId(),
                    expected.get(partition.partitionId()).why()).isEqualTo(expected.get(partition.partitionId())
                    .state());
            assertThat(partition.workflowRunId() == null).as("partition %s has no run", partition.partitionId())
                    .isEqualTo(partition.state() == PartitionState.MISSING);
        }
        // every state the week is made to show is there, missing partitions for both reasons
        assertThat(grid.counts()).containsEntry(PartitionState.RUNNING, week.workflow().workflow()
                .maxConcurrentRuns()).hasEntrySatisfying(PartitionState.QUEUED, n -> assertThat(n).isPositive())
                .hasEntrySatisfying(PartitionState.FAILED, n -> assertThat(n).isPositive())
                .hasEntrySatisfying(PartitionState.SUCCEEDED, n -> assertThat(n).isPositive())
                .containsEntry(PartitionState.STOPPED, 0).containsEntry(PartitionState.NOT_DUE, 0);
        assertThat(expected.values()).extracting(Expected::missing).contains(Missing.Reason.TRIGGER_DEACTIVATED,
                Missing.Reason.PAST_CATCH_UP_LIMIT);
    }

    @Test
    void counts_shouldBeThoseOfTheScriptedStates() {
        // GIVEN
        Map<PartitionState, Integer> scripted = new EnumMap<>(PartitionState.class);
        for (PartitionState state : PartitionState.values()) {
            scripted.put(state, 0);
        }
        expected(week).values().forEach(e -> scripted.merge(e.state(), 1, Integer::sum));

        // WHEN / THEN
        assertThat(week.gridAtEnd().counts()).isEqualTo(scripted);
        assertThat(week.gridAtEnd().from()).isEqualTo(week.firstPartition());
        assertThat(week.gridAtEnd().to()).isEqualTo(week.lastPartition());
    }

    @Test
    void eachJobsCell_shouldBeWhatGlueRanForThePartitionWhenTheWeekEnded() {
        // GIVEN the job runs Glue really ran (the simulation's ground truth), by job and partition, as of the end
        Instant end = week.end();
        Map<String, SimulatedGlue.JobRunRecord> latest = new TreeMap<>();
        for (SimulatedGlue.JobRunRecord run : week.result().glueJobRuns()) {
            if (run.partition() != null && run.startedOn().isBefore(end)) {
                latest.merge(run.jobName() + "#" + run.partition(), run,
                        (a, b) -> a.startedOn().isAfter(b.startedOn()) ? a : b);
            }
        }
        Map<String, Expected> expected = expected(week);

        // WHEN / THEN each cell is that job run's state then (null: the run started no such job, or there is no run)
        assertThat(week.gridAtEnd().jobs()).containsExactly("ingest-orders", "ingest-payments", "transform-sales",
                "load-sales", "alert-on-failure");
        for (PartitionHealth partition : week.gridAtEnd().partitions()) {
            for (String job : week.gridAtEnd().jobs()) {
                SimulatedGlue.JobRunRecord run = latest.get(job + "#" + partition.partitionId());
                assertThat(partition.jobs().get(job)).as("%s in partition %s", job, partition.partitionId())
                        .isEqualTo(run == null ? null : run.stateAt(end));
            }
            // and a scripted outcome shows in its job's cell, as Glue ended it (a timeout cuts a longer run short)
            expected.get(partition.partitionId()).scripted().forEach((job, state) ->
                    assertThat(partition.jobs().get(job)).as("%s in partition %s", job, partition.partitionId())
                            .isEqualTo(state));
        }
    }

    @Test
    void partitionMissing_shouldBeSentOnceForEachPartitionPastTheCatchUpLimitButNotForADeactivatedTrigger() {
        // GIVEN the example as shipped, which does not ask about slots passing while its trigger is DEACTIVATED
        // WHEN / THEN each partition past the catch-up limit is notified once, with its reason, trigger and slot
        assertThat(missingNotified(week)).isEqualTo(expectedNotified(week));
        assertThat(week.result().deadLettered()).isZero();
        assertThat(week.result().publishing().pendingAtEnd()).isZero();
    }

    @Test
    void tableTheWeekLeft_shouldHaveEveryRunEndedAndTheSamePartitionsMissing() {
        // GIVEN the table once every run of the week finished, read by the operations glueorch runs
        Instant settled = week.result().workflowRuns().stream().map(run -> run.completedOn())
                .max(Comparator.naturalOrder()).orElseThrow();
        PartitionGrid after = week.partitionOperations(new RecordingGlue(), Clock.fixed(settled, ZoneOffset.UTC))
                .partitions(SimulatedWeek.WORKFLOW, week.firstPartition(), week.lastPartition());

        // WHEN / THEN the runs still going at the week's end succeeded; what was missing still is
        Map<String, Expected> expected = expected(week);
        for (PartitionHealth partition : after.partitions()) {
            PartitionState atEnd = expected.get(partition.partitionId()).state();
            assertThat(partition.state()).as(partition.partitionId()).isEqualTo(
                    atEnd == PartitionState.RUNNING || atEnd == PartitionState.QUEUED ? PartitionState.SUCCEEDED
                            : atEnd);
        }
    }

    /**
     * Each partition the scenario leaves missing past the catch-up limit, with the slot that passed. The example does
     * not ask about its deactivated trigger's slots; SimulateInterruptionsTest simulates a workflow that does (a
     * second week would double the time).
     */
    private static Map<String, String> expectedNotified(SimulatedWeek week) {
        Map<String, String> notified = new TreeMap<>();
        expected(week).forEach((id, e) -> {
            if (e.missing() == Missing.Reason.PAST_CATCH_UP_LIMIT) {
                notified.put(id, e.missing() + " " + START_TRIGGER + " " + e.slot());
            }
        });
        assertThat(notified).isNotEmpty();
        return notified;
    }

    /** The "Partition Missing" the simulation sent, by partition; a partition notified twice fails the test. */
    private static Map<String, String> missingNotified(SimulatedWeek week) {
        Map<String, String> notified = new TreeMap<>();
        for (Notification n : week.result().notifications()) {
            if (n.kind() != Notification.Kind.PARTITION_MISSING) {
                continue;
            }
            assertThat(n.missing().partitions()).as("one partition per notification in this week").isEqualTo(1);
            assertThat(n.workflowName()).isEqualTo(SimulatedWeek.WORKFLOW);
            String previous = notified.put(n.partition(), n.missing().reason() + " " + n.missing().triggerName()
                    + " " + n.missing().slot());
            assertThat(previous).as("partition %s notified twice", n.partition()).isNull();
        }
        return notified;
    }

    /** What the scenario implies for a partition: its state at the week's end, and why. */
    record Expected(PartitionState state, String why, Instant slot, Missing.Reason missing,
                    Map<String, JobRunState> scripted) {
    }

    /**
     * Each partition of the week's slots, from the scenario's own data: MISSING when its slot fell in a deactivation
     * of the start trigger, or in an outage and was older than the latest {@code 1 + MaxCatchUpRuns} slots the first
     * tick after it found; RUNNING or QUEUED when its start jobs are scripted to run past the week's end (the first
     * MaxConcurrentRuns of those run, the others wait: the runs before them end within their hour); FAILED when a job
     * is scripted to end other than SUCCEEDED, after its action's Timeout; SUCCEEDED otherwise.
     */
    static Map<String, Expected> expected(SimulatedWeek week) {
        WorkflowDefinition workflow = week.workflow();
        Scenario scenario = week.scenario();
        Trigger.Scheduled start = (Trigger.Scheduled) workflow.trigger(START_TRIGGER).orElseThrow();
        List<Instant> slots = start.schedule().slotsBetween(scenario.from().minusNanos(1),
                scenario.to().minusNanos(1));
        Map<Instant, Missing.Reason> missing = new TreeMap<>();
        for (Scenario.Deactivation deactivation : scenario.deactivations()) {
            if (!deactivation.trigger().equals(START_TRIGGER)) {
                continue;
            }
            slots.stream().filter(slot -> !slot.isBefore(deactivation.from()) && slot.isBefore(deactivation.to()))
                    .forEach(slot -> missing.put(slot, Missing.Reason.TRIGGER_DEACTIVATED));
        }
        for (Scenario.Outage outage : scenario.outages()) {
            List<Instant> due = start.schedule().slotsBetween(outage.from().minusNanos(1), outage.to());
            due.subList(0, Math.max(0, due.size() - 1 - start.maxCatchUpRuns()))
                    .forEach(slot -> missing.put(slot, Missing.Reason.PAST_CATCH_UP_LIMIT));
        }
        int running = 0;
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (Instant slot : slots) {
            String id = Partitions.forSlot(workflow.workflow(), slot).id();
            if (missing.containsKey(slot)) {
                expected.put(id, new Expected(PartitionState.MISSING, "slot " + slot + ": " + missing.get(slot),
                        slot, missing.get(slot), Map.of()));
                continue;
            }
            int startMinutes = start.actions().stream()
                    .mapToInt(a -> scenario.job(a.name()).outcome(id).afterMinutes()).max().orElse(0);
            if (slot.plus(Duration.ofMinutes(startMinutes)).isAfter(scenario.to())) {
                boolean runs = running++ < workflow.workflow().maxConcurrentRuns();
                expected.put(id, new Expected(runs ? PartitionState.RUNNING : PartitionState.QUEUED,
                        "start jobs run " + startMinutes + " minutes from " + slot, slot, null, Map.of()));
                continue;
            }
            Map<String, JobRunState> scripted = new TreeMap<>();
            scenario.jobs().forEach((job, behaviour) -> Optional.ofNullable(behaviour.runs().get(id))
                    .ifPresent(outcome -> scripted.put(job, outcome.within(timeout(workflow, job, behaviour))
                            .state())));
            boolean failed = scripted.values().stream().anyMatch(state -> state != JobRunState.SUCCEEDED);
            expected.put(id, new Expected(failed ? PartitionState.FAILED : PartitionState.SUCCEEDED,
                    "scripted " + scripted, slot, null, scripted));
        }
        return expected;
    }

    /** The job's timeout as Glue applies it: its action's Timeout, else the job's own, else Glue's default. */
    private static int timeout(WorkflowDefinition workflow, String job, Scenario.Behaviour behaviour) {
        return workflow.triggers().stream().flatMap(t -> t.actions().stream())
                .filter(a -> a instanceof Action.JobAction j && j.jobName().equals(job))
                .map(a -> ((Action.JobAction) a).timeout()).filter(Objects::nonNull).findFirst()
                .orElse(behaviour.timeoutMinutes() != null ? behaviour.timeoutMinutes()
                        : Scenario.GLUE_DEFAULT_TIMEOUT_MINUTES);
    }
}
