package dev.glueorch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.testing.SizedWorkflows;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every size limit of {@link DefinitionLimits} at its boundary: exactly at the limit is accepted, one over is refused
 * with file, object, field, size and limit. Sizes are UTF-8 bytes, so the texts use two-byte characters ({@code é})
 * where counting characters would give another answer.
 */
class DefinitionLimitsTest {

    private static final String FILE = "workflows/sales.json";
    private final DefinitionValidator validator = new DefinitionValidator();

    /** A valid workflow file; {@code %s} slots: workflow fields, trigger fields, action fields. */
    private static String workflow(String workflowFields, String triggerFields, String actionFields) {
        return """
            {"Workflow": {"Name": "sales"%s},
             "Triggers": [{"Name": "t", "Type": "ON_DEMAND"%s, "Actions": [{"JobName": "ingest"%s}]}]}
            """.formatted(workflowFields, triggerFields, actionFields);
    }

    /** {@code bytes} bytes of UTF-8, as two-byte characters (and one {@code a} when odd). */
    private static String utf8(int bytes) {
        return "é".repeat(bytes / 2) + (bytes % 2 == 1 ? "a" : "");
    }

    private DefinitionError onlyError(String json) {
        return onlyError(FILE, json);
    }

    private DefinitionError onlyError(String file, String json) {
        DefinitionException refused = org.junit.jupiter.api.Assertions.assertThrows(DefinitionException.class,
                () -> validator.validate(file, json));
        assertThat(refused.errors()).hasSize(1);
        return refused.errors().get(0);
    }

    @Test
    void workflowDescription_shouldBeRefusedOneCharacterOverCreateWorkflowsLimit() {
        // GIVEN a workflow Description of exactly 120,000 characters (two bytes each), as Glue takes, and one more
        String atLimit = workflow(", \"Description\": \"" + "é".repeat(120_000) + "\"", "", "");
        String over = workflow(", \"Description\": \"" + "é".repeat(120_001) + "\"", "", "");
        // WHEN / THEN the first is accepted whole, the second refused naming size and limit
        assertThat(validator.validate(FILE, atLimit).workflow().description()).hasSize(120_000);
        DefinitionError error = onlyError(over);
        assertThat(error.file()).isEqualTo(FILE);
        assertThat(error.object()).isEqualTo("workflow 'sales'");
        assertThat(error.field()).isEqualTo("Workflow.Description");
        assertThat(error.reason()).isEqualTo("is 120,001 characters; Glue allows at most 120,000: shorten it (link "
                + "to longer documentation instead)");
    }

    @Test
    void triggerDescription_shouldBeRefusedOneByteOverGluesLimit() {
        String atLimit = workflow("", ", \"Description\": \"" + utf8(2_048) + "\"", "");
        String over = workflow("", ", \"Description\": \"" + utf8(2_049) + "\"", "");
        assertThat(validator.validate(FILE, atLimit).trigger("t").orElseThrow().description()).hasSize(1_024);
        DefinitionError error = onlyError(over);
        assertThat(error.object()).isEqualTo("trigger 't'");
        assertThat(error.field()).isEqualTo("Description");
        assertThat(error.reason()).startsWith("is 2,049 bytes in UTF-8; Glue allows at most 2,048");
    }

    @Test
    void tenMegabyteDescription_shouldBeRefusedWithoutRepeatingIt() {
        // GIVEN the 10 MB Description `glueorch validate` used to accept
        String json = workflow(", \"Description\": \"" + "x".repeat(10 * 1_024 * 1_024) + "\"", "", "");
        // WHEN / THEN it is refused twice over (Glue's length, DynamoDB's item), in messages of a readable size
        assertThatThrownBy(() -> validator.validate(FILE, json))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.errors()).extracting(DefinitionError::field)
                            .containsExactly("Workflow.Description", "Workflow");
                    assertThat(e.getMessage()).hasSizeLessThan(1_000).contains("10,485,760 characters");
                });
    }

    @Test
    void names_shouldBeCountedInBytesUpToGluesLimit() {
        // GIVEN trigger, job, crawler and security configuration names of exactly 255 bytes (128 characters)
        String name = utf8(DefinitionLimits.MAX_NAME_BYTES);
        String json = """
            {"Workflow": {"Name": "sales"},
             "Triggers": [{"Name": "%1$s", "Type": "ON_DEMAND",
                           "Actions": [{"JobName": "%1$s", "SecurityConfiguration": "%1$s"}, {"CrawlerName": "%1$s"}]}]}
            """.formatted(name);
        // WHEN / THEN they are accepted
        assertThat(validator.validate(FILE, json).trigger(name).orElseThrow().actions()).extracting(Action::name)
                .containsExactly(name, name);
        // and at 256 bytes, though only 128 characters, each is refused with its size and Glue's limit
        String longer = utf8(DefinitionLimits.MAX_NAME_BYTES + 1);
        assertThatThrownBy(() -> validator.validate(FILE, json.replace(name, longer)))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.errors()).extracting(DefinitionError::field).containsExactly("Triggers[0].Name",
                            "Actions[0].JobName", "Actions[0].SecurityConfiguration", "Actions[1].CrawlerName");
                    assertThat(e.errors()).allSatisfy(error -> assertThat(error.reason())
                            .isEqualTo("'" + "é".repeat(40) + "...' is 256 bytes in UTF-8; Glue allows 1 to 255 "
                                    + "bytes: shorten it"));
                });
    }

    @Test
    void workflowName_shouldBeCountedInBytesUpToGluesLimit() {
        String name = utf8(255);
        String json = """
            {"Workflow": {"Name": "%s"},
             "Triggers": [{"Name": "t", "Type": "ON_DEMAND", "Actions": [{"JobName": "ingest"}]}]}""";
        assertThat(validator.validate("workflows/" + name + ".json", json.formatted(name)).name()).isEqualTo(name);
        String longer = utf8(256);
        DefinitionError error = onlyError("workflows/" + longer + ".json", json.formatted(longer));
        assertThat(error.object()).isEqualTo("workflow");
        assertThat(error.field()).isEqualTo("Workflow.Name");
        assertThat(error.reason()).endsWith("is 256 bytes in UTF-8; Glue allows 1 to 255 bytes: shorten it");
    }

    @Test
    void runPropertyNames_shouldBeGlueIds() {
        String json = workflow(", \"DefaultRunProperties\": {\"%s\": \"v\"}", "", "");
        assertThat(validator.validate(FILE, json.formatted(utf8(255))).workflow().defaultRunProperties())
                .containsOnlyKeys(utf8(255));
        DefinitionError error = onlyError(json.formatted(utf8(256)));
        assertThat(error.field()).isEqualTo("Workflow.DefaultRunProperties." + "é".repeat(40) + "...");
        assertThat(error.reason()).endsWith("is 256 bytes in UTF-8; Glue allows 1 to 255 bytes: shorten it");
        assertThat(onlyError(json.formatted("")).reason()).isEqualTo("'' is 0 bytes in UTF-8; Glue allows 1 to 255 "
                + "bytes: shorten it");
    }

    /** A workflow whose runs have DefaultRunProperties {@code p0..p<count-1>}, partitioned by {@code granularity}. */
    private static String withRunProperties(int count, Granularity granularity) {
        StringJoiner properties = new StringJoiner(", ");
        for (int i = 0; i < count; i++) {
            properties.add("\"p" + i + "\": \"v\"");
        }
        return workflow(", \"DefaultRunProperties\": {" + properties + "}"
                + (granularity == null ? "" : ", \"Partitioning\": {\"Granularity\": \"" + granularity + "\"}"), "",
                "");
    }

    @Test
    void runProperties_shouldCountThePartitionPropertiesTheEngineAdds() {
        // GIVEN an HOUR-partitioned workflow (its runs also get day_ and hour_partition_value)
        int defaults = DefinitionLimits.MAX_RUN_PROPERTIES - 2;
        // WHEN / THEN 224 defaults (226 run properties) are accepted, 225 refused with the count and the limit
        assertThat(validator.validate(FILE, withRunProperties(defaults, Granularity.HOUR)).workflow()
                .defaultRunProperties()).hasSize(defaults);
        DefinitionError error = onlyError(withRunProperties(defaults + 1, Granularity.HOUR));
        assertThat(error.object()).isEqualTo("workflow 'sales'");
        assertThat(error.field()).isEqualTo("Workflow.DefaultRunProperties");
        assertThat(error.reason()).isEqualTo("gives each run 227 run properties (225 here + 2 from Partitioning); at "
                + "most 226 fit the one DynamoDB update that stores them (its expression is limited to 4,096 bytes): "
                + "remove some, or join related values into one property");
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(strings = {"DAY", "NONE"})
    void runProperties_shouldAllowTheLimitWhateverThePartitioning(String partitioning) {
        Granularity granularity = partitioning.equals("NONE") ? null : Granularity.valueOf(partitioning);
        int defaults = DefinitionLimits.MAX_RUN_PROPERTIES - (granularity == null ? 0 : 1);
        assertThat(validator.validate(FILE, withRunProperties(defaults, granularity)).workflow()
                .defaultRunProperties()).hasSize(defaults);
        assertThat(onlyError(withRunProperties(defaults + 1, granularity)).reason())
                .startsWith("gives each run 227 run properties");
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void storedItem_shouldBeRefusedOneByteOverDynamoDbsItemLimit() {
        // GIVEN a workflow file whose definitions item is exactly DynamoDB's 400 KB, and one a byte bigger
        String atLimit = SizedWorkflows.storedAs(DefinitionLimits.MAX_ITEM_BYTES);
        String over = SizedWorkflows.storedAs(DefinitionLimits.MAX_ITEM_BYTES + 1);
        assertThat(DefinitionItem.sizeInBytes("sales", FILE, atLimit)).isEqualTo(409_600);
        // WHEN / THEN the first is accepted, the second refused naming its size, the limit and its largest part
        assertThat(validator.validate(FILE, atLimit).json()).isEqualTo(atLimit);
        DefinitionError error = onlyError(over);
        assertThat(error.file()).isEqualTo(FILE);
        assertThat(error.object()).isEqualTo("workflow 'sales'");
        assertThat(error.field()).isEqualTo("Triggers[0]");
        assertThat(error.reason()).startsWith("the file is stored as one DynamoDB item of 409,601 bytes; DynamoDB "
                + "allows at most 409,600 (400 KB, attribute names and values in UTF-8) per item. Its largest part is "
                + "trigger 't' (about ").endsWith(" bytes): shorten its Descriptions and Arguments, or move triggers "
                + "into a workflow file of their own");
    }

    @Test
    void storedItem_shouldBeTheItemTheStoreWrites() {
        // GIVEN a validated workflow
        Definitions definitions = validator.validateAll(Map.of(FILE, SizedWorkflows.storedAs(300_000)));
        WorkflowDefinition sales = definitions.workflow("sales").orElseThrow();
        // WHEN its item in the version is built
        Map<String, String> item = DefinitionItem.of(definitions.version(), sales);
        // THEN its size is what the validator measured before the version was known
        int measured = item.entrySet().stream().mapToInt(e -> bytes(e.getKey()) + bytes(e.getValue())).sum();
        assertThat(measured).isEqualTo(300_000).isEqualTo(DefinitionItem.sizeInBytes("sales", FILE, sales.json()));
        assertThat(item).containsEntry("SK", "VERSION#" + definitions.version() + "#WORKFLOW#sales")
                .containsEntry("Definition", sales.json());
    }
}
