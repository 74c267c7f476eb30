package dev.glueorch.cli.report;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.Partition;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import dev.glueorch.testing.Resources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Workflow runs built by hand, as the store would hold them, and the workflows they are runs of. */
final class RunFixtures {

    private RunFixtures() {
    }

    /** The example hourly workflow of {@code workflows/examples/hourly}. */
    static WorkflowDefinition example() {
        return new DefinitionLoader().load(Resources.exampleWorkflows()).workflow("sales-hourly").orElseThrow();
    }

    /** A workflow file of the test resources under {@code report/}. */
    static WorkflowDefinition testWorkflow(String file) {
        Path path = Path.of("src/test/resources/report").resolve(file);
        Definitions definitions = new DefinitionValidator().validateAll(Map.of(path.toString(),
                Resources.read(path)));
        return definitions.workflows().values().iterator().next();
    }

    /** A job run of action {@code index} of {@code trigger}; {@code end} is {@code null} while it runs. */
    static ActionRun job(String runId, String trigger, int index, String name, String jobRunId, JobRunState state,
                         Instant start, Instant end, Map<String, String> arguments) {
        String actionId = RunIds.action(runId, trigger, index);
        Map<String, String> withId = new LinkedHashMap<>(arguments);
        withId.put("--glueorch_action_id", actionId);
        return new ActionRun(actionId, trigger, index, NodeType.JOB, name, jobRunId, state, withId, start, end,
                List.of(), state == JobRunState.SUCCEEDED || end == null ? null : name + " broke");
    }

    /** A crawl of action {@code index} of {@code trigger}. */
    static ActionRun crawl(String runId, String trigger, int index, String name, JobRunState state, Instant start,
                           Instant end) {
        return new ActionRun(RunIds.action(runId, trigger, index), trigger, index, NodeType.CRAWLER, name, null,
                state, Map.of(), start, end, List.of(), null);
    }

    /** A run of {@code workflow} for {@code partition}, COMPLETED when nothing runs, with its statistics. */
    static WorkflowRun run(String workflow, String partition, Instant start, Set<String> firedTriggers,
                           List<ActionRun> actions) {
        Map<String, ActionRun> byId = new LinkedHashMap<>();
        actions.forEach(a -> byId.put(a.actionId(), a));
        Statistics statistics = statistics(actions);
        Instant end = statistics.isIdle() ? actions.stream().map(ActionRun::completedOn).max(Instant::compareTo)
                .orElse(start) : null;
        Map<String, String> properties = Map.of("hour_partition_value", partition.substring(11));
        return new WorkflowRun(workflow, RunIds.forPartition(workflow, partition),
                new Partition(partition, properties, Map.of()), properties, start, end,
                end == null ? WorkflowRunStatus.RUNNING : WorkflowRunStatus.COMPLETED, statistics, "v1", byId,
                firedTriggers, Map.of(), null, null, null);
    }

    /** {@code run} with another status: a run an operator stopped, or one waiting for a MaxConcurrentRuns slot. */
    static WorkflowRun withStatus(WorkflowRun run, WorkflowRunStatus status) {
        return new WorkflowRun(run.workflowName(), run.workflowRunId(), run.partition(), run.properties(),
                run.startedOn(), run.completedOn(), status, run.statistics(), run.definitionsVersion(), run.actions(),
                run.firedTriggers(), run.remoteOutcomes(), run.previousRunId(), run.startTrigger(),
                run.startingEventBatchCondition());
    }

    private static Statistics statistics(List<ActionRun> actions) {
        Map<JobRunState, Integer> count = new EnumMap<>(JobRunState.class);
        actions.forEach(a -> count.merge(a.state(), 1, Integer::sum));
        int running = count.getOrDefault(JobRunState.STARTING, 0) + count.getOrDefault(JobRunState.RUNNING, 0)
                + count.getOrDefault(JobRunState.STOPPING, 0);
        return new Statistics(actions.size(), count.getOrDefault(JobRunState.TIMEOUT, 0),
                count.getOrDefault(JobRunState.FAILED, 0), count.getOrDefault(JobRunState.STOPPED, 0),
                count.getOrDefault(JobRunState.SUCCEEDED, 0), running, count.getOrDefault(JobRunState.ERROR, 0),
                count.getOrDefault(JobRunState.WAITING, 0));
    }
}
