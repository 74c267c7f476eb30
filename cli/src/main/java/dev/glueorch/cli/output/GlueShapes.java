package dev.glueorch.cli.output;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.PredecessorRun;
import dev.glueorch.engine.TriggerState;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.Action;
import dev.glueorch.model.Condition;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Predicate;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Workflows, triggers, workflow runs and job runs in exactly the shapes of Glue's responses (GetWorkflow
 * {@code Workflow}, GetTrigger {@code Trigger}, GetWorkflowRun(s) {@code Run}/{@code Runs} with their {@code Graph},
 * GetJobRun {@code JobRun}), so scripts written against {@code aws glue ... --output json} read them unchanged.
 * Timestamps are ISO-8601 UTC; absent values are left out, as the AWS CLI does. Extensions of the definitions
 * (Partitioning, RoleArn, Account, ...) have no place in Glue's shapes and are left out too.
 */
public final class GlueShapes {

    private GlueShapes() {
    }

    /** A {@code WorkflowRun}. */
    public static Map<String, Object> workflowRun(WorkflowRun run) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("Name", run.workflowName());
        shape.put("WorkflowRunId", run.workflowRunId());
        shape.put("WorkflowRunProperties", new TreeMap<>(run.properties()));
        if (run.status() != WorkflowRunStatus.QUEUED) {
            // a QUEUED run (extension) has not started: StartedOn comes when it leaves the queue
            shape.put("StartedOn", time(run.startedOn()));
        }
        if (run.completedOn() != null) {
            shape.put("CompletedOn", time(run.completedOn()));
        }
        if (run.previousRunId() != null) {
            shape.put("PreviousRunId", run.previousRunId());
        }
        shape.put("Status", run.status().name());
        shape.put("Statistics", run.statistics().toGlueShape());
        if (run.startingEventBatchCondition() != null) {
            shape.put("StartingEventBatchCondition", eventBatch(run.startingEventBatchCondition().batchSize(),
                    run.startingEventBatchCondition().batchWindow()));
        }
        return shape;
    }

    /** A {@code WorkflowRun} with its {@code Graph} (GetWorkflowRun with IncludeGraph). */
    public static Map<String, Object> workflowRun(WorkflowRun run, Map<String, Object> graph) {
        Map<String, Object> shape = workflowRun(run);
        shape.put("Graph", graph);
        return shape;
    }

    /** The {@code JobRun}s of a workflow run's job actions, plus the {@code WorkflowRunId} they belong to. */
    public static List<Map<String, Object>> jobRuns(WorkflowRun run) {
        List<Map<String, Object>> jobRuns = new ArrayList<>();
        for (ActionRun action : run.actions().values()) {
            if (action.type() == NodeType.JOB) {
                Map<String, Object> shape = jobRun(action);
                shape.put("WorkflowRunId", run.workflowRunId());
                jobRuns.add(shape);
            }
        }
        return jobRuns;
    }

    /**
     * A {@code Workflow}. {@code lastRun} and {@code graph} are left out when {@code null}; the definitions have no
     * creation time, so {@code CreatedOn} and {@code LastModifiedOn} are never given.
     */
    public static Map<String, Object> workflow(WorkflowDefinition definition, Map<String, Object> lastRun,
                                               Map<String, Object> graph) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("Name", definition.name());
        putIfPresent(shape, "Description", definition.workflow().description());
        shape.put("DefaultRunProperties", new TreeMap<>(definition.workflow().defaultRunProperties()));
        putIfPresent(shape, "LastRun", lastRun);
        putIfPresent(shape, "Graph", graph);
        putIfPresent(shape, "MaxConcurrentRuns", definition.workflow().maxConcurrentRuns());
        return shape;
    }

    /** A {@code Trigger} in the given state. */
    public static Map<String, Object> trigger(Trigger trigger, TriggerState state) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("Name", trigger.name());
        shape.put("WorkflowName", trigger.workflowName());
        shape.put("Type", trigger.type().name());
        shape.put("State", state.name());
        putIfPresent(shape, "Description", trigger.description());
        if (trigger instanceof Trigger.Scheduled scheduled) {
            shape.put("Schedule", scheduled.schedule().expression());
        }
        shape.put("Actions", trigger.actions().stream().map(GlueShapes::action).toList());
        if (trigger instanceof Trigger.Conditional conditional) {
            shape.put("Predicate", predicate(conditional.predicate()));
        }
        if (trigger instanceof Trigger.Event event) {
            shape.put("EventBatchingCondition", eventBatch(event.batching().batchSize(),
                    event.batching().batchWindowSeconds()));
        }
        return shape;
    }

    /** Glue's {@code EventBatchingCondition} and {@code StartingEventBatchCondition}: the same two members. */
    private static Map<String, Object> eventBatch(int batchSize, int batchWindow) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("BatchSize", batchSize);
        shape.put("BatchWindow", batchWindow);
        return shape;
    }

    /**
     * A workflow's {@code Graph}: a node per trigger, job and crawler; an edge from each trigger to what it starts
     * and from each job or crawler a condition listens to, to that condition's trigger. With {@code run}, each job
     * node carries the run's {@code JobRuns} of that job and each crawler node its {@code Crawls}, as
     * GetWorkflowRun's graph does.
     *
     * @param states the state of a trigger, by name
     * @param run the run whose job runs and crawls the nodes carry, or {@code null} for the workflow's graph alone
     */
    public static Map<String, Object> graph(WorkflowDefinition definition, Function<String, TriggerState> states,
                                            WorkflowRun run) {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Trigger trigger : definition.triggers()) {
            String triggerId = uniqueId(NodeType.TRIGGER, null, trigger.name());
            Map<String, Object> node = node(NodeType.TRIGGER, trigger.name(), triggerId);
            node.put("TriggerDetails", Map.of("Trigger", trigger(trigger, states.apply(trigger.name()))));
            nodes.put(triggerId, node);
        }
        for (Trigger trigger : definition.triggers()) {
            String triggerId = uniqueId(NodeType.TRIGGER, null, trigger.name());
            if (trigger instanceof Trigger.Conditional conditional) {
                for (Condition condition : conditional.predicate().conditions()) {
                    String id = uniqueId(condition.type(), condition.account(), condition.name());
                    nodes.computeIfAbsent(id, k -> actionNode(condition.type(), condition.name(), k, run));
                    edges.add(edge(id, triggerId));
                }
            }
            for (Action action : trigger.actions()) {
                String id = uniqueId(action.type(), null, action.name());
                nodes.computeIfAbsent(id, k -> actionNode(action.type(), action.name(), k, run));
                edges.add(edge(triggerId, id));
            }
        }
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("Nodes", new ArrayList<>(nodes.values()));
        graph.put("Edges", edges.stream().distinct().toList());
        return graph;
    }

    /** A job action's {@code JobRun} (GetJobRun's shape); {@code Id} is absent until Glue has started it. */
    public static Map<String, Object> jobRun(ActionRun action) {
        Map<String, Object> shape = new LinkedHashMap<>();
        putIfPresent(shape, "Id", action.jobRunId());
        shape.put("TriggerName", action.triggerName());
        shape.put("JobName", action.name());
        shape.put("StartedOn", time(action.startedOn()));
        if (action.completedOn() != null) {
            shape.put("CompletedOn", time(action.completedOn()));
        }
        shape.put("JobRunState", action.state().name());
        shape.put("Arguments", new TreeMap<>(action.arguments()));
        putIfPresent(shape, "ErrorMessage", action.errorMessage());
        List<Map<String, Object>> predecessors = new ArrayList<>();
        for (PredecessorRun predecessor : action.predecessorRuns()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("JobName", predecessor.jobName());
            p.put("RunId", predecessor.runId());
            predecessors.add(p);
        }
        shape.put("PredecessorRuns", predecessors);
        return shape;
    }

    /** A crawler action's {@code Crawl}. */
    public static Map<String, Object> crawl(ActionRun action) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("State", crawlState(action.state()));
        shape.put("StartedOn", time(action.startedOn()));
        if (action.completedOn() != null) {
            shape.put("CompletedOn", time(action.completedOn()));
        }
        putIfPresent(shape, "ErrorMessage", action.errorMessage());
        return shape;
    }

    /**
     * The node id of a trigger, job or crawler: unique within the workflow and stable across calls, readable where
     * Glue's are opaque. A job or crawler of another account's orchestrator (a remote condition) is a node of its
     * own.
     */
    public static String uniqueId(NodeType type, String account, String name) {
        return new dev.glueorch.model.NodeId(type, account, name).toString();
    }

    private static Map<String, Object> node(NodeType type, String name, String uniqueId) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("Type", type.name());
        node.put("Name", name);
        node.put("UniqueId", uniqueId);
        return node;
    }

    private static Map<String, Object> actionNode(NodeType type, String name, String uniqueId, WorkflowRun run) {
        Map<String, Object> node = node(type, name, uniqueId);
        if (run == null) {
            return node;
        }
        List<Map<String, Object>> runs = run.actions().values().stream()
                .filter(a -> a.type() == type && a.name().equals(name))
                .map(a -> type == NodeType.JOB ? jobRun(a) : crawl(a)).toList();
        if (type == NodeType.JOB) {
            node.put("JobDetails", Map.of("JobRuns", runs));
        } else {
            node.put("CrawlerDetails", Map.of("Crawls", runs));
        }
        return node;
    }

    private static Map<String, Object> edge(String sourceId, String destinationId) {
        Map<String, Object> edge = new LinkedHashMap<>();
        edge.put("SourceId", sourceId);
        edge.put("DestinationId", destinationId);
        return edge;
    }

    private static Map<String, Object> action(Action action) {
        Map<String, Object> shape = new LinkedHashMap<>();
        if (action instanceof Action.JobAction job) {
            shape.put("JobName", job.jobName());
            if (!job.arguments().isEmpty()) {
                shape.put("Arguments", new TreeMap<>(job.arguments()));
            }
            putIfPresent(shape, "Timeout", job.timeout());
            putIfPresent(shape, "SecurityConfiguration", job.securityConfiguration());
            if (job.notifyDelayAfter() != null) {
                shape.put("NotificationProperty", Map.of("NotifyDelayAfter", job.notifyDelayAfter()));
            }
        } else {
            shape.put("CrawlerName", action.name());
        }
        return shape;
    }

    private static Map<String, Object> predicate(Predicate predicate) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("Logical", predicate.logical().name());
        List<Map<String, Object>> conditions = new ArrayList<>();
        for (Condition condition : predicate.conditions()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("LogicalOperator", "EQUALS");
            if (condition instanceof Condition.JobCondition job) {
                c.put("JobName", job.jobName());
                c.put("State", job.state().name());
            } else if (condition instanceof Condition.CrawlerCondition crawler) {
                c.put("CrawlerName", crawler.crawlerName());
                c.put("CrawlState", crawler.crawlState().name());
            }
            conditions.add(c);
        }
        shape.put("Conditions", conditions);
        return shape;
    }

    /**
     * Crawls are kept in the job-run vocabulary; Glue's {@code CrawlState} has no starting or waiting crawl (one the
     * orchestrator has yet to start counts as RUNNING, as its action does) and no TIMEOUT (a FAILED crawl).
     */
    private static String crawlState(JobRunState state) {
        return switch (state) {
            case STARTING, RUNNING, WAITING -> "RUNNING";
            case STOPPING -> "CANCELLING";
            case STOPPED -> "CANCELLED";
            case SUCCEEDED -> "SUCCEEDED";
            case FAILED, TIMEOUT -> "FAILED";
            case ERROR -> "ERROR";
        };
    }

    private static void putIfPresent(Map<String, Object> shape, String field, Object value) {
        if (value != null) {
            shape.put(field, value);
        }
    }

    private static String time(Instant instant) {
        return instant.toString();
    }
}
