package dev.glueorch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.engine.RunIds;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.DefinitionLimits;
import dev.glueorch.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link DefinitionLimits#MAX_RUN_PROPERTIES} against the expression the store really builds, on DynamoDB Local
 * (which refuses an expression over 4 KB as DynamoDB does): the validator's bound is the store's. Should the store's
 * PutWorkflowRunProperties expression change shape, this test says by how much the bound must move.
 */
class RunPropertiesExpressionTest {

    private static final Instant NOW = Instant.parse("2026-11-21T13:05:00Z");

    private final List<String> updateExpressions = new ArrayList<>();
    private final DynamoDbClient dynamoDb = DynamoDbLocal.client(new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest update) {
                updateExpressions.add(update.updateExpression());
            }
        }
    });
    private final DynamoDbWorkflowRunStore store = new DynamoDbWorkflowRunStore(dynamoDb,
            DynamoDbLocal.newTable(dynamoDb), Duration.ofDays(90));

    /** {@code count} run properties with Glue's longest names (names travel as placeholders, not in the text). */
    private static Map<String, String> properties(int count) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = "p" + i + "-";
            properties.put(name + "x".repeat(DefinitionLimits.MAX_NAME_BYTES - name.length()), "v".repeat(1_000));
        }
        return properties;
    }

    @Test
    void putRunProperties_shouldStoreAsManyPropertiesAsTheValidatorAllows() {
        // GIVEN a run
        WorkflowRun run = store.startRun(WorkflowRun.started("sales", RunIds.random(), null, Map.of(), NOW, "v1"),
                null, null).run();
        // WHEN the most run properties the validator lets a run have are put in one call
        Map<String, String> properties = properties(DefinitionLimits.MAX_RUN_PROPERTIES);
        WorkflowRun updated = store.putRunProperties("sales", run.workflowRunId(), properties).orElseThrow();
        // THEN they are stored, by an expression inside DynamoDB's 4 KB
        assertThat(updated.properties()).containsAllEntriesOf(properties);
        assertThat(updateExpressions).last().satisfies(expression -> assertThat(expression.length())
                .isEqualTo(4_078).isLessThanOrEqualTo(DefinitionLimits.MAX_EXPRESSION_BYTES));
    }

    @Test
    void putRunProperties_shouldBeRefusedByDynamoDbOnePropertyOverTheBound() {
        WorkflowRun run = store.startRun(WorkflowRun.started("sales", RunIds.random(), null, Map.of(), NOW, "v1"),
                null, null).run();
        assertThatThrownBy(() -> store.putRunProperties("sales", run.workflowRunId(),
                properties(DefinitionLimits.MAX_RUN_PROPERTIES + 1)))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Expression size has exceeded");
        assertThat(updateExpressions).last().satisfies(expression -> assertThat(expression.length())
                .isGreaterThan(DefinitionLimits.MAX_EXPRESSION_BYTES));
    }
}
