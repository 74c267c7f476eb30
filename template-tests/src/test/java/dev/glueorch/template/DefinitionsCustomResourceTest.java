package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.infra.GlueOrchestrator;
import dev.glueorch.store.DefinitionItems;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.customresources.AwsCustomResource;

class DefinitionsCustomResourceTest {

    private static final String TABLE_PLACEHOLDER = "<table name>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SynthesizedStack synthesized;
    private static Template template;
    private static GlueOrchestrator orchestrator;
    private static Map<String, Map<String, Object>> definitionResources;

    @BeforeAll
    static void synthesize() {
        synthesized = SynthesizedStack.shared();
        template = synthesized.template;
        orchestrator = synthesized.stack.getOrchestrator();
        definitionResources = template.findResources(GlueOrchestrator.DEFINITIONS_RESOURCE_TYPE);
    }

    @Test
    void definitionItems_shouldBeOneResourcePerWorkflowPlusTheCurrentPointer() {
        // GIVEN two workflow files (and a scenario file) in the test folder
        // WHEN / THEN three custom resources write the definitions
        template.resourceCountIs(GlueOrchestrator.DEFINITIONS_RESOURCE_TYPE, 3);
        assertThat(orchestrator.getDefinitionVersionItems()).hasSize(2);
    }

    @Test
    void definitionItems_shouldPutTheVersionItemsAndUpdateOnlyThePointersVersion() throws JsonProcessingException {
        // GIVEN the items the store reads, as DynamoDB string attributes
        List<Map<String, Object>> expected = new ArrayList<>();
        DefinitionItems.versionItems(synthesized.definitions).forEach(item -> expected.add(asAttributes(item)));

        // WHEN the calls of the custom resources are decoded
        List<Object> items = new ArrayList<>();
        List<Map<?, ?>> updates = new ArrayList<>();
        for (Map<String, Object> resource : definitionResources.values()) {
            Map<?, ?> call = sdkCall(resource, "Create");
            assertThat(call.get("service")).isEqualTo("DynamoDB");
            Map<?, ?> parameters = (Map<?, ?>) call.get("parameters");
            assertThat(parameters.get("TableName")).isEqualTo(TABLE_PLACEHOLDER);
            if ("PutItem".equals(call.get("action"))) {
                items.add(parameters.get("Item"));
            } else {
                assertThat(call.get("action")).isEqualTo("UpdateItem");
                updates.add(parameters);
            }
        }

        // THEN the version items are put exactly, and the pointer's Version is set without replacing the item
        // (operators' deactivated triggers live on it)
        assertThat(items).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(updates).singleElement().satisfies(update -> {
            assertThat(update.get("Key")).isEqualTo(Map.of("PK", Map.of("S", DefinitionItems.PARTITION),
                    "SK", Map.of("S", DefinitionItems.CURRENT)));
            assertThat(update.get("UpdateExpression")).isEqualTo("SET #version = :version");
            assertThat(update.get("ExpressionAttributeValues")).isEqualTo(Map.of(":version",
                    Map.of("S", synthesized.definitions.version())));
        });
    }

    @Test
    void definitionItems_shouldBeWrittenOnCreateAndUpdateUnderVersionedPhysicalIds() throws JsonProcessingException {
        // GIVEN the definitions version
        String version = synthesized.definitions.version();

        for (Map<String, Object> resource : definitionResources.values()) {
            // WHEN a custom resource's calls are decoded
            Map<?, ?> create = sdkCall(resource, "Create");
            Map<?, ?> properties = (Map<?, ?>) resource.get("Properties");

            // THEN an update writes the same item, a new version gets a new physical id, nothing is deleted,
            // and no SDK is downloaded at deploy time
            assertThat(sdkCall(resource, "Update")).isEqualTo(create);
            assertThat(SynthesizedStack.asMap(properties)).doesNotContainKey("Delete");
            assertThat(properties.get("InstallLatestAwsSdk")).isEqualTo(false);
            assertThat(((Map<?, ?>) create.get("physicalResourceId")).get("id").toString())
                    .startsWith("definitions/").contains(version);
        }
    }

    @Test
    void currentPointer_shouldDependOnEveryVersionItem() {
        // GIVEN the custom resources of the version items
        List<String> versionItems = orchestrator.getDefinitionVersionItems().stream()
                .map(DefinitionsCustomResourceTest::logicalId).toList();

        // WHEN the pointer's resource is looked up
        Map<String, Object> pointer = definitionResources.get(logicalId(orchestrator.getCurrentDefinitionsPointer()));

        // THEN CloudFormation creates it only after all of them
        assertThat(versionItems).hasSize(2).doesNotContain(logicalId(orchestrator.getCurrentDefinitionsPointer()));
        assertThat(SynthesizedStack.asList(pointer.get("DependsOn"))).containsAll(versionItems);
    }

    @Test
    void scenarioFiles_shouldNotBeDeployedAsDefinitions() throws JsonProcessingException {
        // GIVEN a simulator scenario kept beside its workflow
        assertThat(Files.isRegularFile(SynthesizedStack.resource("workflows").resolve("sales-hourly.scenario.json")))
                .isTrue();

        // WHEN the workflows of the written items are collected
        List<Object> workflows = new ArrayList<>();
        for (Map<String, Object> resource : definitionResources.values()) {
            Map<?, ?> item = (Map<?, ?>) ((Map<?, ?>) sdkCall(resource, "Create").get("parameters")).get("Item");
            if (item != null && item.containsKey(DefinitionItems.WORKFLOW_NAME)) {
                workflows.add(((Map<?, ?>) item.get(DefinitionItems.WORKFLOW_NAME)).get("S"));
            }
        }

        // THEN only the two workflow files are
        assertThat(workflows).containsExactlyInAnyOrder("inventory-daily", "sales-hourly");
    }

    private static Map<String, Object> asAttributes(Map<String, String> item) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        item.forEach((name, value) -> attributes.put(name, Map.of("S", value)));
        return attributes;
    }

    /**
     * The SDK call of a custom resource. The call is JSON text joined around the table's {@code Ref}, which is
     * checked and replaced by a placeholder before the text is parsed.
     */
    private static Map<?, ?> sdkCall(Map<String, Object> resource, String property) throws JsonProcessingException {
        Object value = ((Map<?, ?>) resource.get("Properties")).get(property);
        StringBuilder text = new StringBuilder();
        if (value instanceof String literal) {
            text.append(literal);
        } else {
            List<?> join = (List<?>) ((Map<?, ?>) value).get("Fn::Join");
            assertThat(join.get(0)).isEqualTo("");
            for (Object part : (List<?>) join.get(1)) {
                if (part instanceof String literal) {
                    text.append(literal);
                } else {
                    assertThat(part).isEqualTo(synthesized.refOf(orchestrator.getTable()));
                    text.append(TABLE_PLACEHOLDER);
                }
            }
        }
        return JSON.readValue(text.toString(), Map.class);
    }

    private static String logicalId(AwsCustomResource customResource) {
        CfnElement resource = (CfnElement) customResource.getNode().findChild("Resource").getNode().getDefaultChild();
        return synthesized.stack.getLogicalId(resource);
    }
}
