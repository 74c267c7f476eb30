package dev.glueorch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.engine.ArgumentResolver;
import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.ManualClock;
import dev.glueorch.engine.OrchestratorEvent.Notification.Missing;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.PartitionHealth;
import dev.glueorch.engine.PartitionOperations;
import dev.glueorch.engine.PartitionRepair;
import dev.glueorch.engine.PartitionState;
import dev.glueorch.engine.Partitions;
import dev.glueorch.engine.RepairPlan;
import dev.glueorch.engine.RepairResult;
import dev.glueorch.engine.RepairStep;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.WorkflowOperations;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.Action;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeId;
import dev.glueorch.model.NodeType;
import dev.glueorch.testing.RecordingGlue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code glueorch partitions repair --failed --missing} over the simulated week (issue 16): each FAILED partition's
 * run resumed (its failed and timed-out jobs run again, then what follows them), each MISSING partition's run started
 * (its slot passed while the trigger was deactivated, or past the catch-up limit), every job once with its partition's
 * arguments, until each repaired partition SUCCEEDED; repeated, the repair starts nothing. What it should do is read
 * from the grid at the week's end, which SimulatedWeekTest checks against the scenario. A repair changes the week,
 * which the JVM's tests share: it runs on a copy of the table the week left.
 */
class RepairOfASimulatedWeekTest {

    private static final String WORKFLOW = SimulatedWeek.WORKFLOW;
    private static final String START_TRIGGER = "sales-start";
    private static final String CRAWLER = "catalog-sales";
    /**
     * What sales-hourly's CONDITIONAL triggers start once a job succeeded, the jobs they also wait for having
     * succeeded: sales-join (both ingests) transform-sales, then sales-publish load-sales (and the crawler).
     */
    private static final Map<String, List<String>> FOLLOWING = Map.of(
            "ingest-orders", List.of("transform-sales", "load-sales"),
            "ingest-payments", List.of("transform-sales", "load-sales"),
            "transform-sales", List.of("load-sales"));
    /** The job states a repair runs again. */
    private static final Set<JobRunState> RERUN = EnumSet.of(JobRunState.FAILED, JobRunState.TIMEOUT,
            JobRunState.ERROR, JobRunState.STOPPED);

    private final SimulatedWeek week = SimulatedWeek.asShipped();
    private final RecordingGlue glue = new RecordingGlue();
    /** An operator repairs the week once every run of it has ended: half an hour after the last one did. */
    private final ManualClock clock = new ManualClock(week.result().workflowRuns().stream()
            .map(WorkflowRun::completedOn).max(Comparator.naturalOrder()).orElseThrow().plus(Duration.ofMinutes(30)));
    /** The starts Glue got from the repair itself, and those it got as it ran them (what follows them). */
    private final List<RecordingGlue.Start> byRepair = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordingGlue.Start> followed = Collections.synchronizedList(new ArrayList<>());
    private final Set<Integer> finished = new HashSet<>();
    private volatile boolean glueRunning;

    RepairOfASimulatedWeekTest() {
        glue.onStart(start -> (glueRunning ? followed : byRepair).add(start));
    }

    @Test
    void dryRun_atTheWeeksEnd_shouldResumeEachFailedPartitionStartEachMissingOneAndStartNothing() {
        // GIVEN the grid an operator saw at the week's end: partitions failed, missing, running, queued, succeeded
        PartitionGrid grid = week.gridAtEnd();
        PartitionOperations operations = week.partitionOperations(glue, Clock.fixed(week.end(), ZoneOffset.UTC));
        assertThat(grid.counts()).hasEntrySatisfying(PartitionState.RUNNING, n -> assertThat(n).isPositive())
                .hasEntrySatisfying(PartitionState.QUEUED, n -> assertThat(n).isPositive());

        // WHEN
        RepairPlan plan = operations.planRepair(grid, true, true);

        // THEN newest first: each FAILED partition's run resumed, rerunning its failed and timed-out jobs; each
        // MISSING partition's run started, with the id its slot would have given it; nothing else touched
        assertThat(plan.partitions()).isEqualTo(7 * 24);
        assertThat(plan.repairs()).containsExactlyElementsOf(expectedRepairs());
        assertThat(plan.refused()).isEmpty();
        // AND those are the scenario's failures, timeouts included, and its missing slots of both kinds
        Map<String, SimulatedWeekTest.Expected> scripted = SimulatedWeekTest.expected(week);
        assertThat(plan.repairs()).filteredOn(PartitionRepair.Resume.class::isInstance)
                .flatExtracting(r -> scripted.get(r.partitionId()).scripted().values())
                .contains(JobRunState.FAILED, JobRunState.TIMEOUT);
        assertThat(plan.repairs()).filteredOn(PartitionRepair.Start.class::isInstance)
                .extracting(r -> scripted.get(r.partitionId()).missing())
                .contains(Missing.Reason.TRIGGER_DEACTIVATED, Missing.Reason.PAST_CATCH_UP_LIMIT);
        // AND planning started nothing
        assertThat(glue.starts()).isEmpty();
    }

    @Test
    void repair_shouldStartEachJobThatShouldRunOnceUntilEveryRepairedPartitionSucceeded_andARepeatStartsNothing() {
        // GIVEN a copy of the table the week left, once its runs all ended
        SimulatedWeek.Table table = week.copy("repair", glue, clock);
        WorkflowOperations operations = table.operations();
        PartitionOperations partitions = table.partitionOperations();
        PartitionGrid before = grid(partitions);
        List<PartitionRepair> expected = expectedRepairs();

        // WHEN the failed and missing partitions are repaired, two runs at once as glueorch does by default, Glue
        // running each job to success while the repair waits
        RepairPlan plan = partitions.planRepair(before, true, true);
        RepairResult result = partitions.repair(plan, 2, progress -> { }, waited -> glueSucceeds(table));

        // THEN the repair asked Glue once for each failed or timed-out job of a failed run, and for each start job
        // of a missing partition; as they succeeded, what follows them ran, once: never the jobs upstream
        assertThat(plan.repairs()).containsExactlyElementsOf(expected);
        assertThat(jobStarts(byRepair, operations)).containsExactlyInAnyOrderElementsOf(firstJobs(expected));
        assertThat(jobStarts(followed, operations)).containsExactlyInAnyOrderElementsOf(followingJobs(expected));
        assertThat(glue.startsOf(CRAWLER)).hasSize(expected.size());
        assertThat(glue.startsOf("alert-on-failure")).isEmpty();
        // AND every job with its partition's arguments; a job run again with those the failed run gave it
        assertPartitionArguments(operations);
        for (PartitionRepair.Resume resume : resumes(expected)) {
            WorkflowRun previous = operations.getWorkflowRun(WORKFLOW, resume.previousRunId());
            assertThat(operations.getWorkflowRun(WORKFLOW, resume.runId()).previousRunId())
                    .isEqualTo(previous.workflowRunId());
            for (NodeId node : resume.nodeIds()) {
                assertThat(withoutActionId(startIn(resume.runId(), node.name()).arguments()))
                        .as("%s of partition %s", node, resume.partitionId())
                        .isEqualTo(withoutActionId(previous.actions().values().stream()
                                .filter(a -> a.name().equals(node.name())).findFirst().orElseThrow().arguments()));
            }
        }
        // AND each repaired partition SUCCEEDED, under the run its repair named; the others are as they were
        assertThat(result.resumed()).isEqualTo(resumes(expected).size());
        assertThat(result.started()).isEqualTo(expected.size() - resumes(expected).size());
        assertThat(result.alreadyRepaired()).isZero();
        assertThat(result.finished()).isEqualTo(expected.size());
        assertThat(result.results()).hasSize(expected.size()).allSatisfy((id, state) -> assertThat(state)
                .isEqualTo(PartitionState.SUCCEEDED));
        assertRepaired(before, grid(partitions), expected);

        // WHEN the same repair runs again, as glueorch does and as the operations function's first step
        int starts = glue.starts().size();
        RepairPlan again = partitions.planRepair(grid(partitions), true, true);
        RepairResult repeated = partitions.repair(again, 2, progress -> { }, waited -> glueSucceeds(table));
        RepairStep step = partitions.repairStep(WORKFLOW, week.firstPartition(), week.lastPartition(), true, true,
                2, null);

        // THEN there is nothing to repair, and Glue is asked for nothing
        assertThat(again.repairs()).isEmpty();
        assertThat(repeated.resumed() + repeated.started() + repeated.alreadyRepaired()).isZero();
        assertThat(step).isEqualTo(new RepairStep(7 * 24, 0, 0, 0, 0, 0, 0, clock.instant()));
        assertThat(step.done()).isTrue();
        assertThat(glue.starts()).hasSize(starts);
    }

    @Test
    void repairSteps_untilDone_shouldStartTheSameJobsOnceAndEnd() {
        // GIVEN a copy of the table the week left, once its runs all ended
        SimulatedWeek.Table table = week.copy("repair-step", glue, clock);
        WorkflowOperations operations = table.operations();
        PartitionOperations partitions = table.partitionOperations();
        PartitionGrid before = grid(partitions);
        List<PartitionRepair> expected = expectedRepairs();

        // WHEN RepairPartitions steps run as a Step Functions loop runs them: a step, a wait while Glue runs what
        // started, the next step with the first one's Before, until one answers Done
        List<RepairStep> steps = new ArrayList<>();
        RepairStep step = partitions.repairStep(WORKFLOW, week.firstPartition(), week.lastPartition(), true, true,
                2, null);
        steps.add(step);
        while (!step.done() && steps.size() <= expected.size() + 1) {
            glueSucceeds(table);
            clock.advance(Duration.ofSeconds(30));
            step = partitions.repairStep(WORKFLOW, week.firstPartition(), week.lastPartition(), true, true, 2,
                    step.before());
            steps.add(step);
        }

        // THEN it ended, having resumed and started each partition's run once, two at most at a time
        assertThat(step.done()).isTrue();
        assertThat(steps).allSatisfy(s -> assertThat(s.active()).isLessThanOrEqualTo(2));
        assertThat(steps.stream().mapToInt(RepairStep::resumedNow).sum()).isEqualTo(resumes(expected).size());
        assertThat(steps.stream().mapToInt(RepairStep::startedNow).sum())
                .isEqualTo(expected.size() - resumes(expected).size());
        assertThat(step.finished()).isEqualTo(expected.size());
        // AND Glue was asked for the same jobs as by glueorch's repair, each once, with its partition's arguments
        assertThat(jobStarts(byRepair, operations)).containsExactlyInAnyOrderElementsOf(firstJobs(expected));
        assertThat(jobStarts(followed, operations)).containsExactlyInAnyOrderElementsOf(followingJobs(expected));
        assertThat(glue.startsOf(CRAWLER)).hasSize(expected.size());
        assertPartitionArguments(operations);
        assertRepaired(before, grid(partitions), expected);

        // WHEN a new repair of the week starts THEN its first step has nothing to do
        int starts = glue.starts().size();
        assertThat(partitions.repairStep(WORKFLOW, week.firstPartition(), week.lastPartition(), true, true, 2, null))
                .isEqualTo(new RepairStep(7 * 24, 0, 0, 0, 0, 0, 0, clock.instant()));
        assertThat(glue.starts()).hasSize(starts);
    }

    /**
     * The repairs the grid at the week's end asks for, newest first: each FAILED partition's run resumed, rerunning
     * the jobs whose cell shows a failure or timeout, as the run {@link RunIds#resumeOf} it; each MISSING partition's
     * run started as {@link RunIds#forPartition}. RUNNING and QUEUED ones had ended before the repair: SUCCEEDED.
     */
    private List<PartitionRepair> expectedRepairs() {
        List<PartitionRepair> repairs = new ArrayList<>();
        for (PartitionHealth partition : week.gridAtEnd().partitions()) {
            String id = partition.partitionId();
            if (partition.state() == PartitionState.FAILED) {
                List<NodeId> failed = week.gridAtEnd().jobs().stream().filter(job -> partition.jobs().get(job) != null
                        && RERUN.contains(partition.jobs().get(job))).map(job -> NodeId.of(NodeType.JOB, job))
                        .toList();
                assertThat(failed).as("failed jobs of %s", id).isNotEmpty();
                repairs.add(new PartitionRepair.Resume(id, partition.workflowRunId(), failed,
                        RunIds.resumeOf(WORKFLOW, partition.workflowRunId())));
            } else if (partition.state() == PartitionState.MISSING) {
                repairs.add(new PartitionRepair.Start(id, RunIds.forPartition(WORKFLOW, id)));
            }
        }
        assertThat(repairs).hasAtLeastOneElementOfType(PartitionRepair.Resume.class)
                .hasAtLeastOneElementOfType(PartitionRepair.Start.class);
        return repairs;
    }

    private static List<PartitionRepair.Resume> resumes(List<PartitionRepair> repairs) {
        return repairs.stream().filter(PartitionRepair.Resume.class::isInstance).map(PartitionRepair.Resume.class::cast)
                .toList();
    }

    /** One StartJobRun: the job, the partition of the run it is for, and that run. */
    record JobStart(String job, String partition, String runId) {
    }

    /** What the repairs start themselves: a resumed run's failed jobs, the start trigger's for a missing partition. */
    private List<JobStart> firstJobs(List<PartitionRepair> repairs) {
        List<JobStart> starts = new ArrayList<>();
        repairs.forEach(repair -> firstJobsOf(repair).forEach(job -> starts.add(new JobStart(job,
                repair.partitionId(), repair.runId()))));
        return starts;
    }

    /** What follows the repairs' first jobs once they succeeded, in each repaired run once. */
    private List<JobStart> followingJobs(List<PartitionRepair> repairs) {
        List<JobStart> starts = new ArrayList<>();
        for (PartitionRepair repair : repairs) {
            List<String> first = firstJobsOf(repair);
            Set<String> following = new LinkedHashSet<>();
            first.forEach(job -> following.addAll(FOLLOWING.getOrDefault(job, List.of())));
            following.removeAll(first);
            following.forEach(job -> starts.add(new JobStart(job, repair.partitionId(), repair.runId())));
        }
        return starts;
    }

    private List<String> firstJobsOf(PartitionRepair repair) {
        if (repair instanceof PartitionRepair.Resume resume) {
            return resume.nodeIds().stream().map(NodeId::name).toList();
        }
        return week.workflow().trigger(START_TRIGGER).orElseThrow().actions().stream().map(Action::name).toList();
    }

    /** The job runs among {@code starts}, each with the run its action id names and that run's partition. */
    private static List<JobStart> jobStarts(List<RecordingGlue.Start> starts, WorkflowOperations operations) {
        Map<String, String> partitions = new HashMap<>();
        List<JobStart> jobStarts = new ArrayList<>();
        synchronized (starts) {
            for (RecordingGlue.Start start : starts) {
                if (start.jobRunId() != null) {
                    String runId = runIdOf(start);
                    jobStarts.add(new JobStart(start.name(), partitions.computeIfAbsent(runId, id ->
                            operations.getWorkflowRun(WORKFLOW, id).partitionId()), runId));
                }
            }
        }
        return jobStarts;
    }

    /** The run a job run is for: its action id ({@link RunIds#action}) begins with the run's id. */
    private static String runIdOf(RecordingGlue.Start start) {
        String actionId = start.arguments().get(ArgumentResolver.ACTION_ID_ARGUMENT);
        return actionId.substring(0, actionId.indexOf(':'));
    }

    private RecordingGlue.Start startIn(String runId, String job) {
        return glue.startsOf(job).stream().filter(start -> runIdOf(start).equals(runId)).findFirst().orElseThrow();
    }

    private static Map<String, String> withoutActionId(Map<String, String> arguments) {
        Map<String, String> rest = new LinkedHashMap<>(arguments);
        rest.remove(ArgumentResolver.ACTION_ID_ARGUMENT);
        return rest;
    }

    /** Every job run Glue started has the arguments of its run's partition ({@code --hour_partition_value}, ...). */
    private void assertPartitionArguments(WorkflowOperations operations) {
        for (JobStart start : jobStarts(glue.starts(), operations)) {
            assertThat(startIn(start.runId(), start.job()).arguments()).as("%s of partition %s", start.job(),
                    start.partition()).containsAllEntriesOf(Partitions.forId(week.workflow().workflow(),
                    start.partition()).arguments());
        }
    }

    /** {@code after} shows each repaired partition SUCCEEDED under its repair's run, and the others as before. */
    private static void assertRepaired(PartitionGrid before, PartitionGrid after, List<PartitionRepair> repairs) {
        Map<String, String> repaired = new HashMap<>();
        repairs.forEach(repair -> repaired.put(repair.partitionId(), repair.runId()));
        assertThat(after.partitions()).extracting(PartitionHealth::partitionId)
                .containsExactlyElementsOf(before.partitions().stream().map(PartitionHealth::partitionId).toList());
        for (int i = 0; i < after.partitions().size(); i++) {
            PartitionHealth was = before.partitions().get(i);
            PartitionHealth is = after.partitions().get(i);
            if (repaired.containsKey(is.partitionId())) {
                assertThat(is.state()).as(is.partitionId()).isEqualTo(PartitionState.SUCCEEDED);
                assertThat(is.workflowRunId()).as(is.partitionId()).isEqualTo(repaired.get(is.partitionId()));
            } else {
                assertThat(is).as(is.partitionId()).isEqualTo(was);
            }
        }
        assertThat(after.counts()).containsEntry(PartitionState.SUCCEEDED, after.partitions().size());
    }

    /**
     * Glue running every job run and crawl started so far to success, and what their success starts, until nothing
     * new starts. A crawl ends before any other event: Glue runs one crawl of a crawler at a time (the orchestrator
     * keeps the latest crawl of each, to know which run an event names none of is for).
     */
    private void glueSucceeds(SimulatedWeek.Table table) {
        glueRunning = true;
        try {
            for (int next = nextToFinish(); next >= 0; next = nextToFinish()) {
                RecordingGlue.Start start = glue.starts().get(next);
                finished.add(next);
                clock.advance(Duration.ofSeconds(1));
                Instant now = clock.instant();
                table.orchestrator().handle(start.jobRunId() == null
                        ? new GlueEvent.CrawlerStateChange("crawl-" + next, now, start.name(), CrawlState.SUCCEEDED,
                                null)
                        : new GlueEvent.JobStateChange("run-" + next, now, start.name(), start.jobRunId(),
                                JobRunState.SUCCEEDED, null));
            }
        } finally {
            glueRunning = false;
        }
    }

    /** The index of the first start Glue has not finished, a crawl first; -1 when it finished them all. */
    private int nextToFinish() {
        List<RecordingGlue.Start> starts = glue.starts();
        int job = -1;
        for (int i = 0; i < starts.size(); i++) {
            if (finished.contains(i)) {
                continue;
            }
            if (starts.get(i).jobRunId() == null) {
                return i;
            }
            job = job < 0 ? i : job;
        }
        return job;
    }

    private PartitionGrid grid(PartitionOperations operations) {
        return operations.partitions(WORKFLOW, week.firstPartition(), week.lastPartition());
    }
}
