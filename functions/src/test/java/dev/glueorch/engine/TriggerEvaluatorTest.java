package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TriggerEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T14:00:00Z");
    private static final WorkflowDefinition WORKFLOW = new DefinitionValidator().validate("wf.json", """
            {"Workflow": {"Name": "wf"},
             "Triggers": [
               {"Name": "start", "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)",
                "Actions": [{"JobName": "a"}, {"JobName": "b"}, {"CrawlerName": "c"}]},
               {"Name": "both", "Type": "CONDITIONAL", "Predicate": {"Logical": "AND", "Conditions": [
                  {"LogicalOperator": "EQUALS", "JobName": "a", "State": "SUCCEEDED"},
                  {"LogicalOperator": "EQUALS", "JobName": "b", "State": "SUCCEEDED"}]},
                "Actions": [{"JobName": "join"}]},
               {"Name": "any-failure", "Type": "CONDITIONAL", "Predicate": {"Logical": "ANY", "Conditions": [
                  {"LogicalOperator": "EQUALS", "JobName": "a", "State": "FAILED"},
                  {"LogicalOperator": "EQUALS", "JobName": "b", "State": "FAILED"}]},
                "Actions": [{"JobName": "alert"}]},
               {"Name": "catalogued", "Type": "CONDITIONAL", "Predicate": {"Conditions": [
                  {"LogicalOperator": "EQUALS", "CrawlerName": "c", "CrawlState": "CANCELLED"}]},
                "Actions": [{"JobName": "after-crawl"}]}
             ]}
            """);

    private static ActionRun action(NodeType type, String name, String runId, JobRunState state) {
        return new ActionRun("wr:start:" + name, "start", 0, type, name, runId, state, Map.of(), NOW, null,
                List.of(), null);
    }

    private static WorkflowRun run(WorkflowRunStatus status, Set<String> fired, ActionRun... actions) {
        Map<String, ActionRun> byId = new LinkedHashMap<>();
        for (ActionRun action : actions) {
            byId.put(action.actionId(), action);
        }
        return new WorkflowRun("wf", "wr", null, Map.of(), NOW, null, status, Statistics.EMPTY, "v1", byId, fired,
                Map.of(), null, null, null);
    }

    @Test
    void and_shouldFireOnlyWhenEveryConditionIsMet() {
        WorkflowRun one = run(WorkflowRunStatus.RUNNING, Set.of(),
                action(NodeType.JOB, "a", "jr_a", JobRunState.SUCCEEDED),
                action(NodeType.JOB, "b", "jr_b", JobRunState.RUNNING));
        assertThat(TriggerEvaluator.satisfied(WORKFLOW, one)).isEmpty();

        WorkflowRun both = run(WorkflowRunStatus.RUNNING, Set.of(),
                action(NodeType.JOB, "a", "jr_a", JobRunState.SUCCEEDED),
                action(NodeType.JOB, "b", "jr_b", JobRunState.SUCCEEDED));
        List<Firing> firings = TriggerEvaluator.satisfied(WORKFLOW, both);
        assertThat(firings).extracting(f -> f.trigger().name()).containsExactly("both");
        assertThat(firings.get(0).predecessorRuns()).containsExactly(new PredecessorRun("a", "jr_a"),
                new PredecessorRun("b", "jr_b"));
    }

    @Test
    void any_shouldFireOnTheFirstMetCondition() {
        WorkflowRun failed = run(WorkflowRunStatus.RUNNING, Set.of(),
                action(NodeType.JOB, "a", "jr_a", JobRunState.RUNNING),
                action(NodeType.JOB, "b", "jr_b", JobRunState.FAILED));
        List<Firing> firings = TriggerEvaluator.satisfied(WORKFLOW, failed);
        assertThat(firings).extracting(f -> f.trigger().name()).containsExactly("any-failure");
        assertThat(firings.get(0).predecessorRuns()).containsExactly(new PredecessorRun("b", "jr_b"));
    }

    @Test
    void firedTrigger_shouldNotFireAgainInTheSameRun() {
        WorkflowRun both = run(WorkflowRunStatus.RUNNING, Set.of("both"),
                action(NodeType.JOB, "a", "jr_a", JobRunState.SUCCEEDED),
                action(NodeType.JOB, "b", "jr_b", JobRunState.SUCCEEDED));
        assertThat(TriggerEvaluator.satisfied(WORKFLOW, both)).isEmpty();
    }

    @Test
    void runNotRunning_shouldFireNothing() {
        WorkflowRun stopping = run(WorkflowRunStatus.STOPPING, Set.of(),
                action(NodeType.JOB, "a", "jr_a", JobRunState.SUCCEEDED),
                action(NodeType.JOB, "b", "jr_b", JobRunState.SUCCEEDED));
        assertThat(TriggerEvaluator.satisfied(WORKFLOW, stopping)).isEmpty();
    }

    @Test
    void cancelledCrawl_shouldMeetACancelledCondition() {
        WorkflowRun cancelled = run(WorkflowRunStatus.RUNNING, Set.of(),
                action(NodeType.CRAWLER, "c", null, dev.glueorch.model.CrawlState.CANCELLED.asActionState()));
        assertThat(TriggerEvaluator.satisfied(WORKFLOW, cancelled)).extracting(f -> f.trigger().name())
                .containsExactly("catalogued");
    }

    @Test
    void jobOfTheSameNameInAnotherRole_shouldNotMeetACrawlerCondition() {
        WorkflowRun sameName = run(WorkflowRunStatus.RUNNING, Set.of(),
                action(NodeType.JOB, "c", "jr_c", JobRunState.STOPPED));
        assertThat(TriggerEvaluator.satisfied(WORKFLOW, sameName)).isEmpty();
    }
}
