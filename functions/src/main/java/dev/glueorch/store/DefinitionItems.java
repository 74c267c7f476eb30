package dev.glueorch.store;

import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB items that hold a definitions version, as plain string attributes, so that the store and the CDK
 * app (which writes them at deploy time) share one item format. A version is immutable: one item per workflow
 * under {@code PK=DEFINITIONS, SK=VERSION#<version>#WORKFLOW#<name>}; the current pointer is
 * {@code PK=DEFINITIONS, SK=CURRENT}, whose {@code Version} is set last (updated, not replaced: the item also
 * holds the triggers operators deactivated).
 */
public final class DefinitionItems {

    public static final String PARTITION = "DEFINITIONS";
    public static final String CURRENT = "CURRENT";
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String VERSION = "Version";
    public static final String WORKFLOW_NAME = "WorkflowName";
    public static final String SOURCE = "Source";
    public static final String DEFINITION = "Definition";

    private DefinitionItems() {
    }

    /** The key prefix of every item of {@code version}. */
    public static String versionPrefix(String version) {
        return "VERSION#" + version + "#WORKFLOW#";
    }

    /** One item per workflow of the version, attribute name to string value. */
    public static List<Map<String, String>> versionItems(Definitions definitions) {
        List<Map<String, String>> items = new ArrayList<>();
        for (WorkflowDefinition workflow : definitions.workflows().values()) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put(PK, PARTITION);
            item.put(SK, versionPrefix(definitions.version()) + workflow.name());
            item.put(VERSION, definitions.version());
            item.put(WORKFLOW_NAME, workflow.name());
            item.put(SOURCE, workflow.source());
            item.put(DEFINITION, workflow.json());
            items.add(item);
        }
        return items;
    }
}
