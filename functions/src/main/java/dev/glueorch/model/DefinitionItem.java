package dev.glueorch.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one item a workflow file is stored as in a definitions version: string attributes under
 * {@code PK=DEFINITIONS, SK=VERSION#<version>#WORKFLOW#<name>}. The format is defined here, beside the validator,
 * so that {@link DefinitionValidator} refuses a workflow whose item would exceed
 * {@link DefinitionLimits#MAX_ITEM_BYTES} by measuring these very attributes; {@code store.DefinitionItems} writes
 * them (for the functions and the CDK app) and names no attribute of its own.
 */
public final class DefinitionItem {

    public static final String PARTITION = "DEFINITIONS";
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String VERSION = "Version";
    public static final String WORKFLOW_NAME = "WorkflowName";
    public static final String SOURCE = "Source";
    public static final String DEFINITION = "Definition";

    private DefinitionItem() {
    }

    /** The key prefix of every item of {@code version}. */
    public static String versionPrefix(String version) {
        return "VERSION#" + version + "#WORKFLOW#";
    }

    /** The item of {@code workflow} in {@code version}, attribute name to string value. */
    public static Map<String, String> of(String version, WorkflowDefinition workflow) {
        return of(version, workflow.name(), workflow.source(), workflow.json());
    }

    /**
     * DynamoDB's size of the item a workflow file would be stored as: the UTF-8 bytes of every attribute name and
     * value. Every version id has {@link Definitions#VERSION_LENGTH} characters, so the size is the same in every
     * version and is known before the version is.
     */
    public static int sizeInBytes(String workflowName, String source, String json) {
        int size = 0;
        for (Map.Entry<String, String> attribute : of("0".repeat(Definitions.VERSION_LENGTH), workflowName, source,
                json).entrySet()) {
            size += DefinitionLimits.utf8Bytes(attribute.getKey()) + DefinitionLimits.utf8Bytes(attribute.getValue());
        }
        return size;
    }

    /** The item of the file {@code source}, holding workflow {@code workflowName}, in {@code version}. */
    public static Map<String, String> of(String version, String workflowName, String source, String json) {
        Map<String, String> item = new LinkedHashMap<>();
        item.put(PK, PARTITION);
        item.put(SK, versionPrefix(version) + workflowName);
        item.put(VERSION, version);
        item.put(WORKFLOW_NAME, workflowName);
        item.put(SOURCE, source);
        item.put(DEFINITION, json);
        return item;
    }
}
