package dev.glueorch.engine;

import dev.glueorch.model.Trigger;
import dev.glueorch.model.TriggerType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations on a workflow's partitions, as a library: the partitions' grid with their states, backfill of a range,
 * and repair of failed and missing partitions (planned, carried out, or one step at a time); the CLI and the
 * operations function call it. Refusals are {@link OperationException}s naming what was asked and what to do.
 */
public final class PartitionOperations {

    /** A repair asked to do neither: the message says what to ask for (the CLI refuses it before connecting too). */
    public static final String NOTHING_TO_REPAIR = "say what to repair: --failed (resume the runs of failed "
            + "partitions), --missing (start the runs of missing ones), or both";
    /** A backfill or repair with fewer than one run at a time. */
    public static final String TOO_FEW_CONCURRENT = "--max-concurrent must be 1 or more";

    private static final Logger LOG = LoggerFactory.getLogger(PartitionOperations.class);

    private final DefinitionsSource definitions;
    private final WorkflowRunStore store;
    private final RunLifecycle lifecycle;
    private final Clock clock;
    private final DeployedWorkflows deployed;
    private final RunResumption resumption;

    public PartitionOperations(DefinitionsSource definitions, WorkflowRunStore store, RunLifecycle lifecycle,
                               Clock clock) {
        this.definitions = definitions;
        this.store = store;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.deployed = new DeployedWorkflows(definitions, store);
        this.resumption = new RunResumption(store, lifecycle, clock);
    }

    /**
     * Where a backfill, or a repair, stands, for a progress display: partitions to do, runs started, partitions
     * skipped (they had run, or the repair leaves them), runs finished.
     */
    public record BackfillProgress(int partitions, int started, int skipped, int finished) {
    }

    /**
     * Starts one run per partition from {@code fromId} to {@code toId} (both included) through the schedule's own
     * exactly-once path: each run has the partition's id and fires the workflow's SCHEDULED trigger, so a partition
     * that already ran (or a second backfill of the range) starts nothing twice. At most {@code maxConcurrent} of the
     * backfill's runs are active at once; the call returns when every run it started has finished.
     */
    public BackfillProgress backfill(String workflowName, String fromId, String toId, int maxConcurrent,
                                     Consumer<BackfillProgress> progress,
                                     RetryPolicy.Sleeper sleeper) {
        BackfillPlan plan = backfillPlan(workflowName, fromId, toId, maxConcurrent);
        List<String> active = new ArrayList<>();
        int started = 0;
        int skipped = 0;
        int finished = 0;
        for (Partition partition : plan.partitions()) {
            while (active.size() >= maxConcurrent) {
                finished += settle(workflowName, active, sleeper);
                progress.accept(new BackfillProgress(plan.partitions().size(), started, skipped, finished));
            }
            if (startPartition(plan.workflow(), plan.start(), partition)) {
                active.add(RunIds.forPartition(workflowName, partition.id()));
                started++;
            } else {
                skipped++;
            }
            progress.accept(new BackfillProgress(plan.partitions().size(), started, skipped, finished));
        }
        while (!active.isEmpty()) {
            finished += settle(workflowName, active, sleeper);
            progress.accept(new BackfillProgress(plan.partitions().size(), started, skipped, finished));
        }
        return new BackfillProgress(plan.partitions().size(), started, skipped, finished);
    }

    /** Where a backfill step leaves the range: partitions whose run is active, finished, or not started yet. */
    public record BackfillStep(int partitions, int startedNow, int active, int finished, int notStarted) {
        public boolean done() {
            return active == 0 && notStarted == 0;
        }
    }

    /**
     * One step of a backfill for callers that cannot wait (a Lambda function under Step Functions): starts the
     * range's partitions that have no run yet while fewer than {@code maxConcurrent} of its runs are active, and
     * returns at once. Calling it again until {@link BackfillStep#done()} runs the whole range, each partition once.
     */
    public BackfillStep backfillStep(String workflowName, String fromId, String toId, int maxConcurrent) {
        BackfillPlan plan = backfillPlan(workflowName, fromId, toId, maxConcurrent);
        int active = 0;
        int finished = 0;
        int startedNow = 0;
        int notStarted = 0;
        List<Partition> missing = new ArrayList<>();
        for (Partition partition : plan.partitions()) {
            Optional<WorkflowRun> run = store.run(workflowName, RunIds.forPartition(workflowName,
                    partition.id()));
            if (run.isEmpty()) {
                missing.add(partition);
            } else if (!run.get().status().hasEnded()) {
                active++;
            } else {
                finished++;
            }
        }
        for (Partition partition : missing) {
            if (active < maxConcurrent && startPartition(plan.workflow(), plan.start(), partition)) {
                active++;
                startedNow++;
            } else {
                notStarted++;
            }
        }
        return new BackfillStep(plan.partitions().size(), startedNow, active, finished, notStarted);
    }

    private record BackfillPlan(WorkflowDefinition workflow, Trigger start, List<Partition> partitions) {
    }

    private BackfillPlan backfillPlan(String workflowName, String fromId, String toId, int maxConcurrent) {
        WorkflowDefinition workflow = deployed.workflow(workflowName);
        Trigger start = scheduled(workflow).orElseThrow(() -> new OperationException(
                OperationException.Kind.INVALID_INPUT, "workflow " + workflowName + " has no SCHEDULED trigger: a "
                + "backfill starts what the schedule would"));
        requireConcurrency(maxConcurrent);
        try {
            return new BackfillPlan(workflow, start, Partitions.between(workflow.workflow(), fromId, toId));
        } catch (IllegalArgumentException e) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, e.getMessage());
        }
    }

    /** The SCHEDULED trigger whose firing starts a partition's run the way a slot does: the first one. */
    private static Optional<Trigger> scheduled(WorkflowDefinition workflow) {
        return workflow.triggers().stream().filter(t -> t.type() == TriggerType.SCHEDULED).findFirst();
    }

    private static void requireConcurrency(int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, TOO_FEW_CONCURRENT);
        }
    }

    /** Starts the partition's run the way its schedule slot would, firing {@code start}; false when it had a run. */
    private boolean startPartition(WorkflowDefinition workflow, Trigger start, Partition partition) {
        WorkflowRun candidate = WorkflowRun.ofPartition(workflow, partition, clock.instant(),
                definitions.current().version());
        RunStart outcome = lifecycle.open(workflow, candidate, List.of(start.name()));
        return outcome.outcome() != RunStart.Outcome.EXISTED
                || lifecycle.fireUnfiredStart(outcome.run(), start.name());
    }

    /** Waits a little, then drops the runs that finished from {@code active}; returns how many did. */
    private int settle(String workflowName, List<String> active, RetryPolicy.Sleeper sleeper) {
        sleeper.sleep(Duration.ofSeconds(5));
        int before = active.size();
        active.removeIf(runId -> store.run(workflowName, runId).map(run -> run.status().hasEnded()).orElse(false));
        return before - active.size();
    }

    /**
     * What a repair of {@code grid}'s period would do, partition by partition (see {@link RepairPlan}), carrying
     * nothing out: {@code failed} resumes the runs of its FAILED partitions, {@code missing} starts the runs of its
     * MISSING ones.
     */
    public RepairPlan planRepair(PartitionGrid grid, boolean failed, boolean missing) {
        return planRepair(grid, failed, missing, clock.instant());
    }

    private RepairPlan planRepair(PartitionGrid grid, boolean failed, boolean missing, Instant before) {
        WorkflowDefinition workflow = deployed.workflow(grid.workflowName());
        if (!failed && !missing) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, NOTHING_TO_REPAIR);
        }
        if (missing && scheduled(workflow).isEmpty()) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, "workflow " + workflow.name()
                    + " has no SCHEDULED trigger, so no partition misses a slot's run: repair it with --failed only");
        }
        Map<String, WorkflowRun> runs = new HashMap<>();
        for (PartitionHealth partition : grid.partitions()) {
            boolean ended = partition.state() == PartitionState.FAILED || partition.state() == PartitionState.STOPPED;
            if (failed && ended && partition.workflowRunId() != null) {
                store.run(workflow.name(), partition.workflowRunId()).ifPresent(run -> runs.put(run.workflowRunId(),
                        run));
            }
        }
        return RepairPlan.of(grid, runs, failed, missing, before);
    }

    /**
     * Carries out {@code plan}: resumes and starts its partitions' runs, at most {@code maxConcurrent} of them active
     * at once, and returns when every run it started has finished. Each run's id is derived (a resumed run's from the
     * run it resumes, a started one's from its partition) and written with one conditional write, so a repair running
     * at the same time, or this one repeated, starts nothing twice: a run found there already is counted as already
     * repaired. {@code progress} counts the plan's partitions, skips and runs found there included.
     */
    public RepairResult repair(RepairPlan plan, int maxConcurrent, Consumer<BackfillProgress> progress,
                               RetryPolicy.Sleeper sleeper) {
        requireConcurrency(maxConcurrent);
        String workflowName = plan.workflowName();
        int total = plan.repairs().size();
        int skipped = (int) plan.repairs().stream().filter(PartitionRepair.Skip.class::isInstance).count();
        List<String> active = new ArrayList<>();
        int resumed = 0;
        int started = 0;
        int already = 0;
        int finished = 0;
        for (PartitionRepair repair : plan.repairs()) {
            if (repair instanceof PartitionRepair.Skip) {
                continue;
            }
            while (active.size() >= maxConcurrent) {
                finished += settle(workflowName, active, sleeper);
                progress.accept(new BackfillProgress(total, resumed + started, skipped + already, finished));
            }
            if (!carryOut(workflowName, repair)) {
                already++;
            } else if (repair instanceof PartitionRepair.Resume) {
                active.add(repair.runId());
                resumed++;
            } else {
                active.add(repair.runId());
                started++;
            }
            progress.accept(new BackfillProgress(total, resumed + started, skipped + already, finished));
        }
        while (!active.isEmpty()) {
            finished += settle(workflowName, active, sleeper);
            progress.accept(new BackfillProgress(total, resumed + started, skipped + already, finished));
        }
        Map<String, PartitionState> results = new LinkedHashMap<>();
        for (PartitionRepair repair : plan.repairs()) {
            if (!(repair instanceof PartitionRepair.Skip)) {
                store.run(workflowName, repair.runId()).ifPresent(run -> results.put(repair.partitionId(),
                        PartitionState.of(run)));
            }
        }
        return new RepairResult(plan, resumed, started, already, finished, results);
    }

    /**
     * One step of a repair for callers that cannot wait (a Lambda function under Step Functions): plans the period
     * from {@code fromId} to {@code toId} afresh, resumes and starts what it may while fewer than {@code maxConcurrent}
     * of the repair's runs are active, and returns at once. {@code before} is {@code null} on the first step, which
     * takes the time now; every later step passes back the first one's {@link RepairStep#before()}. Only runs that
     * ended before it are repaired, so a run the repair resumed or started that fails again is left to the next
     * repair: calling this until {@link RepairStep#done()} repairs each partition once, and ends.
     */
    public RepairStep repairStep(String workflowName, String fromId, String toId, boolean failed, boolean missing,
                                 int maxConcurrent, Instant before) {
        requireConcurrency(maxConcurrent);
        Instant since = before != null ? before : clock.instant();
        RepairPlan plan = planRepair(partitions(workflowName, fromId, toId), failed, missing, since);
        // the repair's runs: those of the period started since the first step, and those its plan names that exist
        // already (the runs index may not list them yet)
        Map<String, WorkflowRun> repairRuns = new HashMap<>();
        for (WorkflowRun run : runsStartedSince(workflowName, since)) {
            String id = run.partitionId();
            if (id != null && id.compareTo(plan.from()) >= 0 && id.compareTo(plan.to()) <= 0) {
                repairRuns.put(run.workflowRunId(), run);
            }
        }
        List<PartitionRepair> toDo = new ArrayList<>();
        int skipped = 0;
        for (PartitionRepair repair : plan.repairs()) {
            if (repair instanceof PartitionRepair.Skip) {
                skipped++;
            } else {
                store.run(workflowName, repair.runId()).ifPresentOrElse(
                        run -> repairRuns.put(run.workflowRunId(), run), () -> toDo.add(repair));
            }
        }
        int active = (int) repairRuns.values().stream().filter(run -> !run.status().hasEnded()).count();
        int finished = repairRuns.size() - active;
        int resumedNow = 0;
        int startedNow = 0;
        int notStarted = 0;
        for (PartitionRepair repair : toDo) {
            if (active >= maxConcurrent) {
                notStarted++;
                continue;
            }
            // a run another repair started meanwhile is as active as one started here
            active++;
            if (carryOut(workflowName, repair)) {
                if (repair instanceof PartitionRepair.Resume) {
                    resumedNow++;
                } else {
                    startedNow++;
                }
            }
        }
        return new RepairStep(plan.partitions(), resumedNow, startedNow, active, finished, notStarted, skipped,
                since);
    }

    /** Resumes or starts the run of one repair; false when it was there already (nothing was started). */
    private boolean carryOut(String workflowName, PartitionRepair repair) {
        try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, workflowName)
                .and(LogContext.WORKFLOW_RUN_ID, repair.runId())) {
            LOG.info("Repairing partition {} ({}): {}", repair.partitionId(), repair.state(), repair.describe());
            if (repair instanceof PartitionRepair.Resume resume) {
                WorkflowRun previous = deployed.run(workflowName, resume.previousRunId());
                return resumption.resume(lifecycle.workflowOf(previous), previous, resume.nodeIds(), resume.runId())
                        .outcome() != RunStart.Outcome.EXISTED;
            }
            WorkflowDefinition workflow = deployed.workflow(workflowName);
            Trigger start = scheduled(workflow).orElseThrow(() -> new OperationException(
                    OperationException.Kind.INVALID_STATE, "workflow " + workflowName + " no longer has a SCHEDULED "
                    + "trigger to start partition " + repair.partitionId() + " with"));
            return startPartition(workflow, start, Partitions.forId(workflow.workflow(), repair.partitionId()));
        }
    }

    /**
     * The partitions of the workflow whose schedules' slots fall after {@code since} (and up to one partition ahead
     * of now, so that the next one shows as not yet due), and those with a run from the first of them on; newest
     * first, with their states.
     */
    public PartitionGrid partitions(String workflowName, Instant since) {
        WorkflowDefinition workflow = partitioned(workflowName);
        Instant now = clock.instant();
        Map<String, Instant> slots = Partitions.scheduledSince(workflow, since, now);
        String fromId = slots.keySet().stream().min(String::compareTo)
                .orElse(Partitions.forSlot(workflow.workflow(), since).id());
        return PartitionGrid.of(workflow, fromId, null, slots, runsFrom(workflow, fromId), now);
    }

    /** The partitions of the workflow from {@code fromId} to {@code toId} (both included), newest first. */
    public PartitionGrid partitions(String workflowName, String fromId, String toId) {
        WorkflowDefinition workflow = partitioned(workflowName);
        List<Partition> range;
        try {
            range = Partitions.between(workflow.workflow(), fromId, toId);
        } catch (IllegalArgumentException e) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, e.getMessage());
        }
        String first = range.get(0).id();
        String last = range.get(range.size() - 1).id();
        // a slot is its partition's time shifted by -Offset; two days more cover any minute of the hour or day
        Duration margin = Duration.ofDays(Math.abs(workflow.workflow().partitioning().offset()) + 2L);
        Map<String, Instant> slots = Partitions.scheduled(workflow,
                Partitions.startOf(workflow.workflow(), first).minus(margin),
                Partitions.startOf(workflow.workflow(), last).plus(margin));
        return PartitionGrid.of(workflow, first, last, slots, runsFrom(workflow, first), clock.instant());
    }

    private WorkflowDefinition partitioned(String workflowName) {
        WorkflowDefinition workflow = deployed.workflow(workflowName);
        if (workflow.workflow().partitioning() == null) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, "workflow " + workflowName
                    + " has no Partitioning, and partitions need Partitioning: add it to the workflow's definition "
                    + "(\"Partitioning\": {\"Granularity\": \"HOUR\"}) to run one partition per slot");
        }
        return workflow;
    }

    /**
     * The workflow's runs newest first, from a day before partition {@code fromId} begins: a partition's run starts
     * once its data lands or later (a schedule slot, a backfill); a day covers files that land a little early.
     */
    private List<WorkflowRun> runsFrom(WorkflowDefinition workflow, String fromId) {
        return runsStartedSince(workflow.name(), Partitions.startOf(workflow.workflow(), fromId)
                .minus(Duration.ofDays(1)));
    }

    /** The workflow's runs that started at or after {@code since}, newest first. */
    private List<WorkflowRun> runsStartedSince(String workflowName, Instant since) {
        List<WorkflowRun> runs = new ArrayList<>();
        String token = null;
        do {
            RunPage page = store.runs(workflowName, since, null, 1000, token);
            runs.addAll(page.runs());
            token = page.nextToken();
        } while (token != null);
        return runs;
    }
}
