package dev.glueorch.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file that carries a definitions version from the CDK app to the table: written at synth, uploaded as an S3
 * asset, read by the definitions deployment. It holds the workflow files as they were validated (source name and JSON
 * text) and the version they make, so the deployment validates them again with the one validator and refuses a file
 * whose content does not make the version the template names.
 *
 * <pre>{"Version": "...", "Workflows": [{"Source": "workflows/sales-hourly.json", "Definition": "{...}"}]}</pre>
 *
 * @param version the {@link Definitions#version()} of {@code files}
 * @param files   source name to JSON text, in the order they were loaded
 */
public record DefinitionsBundle(String version, Map<String, String> files) {

    public static final String VERSION = "Version";
    public static final String WORKFLOWS = "Workflows";
    public static final String SOURCE = "Source";
    public static final String DEFINITION = "Definition";

    private static final ObjectMapper JSON = new ObjectMapper();

    public DefinitionsBundle {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public static DefinitionsBundle of(Definitions definitions) {
        Map<String, String> files = new LinkedHashMap<>();
        for (WorkflowDefinition workflow : definitions.workflows().values()) {
            files.put(workflow.source(), workflow.json());
        }
        return new DefinitionsBundle(definitions.version(), files);
    }

    /** UTF-8 JSON text. */
    public byte[] toBytes() {
        ObjectNode root = JSON.createObjectNode();
        root.put(VERSION, version);
        ArrayNode workflows = root.putArray(WORKFLOWS);
        files.forEach((source, definition) -> workflows.addObject().put(SOURCE, source).put(DEFINITION, definition));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings is always serializable", e);
        }
    }

    /**
     * @param where named in the error, e.g. {@code s3://bucket/key}
     * @throws IllegalArgumentException when {@code bytes} is not a bundle
     */
    public static DefinitionsBundle parse(byte[] bytes, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + " is not a definitions bundle: not JSON (" + e.getOriginalMessage()
                    + "); deploy again with the CDK app, which writes it", e);
        }
        if (root == null || !root.path(VERSION).isTextual() || !root.path(WORKFLOWS).isArray()) {
            throw new IllegalArgumentException(where + " is not a definitions bundle: it needs a string \"" + VERSION
                    + "\" and an array \"" + WORKFLOWS + "\"; deploy again with the CDK app, which writes it");
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = root.get(WORKFLOWS).elements(); it.hasNext(); ) {
            JsonNode workflow = it.next();
            if (!workflow.path(SOURCE).isTextual() || !workflow.path(DEFINITION).isTextual()) {
                throw new IllegalArgumentException(where + " is not a definitions bundle: every entry of \""
                        + WORKFLOWS + "\" needs string \"" + SOURCE + "\" and \"" + DEFINITION + "\"");
            }
            files.put(workflow.get(SOURCE).asText(), workflow.get(DEFINITION).asText());
        }
        return new DefinitionsBundle(root.get(VERSION).asText(), files);
    }
}
