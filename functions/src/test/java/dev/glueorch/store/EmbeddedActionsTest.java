package dev.glueorch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.EngineHarness;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs in flight when the orchestrator is upgraded: an earlier version kept a run's actions in the run's item. They
 * are read, moved to their own items, and their events still apply.
 */
class EmbeddedActionsTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private static final String PARTITION = "2026-11-21T13";
    private final EngineHarness h = new EngineHarness(SLOT);

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void runWhoseActionsAreEmbeddedInItsItem_shouldGoOnWhenItsJobsEnd() {
        // GIVEN the hourly run with both ingest jobs running, stored as an earlier version stored it
        h.tick(SLOT);
        WorkflowRun run = h.run(PARTITION);
        embed(run);
        assertThat(item(RunItems.actionKey(run.workflowName(), run.workflowRunId(),
                run.actions().keySet().iterator().next()))).isEmpty();
        // WHEN both succeed
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        h.jobState("ingest-payments", JobRunState.SUCCEEDED);
        // THEN their moves applied and the join started the transform, and the run item no longer embeds actions
        assertThat(h.glue.startsOf("transform-sales")).hasSize(1);
        WorkflowRun after = h.run(PARTITION);
        assertThat(after.statistics().succeededActions()).isEqualTo(2);
        assertThat(after.statistics().runningActions()).isEqualTo(1);
        assertThat(after.actions()).hasSize(3);
        assertThat(item(RunItems.key(run.workflowName(), run.workflowRunId()))).doesNotContainKey(RunItems.ACTIONS);
    }

    /** Moves the run's action items back into its item's {@code Actions} map. */
    private void embed(WorkflowRun run) {
        Map<String, AttributeValue> embedded = new LinkedHashMap<>();
        for (ActionRun action : run.actions().values()) {
            embedded.put(action.actionId(), RunItems.toAttribute(action));
            h.dynamoDb.deleteItem(b -> b.tableName(h.table).key(RunItems.actionKey(run.workflowName(),
                    run.workflowRunId(), action.actionId())));
        }
        h.dynamoDb.updateItem(b -> b.tableName(h.table).key(RunItems.key(run.workflowName(), run.workflowRunId()))
                .updateExpression("SET Actions = :actions")
                .expressionAttributeValues(Map.of(":actions", AttributeValue.fromM(embedded))));
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        return h.dynamoDb.getItem(b -> b.tableName(h.table).consistentRead(true).key(key)).item();
    }
}
