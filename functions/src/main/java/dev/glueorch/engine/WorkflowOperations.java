package dev.glueorch.engine;

import dev.glueorch.model.Action;
import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.DefinitionLimits;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.NodeId;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.TriggerType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glue's workflow and trigger operations on glue-orchestrator (GetWorkflow, StartTrigger, StartWorkflowRun,
 * GetWorkflowRun(s), Get/PutWorkflowRunProperties, StopWorkflowRun ...), as a library: the CLI and the operations
 * function call it. Refusals are {@link OperationException}s naming what was asked and what to do. A workflow's
 * partitions (their grid, backfill, repair) have operations of their own: {@link PartitionOperations}.
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
    private final DeployedWorkflows deployed;
    private final RunResumption resumption;

    public WorkflowOperations(DefinitionsSource definitions, WorkflowRunStore store, RunLifecycle lifecycle,
                              GlueService glue, Clock clock) {
        this.definitions = definitions;
        this.store = store;
        this.lifecycle = lifecycle;
        this.glue = glue;
        this.clock = clock;
        this.deployed = new DeployedWorkflows(definitions, store);
        this.resumption = new RunResumption(store, lifecycle, clock);
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
        WorkflowDefinition workflow = deployed.workflow(workflowName);
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
        WorkflowDefinition workflow = deployed.workflow(workflowName);
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
        return deployed.run(workflowName, runId);
    }

    /** GetWorkflowRuns, newest first. */
    public RunPage listWorkflowRuns(String workflowName, Instant since, WorkflowRunStatus status,
                                    int maxResults, String nextToken) {
        deployed.workflow(workflowName);
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
        return resumption.resume(workflow, previous, chosen, RunIds.random()).run();
    }

    private Trigger trigger(String name) {
        return definitions.current().workflows().values().stream().flatMap(w -> w.triggers().stream())
                .filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new OperationException(
                        OperationException.Kind.NOT_FOUND, "no trigger named " + name + " is deployed; list them "
                        + "with 'triggers list'"));
    }
}