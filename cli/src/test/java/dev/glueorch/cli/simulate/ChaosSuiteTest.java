package dev.glueorch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite: 1,000 hourly runs of the example pipeline with every fault on (events doubled, reordered,
 * dropped and delayed; StartJobRun throttled, failing with a 5xx before the start and losing its answer after it; the
 * handler killed around starts; PutEvents failing whole and refusing entries; a reconcile pass running while a tick
 * retries a waiting action), checked against what the simulated Glue really ran and what the bus really accepted. It
 * prints its figures; they are the README's. Reproduce with
 * {@code ./mvnw -B -pl cli -am test -Dtest=ChaosSuiteTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ChaosSuiteTest {

    private static final int RUNS = 1000;
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")
            .withZone(ZoneOffset.UTC);

    @Test
    void thousandHourlyRunsUnderEveryFault_shouldStartEachJobOnceCompleteEveryRunAndNotifyExactly(
            @TempDir Path dir) throws IOException {
        // GIVEN the example pipeline (transform-sales expected within 40 minutes) and a scenario with failures,
        // timeouts and slow transforms scattered over 1,000 partitions, and every fault of the issue on
        Definitions definitions = new DefinitionLoader().load(Path.of("src/test/resources/chaos"));
        Path scenarioFile = dir.resolve("chaos.scenario.json");
        Files.writeString(scenarioFile, scenario());
        Scenario scenario = new ScenarioReader().read(scenarioFile, definitions);

        // WHEN it is simulated
        long started = System.nanoTime();
        SimulationResult result = new Simulation(definitions, scenario).run();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // THEN
        Map<String, Long> startsPerPartitionJob = result.glueJobRuns().stream().collect(Collectors.groupingBy(
                r -> r.partition() + " " + r.jobName(), Collectors.counting()));
        long startedMoreThanOnce = startsPerPartitionJob.values().stream().filter(c -> c > 1).count();
        long incomplete = result.workflowRuns().stream()
                .filter(r -> r.status() != WorkflowRunStatus.COMPLETED).count();
        List<String> statisticsMismatches = statisticsMismatches(result);
        List<String> recordMismatches = recordMismatches(result);
        Set<String> expected = expectedNotifications(result);
        List<String> sent = result.notifications().stream().map(ChaosSuiteTest::key).toList();
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(sent);
        Set<String> unexpected = new HashSet<>(sent);
        unexpected.removeAll(expected);
        long duplicated = sent.size() - new HashSet<>(sent).size();
        List<String> orphans = orphans(result);
        SimulationResult.Publishing bus = result.publishing();
        List<OrchestratorEvent> lost = bus.lost();
        long notificationsOffered = bus.offered().values().stream()
                .filter(OrchestratorEvent.Notification.class::isInstance).count();
        long notificationsLost = lost.stream().filter(OrchestratorEvent.Notification.class::isInstance).count();
        SimulationResult.Reconciliation passes = result.reconciliation();

        String figures = String.join("\n",
                "chaos suite: " + RUNS + " hourly runs, faults " + scenario.faults(),
                "  workflow runs: " + result.workflowRuns().size() + ", job runs started in Glue: "
                        + result.glueJobRuns().size() + ", crawls: " + result.glueCrawls().size(),
                "  (partition, job) pairs started more than once: " + startedMoreThanOnce,
                "  job runs started in Glue without being recorded on their action (orphans): " + orphans.size(),
                "  job runs recorded differently from Glue: " + recordMismatches.size(),
                "  workflow runs never completed: " + incomplete,
                "  statistics disagreeing with the job runs: " + statisticsMismatches.size(),
                "  notifications expected: " + expected.size() + ", sent: " + sent.size() + ", missing: "
                        + missing.size() + ", duplicated: " + duplicated + ", unexpected: " + unexpected.size(),
                "  orchestrator events lost (never accepted by the bus): " + lost.size() + " of "
                        + bus.offered().size() + " (notifications: " + notificationsLost + " of "
                        + notificationsOffered + "); still pending in an outbox at the end: " + bus.pendingAtEnd(),
                "  StartJobRun answers lost after Glue started the run: " + result.startFaults().answersLostAfterStart()
                        + ", 5xx before the start: " + result.startFaults().failedBeforeStart(),
                "  PutEvents calls: " + bus.calls() + ", failed whole: " + bus.failedCalls() + ", entries refused: "
                        + bus.refusedEntries(),
                "  reconcile passes: " + passes.passes() + " (" + passes.concurrentPasses() + " during a tick's retry "
                        + "of a waiting action), stopped early: " + passes.stoppedEarly() + " " + passes.failures()
                        + ", single repairs failed and left to the next pass: " + passes.repairsFailed(),
                "  handler invocations that died: " + result.failedInvocations()
                        + ", deliveries dead-lettered after Lambda's retries: " + result.deadLettered(),
                "  simulated in " + took.toSeconds() + " s");
        System.out.println(figures);
        Files.writeString(Path.of("target/chaos-figures.txt"), figures + "\n");

        assertThat(result.workflowRuns().size()).as(figures).isEqualTo(RUNS);
        assertThat(startedMoreThanOnce).as(figures).isZero();
        assertThat(recordMismatches).as(figures).isEmpty();
        assertThat(incomplete).as(figures).isZero();
        assertThat(statisticsMismatches).as(figures).isEmpty();
        assertThat(missing).as(figures).isEmpty();
        assertThat(duplicated).as(figures).isZero();
        assertThat(unexpected).as(figures).isEmpty();
        assertThat(orphans).as(figures).isEmpty();
        assertThat(lost).as(figures).isEmpty();
        assertThat(bus.pendingAtEnd()).as(figures).isZero();
        assertThat(passes.stoppedEarly()).as(figures).isZero();
        // the faults really were played: a suite whose faults never fire proves nothing
        assertThat(result.startFaults().answersLostAfterStart()).as(figures).isPositive();
        assertThat(result.startFaults().failedBeforeStart()).as(figures).isPositive();
        assertThat(bus.failedCalls()).as(figures).isPositive();
        assertThat(bus.refusedEntries()).as(figures).isPositive();
        assertThat(passes.concurrentPasses()).as(figures).isPositive();
    }

    /** Every 97th partition's ingest-orders fails, every 89th transform times out, every 53rd is slow. */
    private static String scenario() {
        List<String> orders = new ArrayList<>();
        List<String> transforms = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String partition = HOUR.format(FROM.plus(Duration.ofHours(i - 1)));
            if (i % 97 == 13) {
                orders.add("\"" + partition + "\": {\"state\": \"FAILED\", \"afterMinutes\": 5}");
            } else if (i % 89 == 7) {
                transforms.add("\"" + partition + "\": {\"state\": \"TIMEOUT\", \"afterMinutes\": 90}");
            } else if (i % 53 == 3) {
                transforms.add("\"" + partition + "\": {\"state\": \"SUCCEEDED\", \"afterMinutes\": 65}");
            }
        }
        return """
            {"from": "%s", "to": "%s",
             "jobs": {"ingest-orders": {"durationMinutes": 20, "maxConcurrentRuns": 1, "runs": {%s}},
                      "ingest-payments": {"durationMinutes": 15},
                      "transform-sales": {"durationMinutes": 25, "runs": {%s}},
                      "load-sales": {"durationMinutes": 10},
                      "alert-on-failure": {"durationMinutes": 1}},
             "crawlers": {"catalog-sales": {"durationMinutes": 5}},
             "faults": {"duplicateEvents": 0.2, "shuffleEvents": true, "dropEvents": 0.05, "delayEventsMinutes": 10,
                        "throttleStartJobRun": 0.1, "crashAfterClaim": 0.05, "loseStartJobRunAnswer": 0.05,
                        "failStartJobRunBeforeStart": 0.05, "failPutEvents": 0.05, "refusePutEventsEntries": 0.05,
                        "reconcileDuringRetry": 0.5, "seed": 7}}
            """.formatted(FROM, FROM.plus(Duration.ofHours(RUNS)), String.join(", ", orders),
                String.join(", ", transforms));
    }

    /** Each job action the orchestrator recorded must be a Glue job run of its partition, with Glue's state. */
    private static List<String> recordMismatches(SimulationResult result) {
        Map<String, SimulatedGlue.JobRunRecord> glue = new HashMap<>();
        result.glueJobRuns().forEach(r -> glue.put(r.jobRunId(), r));
        List<String> mismatches = new ArrayList<>();
        int recorded = 0;
        for (WorkflowRun run : result.workflowRuns()) {
            for (ActionRun action : run.actions().values()) {
                if (action.type() != NodeType.JOB) {
                    continue;
                }
                recorded++;
                SimulatedGlue.JobRunRecord truth = action.jobRunId() == null ? null : glue.get(action.jobRunId());
                if (truth == null || !truth.partition().equals(run.partitionId())
                        || truth.finalState() != action.state()) {
                    mismatches.add(run.partitionId() + " " + action.name() + " " + action.state());
                }
            }
        }
        if (recorded != result.glueJobRuns().size()) {
            mismatches.add("recorded " + recorded + " job actions, Glue ran " + result.glueJobRuns().size());
        }
        return mismatches;
    }

    /**
     * Job runs Glue started that are not the run recorded on the action they were started for (found by the action id
     * each carries): a run nobody follows, whose events are ignored and whose work may be done twice.
     */
    private static List<String> orphans(SimulationResult result) {
        Map<String, String> recorded = new HashMap<>();
        for (WorkflowRun run : result.workflowRuns()) {
            for (ActionRun action : run.actions().values()) {
                if (action.type() == NodeType.JOB && action.jobRunId() != null) {
                    recorded.put(action.actionId(), action.jobRunId());
                }
            }
        }
        return result.glueJobRuns().stream()
                .filter(r -> !r.jobRunId().equals(recorded.get(r.actionId())))
                .map(r -> r.partition() + " " + r.jobName() + " " + r.jobRunId())
                .toList();
    }

    /** A run's statistics must count exactly its actions' final states, from Glue's record. */
    private static List<String> statisticsMismatches(SimulationResult result) {
        Map<String, List<SimulatedGlue.JobRunRecord>> byPartition = result.glueJobRuns().stream()
                .collect(Collectors.groupingBy(SimulatedGlue.JobRunRecord::partition));
        List<String> mismatches = new ArrayList<>();
        for (WorkflowRun run : result.workflowRuns()) {
            List<SimulatedGlue.JobRunRecord> jobs = byPartition.getOrDefault(run.partitionId(), List.of());
            long crawls = run.actions().values().stream().filter(a -> a.type() == NodeType.CRAWLER).count();
            int succeeded = (int) (jobs.stream().filter(r -> r.finalState() == JobRunState.SUCCEEDED).count()
                    + crawls);
            int failed = (int) jobs.stream().filter(r -> r.finalState() == JobRunState.FAILED).count();
            int timedOut = (int) jobs.stream().filter(r -> r.finalState() == JobRunState.TIMEOUT).count();
            Statistics expected = new Statistics(jobs.size() + (int) crawls, timedOut, failed, 0, succeeded, 0, 0, 0);
            if (!expected.equals(run.statistics())) {
                mismatches.add(run.partitionId() + ": " + run.statistics() + " but Glue ran " + expected);
            }
        }
        return mismatches;
    }

    /** From Glue's record: every failed and timed-out job run, and every run past its NotifyDelayAfter. */
    private static Set<String> expectedNotifications(SimulationResult result) {
        Set<String> expected = new HashSet<>();
        for (SimulatedGlue.JobRunRecord run : result.glueJobRuns()) {
            if (run.finalState() == JobRunState.FAILED) {
                expected.add("Run Failed " + run.jobRunId());
            } else if (run.finalState() == JobRunState.TIMEOUT) {
                expected.add("Run Timed Out " + run.jobRunId());
            }
            if (run.notifyDelayAfter() != null
                    && Duration.between(run.startedOn(), run.endsOn()).toMinutes() > run.notifyDelayAfter()) {
                expected.add("Run Delayed " + run.jobRunId());
            }
        }
        return expected;
    }

    private static String key(OrchestratorEvent.Notification notification) {
        return notification.detailType() + " " + notification.jobRunId();
    }
}
