package dev.glueorch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.ArgumentResolver;
import dev.glueorch.engine.PredecessorRun;
import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.RunStart;
import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.Action;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import dev.glueorch.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The run store on DynamoDB Local, which refuses what DynamoDB refuses (an expression over 4 KB among others). */
class DynamoDbWorkflowRunStoreTest {

    /** Glue's longest job, trigger and workflow name. */
    private static final int LONGEST_NAME = 255;
    private static final Instant NOW = Instant.parse("2026-11-21T13:05:00Z");

    private final DynamoDbClient dynamoDb = DynamoDbLocal.client();
    private final DynamoDbWorkflowRunStore store = new DynamoDbWorkflowRunStore(dynamoDb,
            DynamoDbLocal.newTable(dynamoDb), Duration.ofDays(90));

    @Test
    void claimTrigger_shouldRecordEveryActionOfTheLargestTriggerTheValidatorAllows() {
        // GIVEN a valid CONDITIONAL trigger with the most actions a trigger may have, every name as long as Glue
        // allows (names and action ids go into the expression's attribute names and values, so the expression
        // itself grows with the number of actions only)
        String workflowName = longName("workflow");
        String triggerName = longName("fan-out");
        String seed = longName("seed");
        WorkflowDefinition workflow = largestTrigger(workflowName, triggerName, seed);
        Trigger trigger = workflow.trigger(triggerName).orElseThrow();
        WorkflowRun run = store.startRun(WorkflowRun.started(workflowName, RunIds.random(), null, Map.of(), NOW,
                "v1"), null, null).run();
        List<ActionRun> actions = claimed(run, trigger, new PredecessorRun(seed, "jr_" + "0".repeat(64)));
        // WHEN it is claimed
        assertThat(store.claimTrigger(workflowName, run.workflowRunId(), triggerName, actions)).isTrue();
        // THEN every action is recorded as starting and counted, and the trigger as fired
        WorkflowRun stored = store.run(workflowName, run.workflowRunId()).orElseThrow();
        assertThat(stored.actions().values()).hasSize(Trigger.MAX_ACTIONS)
                .allSatisfy(action -> assertThat(action.state()).isEqualTo(JobRunState.STARTING));
        assertThat(stored.actions().keySet()).containsExactlyInAnyOrderElementsOf(actions.stream()
                .map(ActionRun::actionId).toList());
        assertThat(stored.statistics().totalActions()).isEqualTo(Trigger.MAX_ACTIONS);
        assertThat(stored.statistics().runningActions()).isEqualTo(Trigger.MAX_ACTIONS);
        assertThat(stored.firedTriggers()).containsExactly(triggerName);
    }

    @Test
    void startRun_ofAResumedRunThatExistsAlready_shouldLeaveItsActionsAsTheyAre() {
        // GIVEN a resumed run under an id derived from the run it resumes, whose action to rerun has started since
        String previousRunId = RunIds.random();
        String runId = RunIds.resumeOf("sales-hourly", previousRunId);
        ActionRun again = ActionRun.claimed(RunIds.action(runId, "sales-start", 0), "sales-start", 0,
                NodeType.JOB, "ingest-orders", Map.of(), NOW, List.of());
        WorkflowRun resumed = new WorkflowRun("sales-hourly", runId, null, Map.of(), NOW, null,
                WorkflowRunStatus.RUNNING, new Statistics(1, 0, 0, 0, 0, 1, 0, 0), "v1",
                Map.of(again.actionId(), again), Set.of("sales-start"), Map.of(), previousRunId, null, null);
        assertThat(store.startRun(resumed, null, null).outcome()).isEqualTo(RunStart.Outcome.STARTED);
        store.recordJobRunStarted(again.ref("sales-hourly", runId), JobRunState.STARTING, "jr_1", NOW);

        // WHEN a second repair writes the same run
        RunStart second = store.startRun(resumed, null, null);

        // THEN it finds the run there, and the started action is still RUNNING with its job run
        assertThat(second.outcome()).isEqualTo(RunStart.Outcome.EXISTED);
        ActionRun stored = store.run("sales-hourly", runId).orElseThrow().actions().get(again.actionId());
        assertThat(stored.state()).isEqualTo(JobRunState.RUNNING);
        assertThat(stored.jobRunId()).isEqualTo("jr_1");
    }

    @Test
    void runs_shouldListNewestFirstAndFromSinceExactly_whateverFractionOfASecondTheyStartedAt() {
        // GIVEN runs started a tenth of a second before a whole second, at it, and half a second after
        // (Instant.toString() writes the whole second shortest: 13:00:00Z sorts after 13:00:00.500Z as text)
        Instant whole = Instant.parse("2026-11-21T13:00:00Z");
        List<String> started = new ArrayList<>();
        for (Instant at : List.of(whole.minusMillis(100), whole, whole.plusMillis(500))) {
            String runId = RunIds.random();
            store.startRun(WorkflowRun.started("sales-hourly", runId, null, Map.of(), at, "v1"), null, null);
            started.add(runId);
        }

        // WHEN the runs since the whole second are listed
        List<String> listed = store.runs("sales-hourly", whole, null, 10, null).runs().stream()
                .map(WorkflowRun::workflowRunId).toList();

        // THEN the one half a second later comes first, the one at the second next, the one before is left out
        assertThat(listed).containsExactly(started.get(2), started.get(1));
        assertThat(store.runs("sales-hourly", null, null, 10, null).runs()).extracting(WorkflowRun::workflowRunId)
                .containsExactly(started.get(2), started.get(1), started.get(0));
    }

    /** A workflow whose trigger {@code triggerName} starts {@link Trigger#MAX_ACTIONS} jobs when {@code seed} ends. */
    private static WorkflowDefinition largestTrigger(String workflowName, String triggerName, String seed) {
        StringJoiner actions = new StringJoiner(", ");
        for (int i = 0; i < Trigger.MAX_ACTIONS; i++) {
            actions.add("{\"JobName\": \"" + longName("part-" + i) + "\"}");
        }
        return new DefinitionValidator().validate("workflows/" + workflowName + ".json", """
                {"Workflow": {"Name": "%1$s"},
                 "Triggers": [
                   {"Name": "start", "Type": "ON_DEMAND", "Actions": [{"JobName": "%2$s"}]},
                   {"Name": "%3$s", "Type": "CONDITIONAL",
                    "Predicate": {"Conditions": [{"JobName": "%2$s", "State": "SUCCEEDED"}]},
                    "Actions": [%4$s]}]}
                """.formatted(workflowName, seed, triggerName, actions));
    }

    /** The trigger's actions as the orchestrator claims them when it fires in {@code run}. */
    private static List<ActionRun> claimed(WorkflowRun run, Trigger trigger, PredecessorRun predecessor) {
        List<ActionRun> actions = new ArrayList<>();
        for (int i = 0; i < trigger.actions().size(); i++) {
            Action.JobAction job = (Action.JobAction) trigger.actions().get(i);
            String actionId = RunIds.action(run.workflowRunId(), trigger.name(), i);
            actions.add(ActionRun.claimed(actionId, trigger.name(), i, job.type(), job.name(),
                    ArgumentResolver.resolve(job, null, run.properties(), actionId), NOW, List.of(predecessor)));
        }
        return actions;
    }

    /** {@code prefix} padded to Glue's longest name. */
    private static String longName(String prefix) {
        return prefix + "-" + "x".repeat(LONGEST_NAME - prefix.length() - 1);
    }
}
