package dev.glueorch.engine;

import dev.glueorch.model.Action;
import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.DefinitionLimits;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Granularity;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.NodeId;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.TriggerType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glue's workflow and trigger operations on glue-orchestrator (GetWorkflow, StartTrigger, StartWorkflowRun,
 * GetWorkflowRun(s), Get/PutWorkflowRunProperties, StopWorkflowRun ...), as a library: the CLI and the operations
 * function call it. Refusals are {@link OperationException}s naming what was asked and what to do.
 */
public final class WorkflowOperations {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowOperations.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final DefinitionsSource definitions;
    private final WorkflowRunStore store;
    private final RunLifecycle lifecycle;
    private final GlueService glue;
    private final Clock clock;

    public WorkflowOperations(DefinitionsSource definitions, WorkflowRunStore store, RunLifecycle lifecycle,
                              GlueService glue, Clock clock) {
        this.definitions = definitions;
        this.store = store;
        this.lifecycle = lifecycle;
        this.glue = glue;
        this.clock = clock;
    }

    /** The current definitions. */
    public Definitions definitions() {
        return definitions.current();
    }

    public TriggerState triggerState(String trigger) {
        trigger(trigger);
        return definitions.deactivatedTriggers().contains(trigger) ? TriggerState.DEACTIVATED
                : TriggerState.ACTIVATED;
    }

    /** StartTrigger / StopTrigger. */
    public void setTriggerState(String trigger, TriggerState state) {
        trigger(trigger);
        definitions.setTriggerState(trigger, state);
        LOG.info("Trigger {} is now {}", trigger, state);
    }

    /**
     * CreateTrigger / UpdateTrigger: {@code triggerJson} is a trigger in Glue's shape with its {@code WorkflowName}.
     * It replaces the workflow's trigger of the same name, or is added; the whole set is validated by the one
     * validator and published as a new definitions version (runs in flight keep theirs).
     *
     * @return the new definitions version
     */
    public String putTrigger(String triggerJson) {
        com.fasterxml.jackson.databind.node.ObjectNode trigger;
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(triggerJson);
            if (node == null || !node.isObject()) {
                throw new OperationException(OperationException.Kind.INVALID_INPUT, "the trigger must be a JSON "
                        + "object in Glue's Trigger shape, with Name and WorkflowName");
            }
            trigger = (com.fasterxml.jackson.databind.node.ObjectNode) node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, "the trigger is not JSON: "
                    + e.getOriginalMessage());
        }
        String workflowName = trigger.path("WorkflowName").asText(null);
        String name = trigger.path("Name").asText(null);
        if (workflowName == null || name == null) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, "the trigger needs Name and "
                    + "WorkflowName (the workflow it belongs to)");
        }
        return changeWorkflow(workflowName, triggers -> {
            for (int i = 0; i < triggers.size(); i++) {
                if (name.equals(triggers.get(i).path("Name").asText())) {
                    triggers.set(i, trigger);
                    return;
                }
            }
            triggers.add(trigger);
        });
    }

    /** DeleteTrigger: removes the trigger from its workflow and publishes a new definitions version. */
    public String deleteTrigger(String name) {
        Trigger trigger = trigger(name);
        return changeWorkflow(trigger.workflowName(), triggers -> {
            for (int i = 0; i < triggers.size(); i++) {
                if (name.equals(triggers.get(i).path("Name").asText())) {
                    triggers.remove(i);
                    return;
                }
            }
        });
    }

    private String changeWorkflow(String workflowName,
                                  Consumer<com.fasterxml.jackson.databind.node.ArrayNode> change) {
        WorkflowDefinition workflow = workflow(workflowName);
        Map<String, String> files = new LinkedHashMap<>();
        for (WorkflowDefinition each : definitions.current().workflows().values()) {
            files.put(each.source(), each.json());
        }
        try {
            com.fasterxml.jackson.databind.node.ObjectNode file =
                    (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(workflow.json());
            change.accept((com.fasterxml.jackson.databind.node.ArrayNode) file.withArray("Triggers"));
            files.put(workflow.source(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored definition of " + workflowName + " is not JSON", e);
        }
        Definitions changed;
        try {
            changed = new DefinitionValidator().validateAll(files);
        } catch (DefinitionException e) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, e.getMessage());
        }
        definitions.publish(changed);
        LOG.info("Published definitions version {}", changed.version());
        return changed.version();
    }

    /**
     * StartWorkflowRun: a run whose ON_DEMAND triggers fire, with {@code properties} over DefaultRunProperties.
     * With a partition ({@code 2026-11-21T13}), the run is that partition's, the one a schedule would start: there is
     * one per partition, so asking twice is refused.
     */
    public WorkflowRun startWorkflowRun(String workflowName, Map<String, String> properties, String partitionId) {
        WorkflowDefinition workflow = workflow(workflowName);
        List<Trigger> onDemand = workflow.triggers().stream().filter(t -> t.type() == TriggerType.ON_DEMAND)
                .toList();
        if (onDemand.isEmpty()) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, "workflow " + workflowName
                    + " has no ON_DEMAND trigger, so nothing would start; add one to its definition");
        }
        Partition partition = null;
        if (partitionId != null) {
            try {
                partition = Partitions.forId(workflow.workflow(), partitionId);
            } catch (IllegalArgumentException e) {
                throw new OperationException(OperationException.Kind.INVALID_INPUT, e.getMessage());
            }
        }
        Map<String, String> runProperties = new LinkedHashMap<>(workflow.workflow().defaultRunProperties());
        if (partition != null) {
            runProperties.putAll(partition.runProperties());
        }
        runProperties.putAll(properties);
        String runId = partition == null ? RunIds.random() : RunIds.forPartition(workflowName, partition.id());
        WorkflowRun candidate = WorkflowRun.started(workflowName, runId, partition,
                runProperties, clock.instant(), definitions.current().version());
        RunStart start = lifecycle.open(workflow, candidate, onDemand.stream().map(Trigger::name).toList());
        if (start.outcome() == RunStart.Outcome.EXISTED) {
            throw new OperationException(OperationException.Kind.INVALID_STATE, "workflow " + workflowName
                    + " already has run " + runId + " for partition " + partitionId + "; see it with 'runs get "
                    + workflowName + " " + runId + "'");
        }
        return store.run(workflowName, runId).orElse(candidate);
    }

    /** GetWorkflowRun. */
    public WorkflowRun getWorkflowRun(String workflowName, String runId) {
        workflow(workflowName);
        return store.run(workflowName, runId).orElseThrow(() -> new OperationException(
                OperationException.Kind.NOT_FOUND, "workflow " + workflowName + " has no run " + runId
                + "; list its runs with 'runs list " + workflowName + "'"));
    }

    /** GetWorkflowRuns, newest first. */
    public RunPage listWorkflowRuns(String workflowName, Instant since, WorkflowRunStatus status,
                                    int maxResults, String nextToken) {
        workflow(workflowName);
        if (maxResults < 1 || maxResults > 1000) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, "max results must be 1 to 1000");
        }
        try {
            return store.runs(workflowName, since, status, maxResults, nextToken);
        } catch (IllegalArgumentException e) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, e.getMessage());
        }
    }

    /** GetWorkflowRunProperties. */
    public Map<String, String> getWorkflowRunProperties(String workflowName, String runId) {
        return getWorkflowRun(workflowName, runId).properties();
    }

    /** PutWorkflowRunProperties: adds or replaces properties; later actions' ${name} see them. */
    public void putWorkflowRunProperties(String workflowName, String runId, Map<String, String> properties) {
        if (properties.size() > DefinitionLimits.MAX_RUN_PROPERTIES) {
            // one UpdateItem path per property: more would exceed DynamoDB's 4 KB expression
            throw new OperationException(OperationException.Kind.INVALID_INPUT, properties.size() + " run properties "
                    + "in one call; at most " + DefinitionLimits.MAX_RUN_PROPERTIES + " fit the one DynamoDB update "
                    + "that stores them: put them in several calls");
        }
        getWorkflowRun(workflowName, runId);
        store.putRunProperties(workflowName, runId, properties);
    }

    /**
     * StopWorkflowRun: the run becomes STOPPING (nothing fires any more), its running job runs are stopped in Glue,
     * and it is STOPPED once the last running action ended.
     */
    public WorkflowRun stopWorkflowRun(String workflowName, String runId) {
        WorkflowRun current = getWorkflowRun(workflowName, runId);
        if (current.status() == WorkflowRunStatus.QUEUED) {
            // it never started: it leaves the queue and is STOPPED, nothing to stop in Glue
            return store.stopQueuedRun(workflowName, runId, clock.instant()).orElseGet(() ->
                    getWorkflowRun(workflowName, runId));
        }
        WorkflowRun stopping = store.stopRun(workflowName, runId).orElseThrow(() -> new OperationException(
                OperationException.Kind.INVALID_STATE, "run " + runId + " of workflow " + workflowName + " is "
                + current.status() + ", not RUNNING: there is nothing to stop"));
        WorkflowDefinition workflow = lifecycle.workflowOf(stopping);
        Map<String, List<String>> byJob = new LinkedHashMap<>();
        Map<String, Action.JobAction> jobs = new LinkedHashMap<>();
        for (ActionRun action : stopping.actions().values()) {
            if (action.jobRunId() != null && !action.state().isTerminal()
                    && workflow.trigger(action.triggerName()).isPresent()) {
                Action definition = action.definitionIn(workflow);
                if (definition instanceof Action.JobAction job) {
                    byJob.computeIfAbsent(job.roleArn() + "|" + action.name(), k -> new ArrayList<>())
                            .add(action.jobRunId());
                    jobs.put(job.roleArn() + "|" + action.name(), job);
                }
            }
        }
        byJob.forEach((key, ids) -> {
            Action.JobAction job = jobs.get(key);
            glue.forRole(job.roleArn(), job.externalId()).stopJobRuns(job.jobName(), ids)
                    .forEach((id, reason) -> LOG.warn("Glue did not stop job run {} of {}: {}", id, job.jobName(),
                            reason));
        });
        // a run with nothing running is STOPPED at once; otherwise the stopped runs' events finish it
        lifecycle.advance(workflow, stopping);
        return store.run(workflowName, runId).orElse(stopping);
    }

    /**
     * ResumeWorkflowRun, with Glue's rules: only a COMPLETED run; the chosen nodes (Graph UniqueIds: a trigger is
     * fired again, a job or crawler run again) and everything downstream of them run again under a new run id that
     * records {@code PreviousRunId}; what is upstream keeps its results from the previous run, so conditions on it
     * stay met. The new run keeps the partition, properties and definitions version of the previous one.
     */
    public WorkflowRun resumeWorkflowRun(String workflowName, String runId, List<String> nodeIds) {
        WorkflowRun previous = getWorkflowRun(workflowName, runId);
        if (previous.status() != WorkflowRunStatus.COMPLETED) {
            throw new OperationException(OperationException.Kind.INVALID_STATE, "run " + runId + " of workflow "
                    + workflowName + " is " + previous.status() + ": only a COMPLETED run can be resumed");
        }
        if (nodeIds.isEmpty()) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, "name at least one node to run "
                    + "again (--node JOB:name, CRAWLER:name or TRIGGER:name)");
        }
        WorkflowDefinition workflow = lifecycle.workflowOf(previous);
        List<NodeId> chosen = new ArrayList<>();
        for (String id : nodeIds) {
            NodeId node;
            try {
                node = NodeId.parse(id);
            } catch (IllegalArgumentException e) {
                throw new OperationException(OperationException.Kind.INVALID_INPUT, e.getMessage());
            }
            if (!WorkflowGraph.nodes(workflow).contains(node)) {
                throw new OperationException(OperationException.Kind.INVALID_INPUT, "workflow " + workflowName
                        + " has no node " + id + "; its nodes: " + WorkflowGraph.nodes(workflow));
            }
            chosen.add(node);
        }
        return resume(workflow, previous, chosen, RunIds.random()).run();
    }

    /**
     * Resumes the COMPLETED run {@code previous} as run {@code newRunId}: {@code chosen} and everything downstream of
     * them run again. EXISTED, starting nothing, when a run with that id exists: a repair resumed it already.
     */
    private RunStart resume(WorkflowDefinition workflow, WorkflowRun previous, List<NodeId> chosen,
                            String newRunId) {
        String workflowName = previous.workflowName();
        Set<NodeId> rerun = WorkflowGraph.downstream(workflow, chosen);
        Map<String, ActionRun> carried = new LinkedHashMap<>();
        previous.actions().forEach((id, action) -> {
            if (!rerun.contains(NodeId.of(action.type(), action.name()))
                    && !rerun.contains(NodeId.of(NodeType.TRIGGER,
                            action.triggerName()))) {
                carried.put(id, action);
            }
        });
        Set<String> fired = new TreeSet<>();
        previous.firedTriggers().stream().filter(t -> !rerun.contains(NodeId.of(
                NodeType.TRIGGER, t))).forEach(fired::add);
        Instant now = clock.instant();
        List<ActionRun> again = again(workflow, chosen, fired, previous, newRunId, now);
        Map<String, ActionRun> actions = new LinkedHashMap<>(carried);
        again.forEach(action -> actions.put(action.actionId(), action));
        /*
         * The actions run again are written with the run, counted as running: a run item without them would have
         * nothing running, and a reconcile pass or an event meanwhile could complete it before they were added.
         */
        WorkflowRun resumed = new WorkflowRun(workflowName, newRunId, previous.partition(), previous.properties(),
                now, null, WorkflowRunStatus.RUNNING, new Statistics(again.size(), 0, 0, 0, 0, again.size(), 0, 0),
                previous.definitionsVersion(), actions, fired, previous.remoteOutcomes(), previous.workflowRunId(),
                null, null);
        RunStart start = store.startRun(resumed, null, null);
        if (start.outcome() == RunStart.Outcome.EXISTED) {
            LOG.info("Run {} was resumed as {} already: nothing started again", previous.workflowRunId(), newRunId);
            return start;
        }
        WorkflowRun current = start.run();
        lifecycle.begin(current, List.of());
        for (ActionRun action : again) {
            lifecycle.start(workflow, current, action);
        }
        for (NodeId node : chosen) {
            if (node.type() == NodeType.TRIGGER
                    && workflow.trigger(node.name()).orElseThrow().type() != TriggerType.CONDITIONAL) {
                lifecycle.fireStart(store.run(workflowName, newRunId).orElseThrow(), node.name());
            }
        }
        // chosen CONDITIONAL triggers fire on the results carried over; a run with nothing to do completes
        store.run(workflowName, newRunId).ifPresent(run -> lifecycle.advance(workflow, run));
        return new RunStart(RunStart.Outcome.STARTED, store.run(workflowName, newRunId).orElse(current));
    }

    /**
     * The chosen jobs and crawlers, claimed to run again in run {@code newRunId} under the fired triggers that
     * started them, with the partition and properties of the {@code previous} run (the new run's).
     */
    private static List<ActionRun> again(WorkflowDefinition workflow, List<NodeId> chosen, Set<String> fired,
                                         WorkflowRun previous, String newRunId, Instant now) {
        List<ActionRun> again = new ArrayList<>();
        for (NodeId node : chosen) {
            if (node.type() == NodeType.TRIGGER) {
                continue;
            }
            for (Trigger trigger : workflow.triggers()) {
                if (!fired.contains(trigger.name())) {
                    continue;
                }
                for (int i = 0; i < trigger.actions().size(); i++) {
                    Action action = trigger.actions().get(i);
                    if (action.type() == node.type() && action.name().equals(node.name())) {
                        String actionId = RunIds.action(newRunId, trigger.name(), i);
                        Map<String, String> arguments = action instanceof Action.JobAction job
                                ? ArgumentResolver.resolve(job, RunLifecycle.partitionOf(workflow, previous),
                                previous.properties(), actionId) : Map.of();
                        again.add(ActionRun.claimed(actionId, trigger.name(), i, action.type(), action.name(),
                                arguments, now, List.of()));
                    }
                }
            }
        }
        return again;
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
        WorkflowDefinition workflow = workflow(workflowName);
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
            throw new OperationException(OperationException.Kind.INVALID_INPUT, "--max-concurrent must be 1 or more");
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
        WorkflowDefinition workflow = workflow(grid.workflowName());
        if (!failed && !missing) {
            throw new OperationException(OperationException.Kind.INVALID_INPUT, "say what to repair: --failed "
                    + "(resume the runs of failed partitions), --missing (start the runs of missing ones), or both");
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
                WorkflowRun previous = getWorkflowRun(workflowName, resume.previousRunId());
                return resume(lifecycle.workflowOf(previous), previous, resume.nodeIds(), resume.runId())
                        .outcome() != RunStart.Outcome.EXISTED;
            }
            WorkflowDefinition workflow = workflow(workflowName);
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
        Duration unit = workflow.workflow().partitioning().granularity() == Granularity.HOUR ? Duration.ofHours(1)
                : Duration.ofDays(1);
        Map<String, Instant> slots = Partitions.scheduled(workflow, since, now.plus(unit));
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
        WorkflowDefinition workflow = workflow(workflowName);
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
        /*
         * The index sorts StartedOn as text, where 14:00:00.5Z sorts before 14:00:00Z: ask from the second before,
         * which sorts before every later time however written, and keep the runs from since exactly.
         */
        Instant from = since.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        List<WorkflowRun> runs = new ArrayList<>();
        String token = null;
        do {
            RunPage page = store.runs(workflowName, from, null, 1000, token);
            page.runs().stream().filter(run -> !run.startedOn().isBefore(since)).forEach(runs::add);
            token = page.nextToken();
        } while (token != null);
        return runs;
    }

    private WorkflowDefinition workflow(String name) {
        return definitions.current().workflow(name).orElseThrow(() -> new OperationException(
                OperationException.Kind.NOT_FOUND, "no workflow named " + name + " is deployed; list them with "
                + "'workflows list'"));
    }

    private Trigger trigger(String name) {
        return definitions.current().workflows().values().stream().flatMap(w -> w.triggers().stream())
                .filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new OperationException(
                        OperationException.Kind.NOT_FOUND, "no trigger named " + name + " is deployed; list them "
                        + "with 'triggers list'"));
    }
}
