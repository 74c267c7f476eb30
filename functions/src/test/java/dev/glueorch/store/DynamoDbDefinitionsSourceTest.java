package dev.glueorch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.DefinitionItem;
import dev.glueorch.model.DefinitionLimits;
import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.SizedWorkflows;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The definitions source on DynamoDB Local, which refuses an item over 400 KB as DynamoDB does: what the validator
 * counts is what DynamoDB counts, and the source neither writes nor runs a version the validator refuses.
 */
class DynamoDbDefinitionsSourceTest {

    private final DynamoDbClient dynamoDb = DynamoDbLocal.client();
    private final String table = DynamoDbLocal.newTable(dynamoDb);
    private final DynamoDbDefinitionsSource source = new DynamoDbDefinitionsSource(dynamoDb, table,
            Clock.systemUTC(), Duration.ZERO);

    @Test
    void publish_shouldStoreAWorkflowWhoseItemIsExactlyDynamoDbsLimit() {
        // GIVEN a workflow the validator accepts, its item exactly 400 KB
        Definitions definitions = new DefinitionValidator().validateAll(Map.of(SizedWorkflows.FILE,
                SizedWorkflows.storedAs(DefinitionLimits.MAX_ITEM_BYTES)));
        // WHEN it is published and read back by another process
        source.publish(definitions);
        Definitions read = new DynamoDbDefinitionsSource(dynamoDb, table, Clock.systemUTC(), Duration.ZERO).current();
        // THEN DynamoDB took the item whole
        assertThat(read.version()).isEqualTo(definitions.version());
        assertThat(read.workflow(SizedWorkflows.WORKFLOW).orElseThrow().json())
                .isEqualTo(definitions.workflow(SizedWorkflows.WORKFLOW).orElseThrow().json());
    }

    @Test
    void dynamoDb_shouldRefuseTheItemOneByteOverTheLimitTheValidatorApplies() {
        // GIVEN the item of a file one byte over the limit, written past the validator
        Map<String, String> item = DefinitionItem.of("0123456789abcdef", SizedWorkflows.WORKFLOW, SizedWorkflows.FILE,
                SizedWorkflows.storedAs(DefinitionLimits.MAX_ITEM_BYTES + 1));
        // WHEN / THEN DynamoDB refuses it: the validator's count is DynamoDB's
        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName(table).item(attributes(item))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Item size has exceeded");
    }

    @Test
    void publish_shouldRefuseAWorkflowTheValidatorRefusesBeforeWritingAnything() {
        // GIVEN definitions built past the validator, with a workflow whose item would be a byte over 400 KB
        WorkflowDefinition valid = new DefinitionValidator().validate(SizedWorkflows.FILE,
                SizedWorkflows.storedAs(300_000));
        Definitions oversized = Definitions.of(List.of(new WorkflowDefinition(valid.source(), valid.workflow(),
                valid.triggers(), SizedWorkflows.storedAs(DefinitionLimits.MAX_ITEM_BYTES + 1))));
        // WHEN it is published
        // THEN it is refused, saying which version, where, and why
        assertThatThrownBy(() -> source.publish(oversized))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.getMessage()).startsWith("definitions version " + oversized.version() + " is not "
                            + "published to table " + table + ": 1 definition error(s):\n" + SizedWorkflows.FILE
                            + ": workflow 'sales': Triggers[0]: the file is stored as one DynamoDB item of 409,601 "
                            + "bytes; DynamoDB allows at most 409,600");
                    assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.field())
                            .isEqualTo("Triggers[0]"));
                });
        // and nothing was written: no version item, no pointer
        assertThat(dynamoDb.scan(b -> b.tableName(table)).count()).isZero();
        assertThatThrownBy(source::current).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no definitions");
    }

    @Test
    void current_shouldRefuseAStoredVersionTheValidatorRefusesNamingVersionAndTable() {
        // GIVEN a version stored by hand (or by an older release) whose trigger Description is over Glue's 2,048
        // bytes
        String json = """
            {"Workflow": {"Name": "sales"},
             "Triggers": [{"Name": "t", "Type": "ON_DEMAND", "Description": "%s",
                           "Actions": [{"JobName": "ingest"}]}]}""".formatted("d".repeat(3_000));
        Map<String, String> item = DefinitionItem.of("v1", SizedWorkflows.WORKFLOW, SizedWorkflows.FILE, json);
        dynamoDb.putItem(b -> b.tableName(table).item(attributes(item)));
        dynamoDb.putItem(b -> b.tableName(table).item(attributes(Map.of(DefinitionItems.PK, DefinitionItems.PARTITION,
                DefinitionItems.SK, DefinitionItems.CURRENT, DefinitionItems.VERSION, "v1"))));
        // WHEN the functions read the current definitions
        // THEN they refuse the version with its table, the file, trigger, field, size and limit
        assertThatThrownBy(source::current).isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(
                e.getMessage()).isEqualTo("definitions version v1 in table " + table + " is refused; deploy "
                + "definitions that pass 'glueorch validate': 1 definition error(s):\n"
                + "workflows/sales.json: trigger 't': Description: is 3,000 bytes in UTF-8; Glue allows at most 2,048: "
                + "shorten it (link to longer documentation instead)"));
    }

    private static Map<String, AttributeValue> attributes(Map<String, String> item) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.forEach((name, value) -> attributes.put(name, AttributeValue.fromS(value)));
        return attributes;
    }
}
