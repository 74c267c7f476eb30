package dev.glueorch.cli.ops;

import dev.glueorch.cli.output.GlueShapes;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.OperationException;
import dev.glueorch.engine.PartitionOperations;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.engine.RunPage;
import dev.glueorch.engine.TriggerState;
import dev.glueorch.engine.WorkflowOperations;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Glue's workflow and trigger operations, answered from the orchestrator: each method is the Glue operation of the
 * same name, its {@link Response#body()} that operation's response shape.
 */
final class GlueOperations {

    private final WorkflowOperations operations;
    private final PartitionOperations partitionOperations;
    private final Function<String, Definitions> definitionsVersion;
    private final RetryPolicy.Sleeper sleeper;

    /**
     * @param definitionsVersion the definitions of a version, for a run's graph as it ran
     * @param sleeper            how a backfill waits between its looks at its runs
     */
    GlueOperations(WorkflowOperations operations, PartitionOperations partitionOperations,
                   Function<String, Definitions> definitionsVersion, RetryPolicy.Sleeper sleeper) {
        this.operations = operations;
        this.partitionOperations = partitionOperations;
        this.definitionsVersion = definitionsVersion;
        this.sleeper = sleeper;
    }

    /** GetWorkflow for one name (an unknown one is an error), BatchGetWorkflows for several. */
    Response getWorkflows(List<String> names, boolean includeGraph) {
        Definitions definitions = operations.definitions();
        List<WorkflowDefinition> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            definitions.workflow(name).ifPresentOrElse(found::add, () -> missing.add(name));
        }
        if (names.size() == 1 && !missing.isEmpty()) {
            throw unknownWorkflow(names.get(0));
        }
        Map<String, TriggerState> states = new LinkedHashMap<>();
        Map<String, WorkflowRun> lastRuns = new LinkedHashMap<>();
        List<Map<String, Object>> workflows = new ArrayList<>();
        for (WorkflowDefinition definition : found) {
            definition.triggers().forEach(t -> states.put(t.name(), operations.triggerState(t.name())));
            List<WorkflowRun> latest = operations.listWorkflowRuns(definition.name(), null, null, 1, null).runs();
            Map<String, Object> lastRun = null;
            if (!latest.isEmpty()) {
                lastRuns.put(definition.name(), latest.get(0));
                lastRun = workflowRun(latest.get(0), includeGraph);
            }
            workflows.add(GlueShapes.workflow(definition, lastRun,
                    includeGraph ? GlueShapes.graph(definition, states::get, null) : null));
        }
        String table = OperatorTables.workflows(found, lastRuns, states);
        if (names.size() == 1) {
            return new Response(Map.of("Workflow", workflows.get(0)), table);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Workflows", workflows);
        body.put("MissingWorkflows", missing);
        return new Response(body, table, missing.stream().map(name -> "workflow '" + name + "' not found: it is "
                + "in no definition of the current version (see glueorch workflows list)").toList());
    }

    /** ListWorkflows. */
    Response listWorkflows() {
        List<WorkflowDefinition> workflows = List.copyOf(operations.definitions().workflows().values());
        return new Response(Map.of("Workflows", workflows.stream().map(WorkflowDefinition::name).toList()),
                OperatorTables.workflowList(workflows));
    }

    /** GetTrigger for one name (an unknown one is an error), BatchGetTriggers for several. */
    Response getTriggers(List<String> names) {
        Definitions definitions = operations.definitions();
        List<Trigger> found = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (String name : names) {
            trigger(definitions, name).ifPresentOrElse(found::add, () -> notFound.add(name));
        }
        if (names.size() == 1 && !notFound.isEmpty()) {
            throw unknownTrigger(names.get(0));
        }
        Map<String, TriggerState> states = new LinkedHashMap<>();
        found.forEach(t -> states.put(t.name(), operations.triggerState(t.name())));
        List<Map<String, Object>> triggers = found.stream().map(t -> GlueShapes.trigger(t, states.get(t.name())))
                .toList();
        String table = OperatorTables.triggers(found, states);
        if (names.size() == 1) {
            return new Response(Map.of("Trigger", triggers.get(0)), table);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Triggers", triggers);
        body.put("TriggersNotFound", notFound);
        return new Response(body, table, notFound.stream().map(name -> "trigger '" + name + "' not found: it is in "
                + "no workflow of the current definitions (see glueorch triggers list)").toList());
    }

    /** ListTriggers, of one workflow when {@code workflowName} is not {@code null}. */
    Response listTriggers(String workflowName) {
        Definitions definitions = operations.definitions();
        List<Trigger> triggers = new ArrayList<>();
        if (workflowName == null) {
            definitions.workflows().values().forEach(d -> triggers.addAll(d.triggers()));
        } else {
            triggers.addAll(definitions.workflow(workflowName).orElseThrow(() -> unknownWorkflow(workflowName))
                    .triggers());
        }
        return new Response(Map.of("TriggerNames", triggers.stream().map(Trigger::name).toList()),
                OperatorTables.triggerList(triggers));
    }

    /** StartTrigger ({@code ACTIVATED}) or StopTrigger ({@code DEACTIVATED}). */
    Response setTriggerState(String name, TriggerState state) {
        operations.setTriggerState(name, state);
        return new Response(Map.of("Name", name), "trigger " + name + ": " + state + "\n");
    }

    /**
     * StartWorkflowRun; a {@code partitionId} makes it the run of that partition. Each action Glue refused to start
     * (an unknown job, no permission, ...) is a note with Glue's error; when Glue refused them all, the run started
     * nothing, and the response says it failed.
     */
    Response startWorkflowRun(String workflowName, Map<String, String> properties, String partitionId) {
        WorkflowRun run = operations.startWorkflowRun(workflowName, properties, partitionId);
        List<ActionRun> refused = run.actions().values().stream().filter(a -> a.state() == JobRunState.ERROR)
                .toList();
        List<String> notes = new ArrayList<>(refused.stream().map(a -> a.type().name().toLowerCase(Locale.ROOT)
                + " " + a.name() + " (trigger " + a.triggerName() + "): Glue refused to start it: " + a.errorMessage())
                .toList());
        boolean startedNothing = !refused.isEmpty() && refused.size() == run.actions().size();
        if (startedNothing) {
            notes.add("workflow run " + run.workflowRunId() + " of " + workflowName + " started none of its "
                    + refused.size() + " action(s): create the jobs and crawlers Glue did not find, or grant what "
                    + "it refused (see above), then start a run again");
        }
        return new Response(Map.of("RunId", run.workflowRunId()), OperatorTables.started(run), notes,
                startedNothing);
    }

    /** GetWorkflowRun. */
    Response getWorkflowRun(String workflowName, String runId, boolean includeGraph) {
        WorkflowRun run = operations.getWorkflowRun(workflowName, runId);
        return new Response(Map.of("Run", workflowRun(run, includeGraph)), OperatorTables.run(run));
    }

    /** GetWorkflowRuns, newest first, with the filters Glue lacks. */
    Response getWorkflowRuns(String workflowName, Instant since, WorkflowRunStatus status, int maxResults,
                             String nextToken) {
        RunPage page = operations.listWorkflowRuns(workflowName, since, status, maxResults,
                nextToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Runs", page.runs().stream().map(GlueShapes::workflowRun).toList());
        if (page.nextToken() != null) {
            body.put("NextToken", page.nextToken());
        }
        return new Response(body, OperatorTables.runs(page.runs(), page.nextToken()));
    }

    /** PutWorkflowRunProperties when {@code properties} has any, then GetWorkflowRunProperties. */
    Response runProperties(String workflowName, String runId, Map<String, String> properties) {
        if (!properties.isEmpty()) {
            operations.putWorkflowRunProperties(workflowName, runId, properties);
        }
        Map<String, String> current = new TreeMap<>(operations.getWorkflowRunProperties(workflowName, runId));
        return new Response(Map.of("RunProperties", current), OperatorTables.properties(current));
    }

    /** CreateTrigger / UpdateTrigger. */
    Response putTrigger(String triggerJson) {
        String version = operations.putTrigger(triggerJson);
        String name;
        try {
            name = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(triggerJson)
                    .path("Name").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the trigger was published, so it was JSON", e);
        }
        return new Response(Map.of("Name", name), "trigger " + name + " saved: definitions version " + version
                + "\n");
    }

    /** DeleteTrigger. */
    Response deleteTrigger(String name) {
        String version = operations.deleteTrigger(name);
        return new Response(Map.of("Name", name), "trigger " + name + " deleted: definitions version " + version
                + "\n");
    }

    /** ResumeWorkflowRun. */
    Response resumeWorkflowRun(String workflowName, String runId, List<String> nodeIds) {
        WorkflowRun run = operations.resumeWorkflowRun(workflowName, runId, nodeIds);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RunId", run.workflowRunId());
        body.put("NodeIds", nodeIds);
        return new Response(body, "resumed " + runId + " as " + run.workflowRunId() + " from " + nodeIds + "\n");
    }

    /** StopWorkflowRun. */
    Response stopWorkflowRun(String workflowName, String runId) {
        WorkflowRun run = operations.stopWorkflowRun(workflowName, runId);
        return new Response(Map.of(), OperatorTables.stopped(run));
    }

    /**
     * One run per partition from {@code from} to {@code to}; {@code progress} sees where it stands (the command
     * draws a progress bar from it on a terminal).
     */
    Response backfill(String workflowName, String from, String to, int maxConcurrent,
                      java.util.function.Consumer<PartitionOperations.BackfillProgress> progress) {
        PartitionOperations.BackfillProgress result = partitionOperations.backfill(workflowName, from, to,
                maxConcurrent, progress, sleeper);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Partitions", result.partitions());
        body.put("Started", result.started());
        body.put("AlreadyRun", result.skipped());
        body.put("Finished", result.finished());
        return new Response(body, String.format("%s %s..%s: %d partition(s), %d started, %d had run already, "
                + "%d finished%n", workflowName, from, to, result.partitions(), result.started(), result.skipped(),
                result.finished()));
    }

    private Map<String, Object> workflowRun(WorkflowRun run, boolean includeGraph) {
        if (!includeGraph) {
            return GlueShapes.workflowRun(run);
        }
        // the graph the run ran with: a run keeps the definitions version it started with
        WorkflowDefinition definition = definitionsVersion.apply(run.definitionsVersion())
                .workflow(run.workflowName()).orElseThrow(() -> new IllegalStateException("definitions version "
                        + run.definitionsVersion() + " has no workflow " + run.workflowName() + ", yet run "
                        + run.workflowRunId() + " started with it"));
        return GlueShapes.workflowRun(run, GlueShapes.graph(definition, operations::triggerState, run));
    }

    private static Optional<Trigger> trigger(Definitions definitions, String name) {
        return definitions.workflows().values().stream().flatMap(d -> d.trigger(name).stream()).findFirst();
    }

    private static OperationException unknownWorkflow(String name) {
        return new OperationException(OperationException.Kind.NOT_FOUND, "workflow '" + name + "' not found: it is "
                + "in no definition of the current version; check the name with glueorch workflows list");
    }

    private static OperationException unknownTrigger(String name) {
        return new OperationException(OperationException.Kind.NOT_FOUND, "trigger '" + name + "' not found: it is in "
                + "no workflow of the current definitions; check the name with glueorch triggers list");
    }
}
