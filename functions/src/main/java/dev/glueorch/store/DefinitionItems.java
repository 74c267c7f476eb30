package dev.glueorch.store;

import dev.glueorch.model.DefinitionItem;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB items that hold a definitions version, as plain string attributes, so that the store and the CDK
 * app (which writes them at deploy time) share one item format: {@link DefinitionItem}, defined beside the
 * validator that refuses a workflow whose item would not fit. A version is immutable: one item per workflow
 * under {@code PK=DEFINITIONS, SK=VERSION#<version>#WORKFLOW#<name>}; the current pointer is
 * {@code PK=DEFINITIONS, SK=CURRENT}, whose {@code Version} is set last (updated, not replaced: the item also
 * holds the triggers operators deactivated).
 */
public final class DefinitionItems {

    public static final String PARTITION = DefinitionItem.PARTITION;
    public static final String CURRENT = "CURRENT";
    public static final String PK = DefinitionItem.PK;
    public static final String SK = DefinitionItem.SK;
    public static final String VERSION = DefinitionItem.VERSION;
    public static final String WORKFLOW_NAME = DefinitionItem.WORKFLOW_NAME;
    public static final String SOURCE = DefinitionItem.SOURCE;
    public static final String DEFINITION = DefinitionItem.DEFINITION;

    private DefinitionItems() {
    }

    /** The key prefix of every item of {@code version}. */
    public static String versionPrefix(String version) {
        return DefinitionItem.versionPrefix(version);
    }

    /** One item per workflow of the version, attribute name to string value. */
    public static List<Map<String, String>> versionItems(Definitions definitions) {
        List<Map<String, String>> items = new ArrayList<>();
        for (WorkflowDefinition workflow : definitions.workflows().values()) {
            items.add(DefinitionItem.of(definitions.version(), workflow));
        }
        return items;
    }
}
