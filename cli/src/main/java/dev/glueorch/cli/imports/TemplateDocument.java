package dev.glueorch.cli.imports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudFormation template as one JSON tree, whichever format it was written in, with where each resource starts
 * (the line of its logical id) so that messages can point at it.
 */
record TemplateDocument(String fileName, ObjectNode root, Map<String, Integer> resourceLines) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    TemplateDocument {
        resourceLines = Map.copyOf(resourceLines);
    }

    /**
     * Reads {@code template}: JSON when its first character (after white space) opens an object, else YAML.
     *
     * @throws TemplateException if it cannot be read, is not UTF-8 text, or is neither JSON nor YAML
     */
    static TemplateDocument read(Path template) {
        String fileName = template.getFileName().toString();
        String text;
        try {
            text = Files.readString(template, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TemplateException(fileName + ": no such file");
        } catch (CharacterCodingException e) {
            throw new TemplateException(fileName + ": not a CloudFormation template: not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.stripLeading().startsWith("{") ? json(fileName, text) : CloudFormationYaml.read(fileName, text);
    }

    /** The line of {@code logicalId}'s declaration, or 0 if unknown. */
    int lineOf(String logicalId) {
        return resourceLines.getOrDefault(logicalId, 0);
    }

    private static TemplateDocument json(String fileName, String text) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // YAML written in flow style also opens with a brace ({Resources: {...}})
            try {
                return CloudFormationYaml.read(fileName, text);
            } catch (TemplateException notYaml) {
                JsonLocation at = e.getLocation();
                String where = at == null ? "" : " line %d, column %d:".formatted(at.getLineNr(), at.getColumnNr());
                throw new TemplateException(fileName + ":" + where + " not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!tree.isObject()) {
            throw new TemplateException(fileName + ": not a CloudFormation template: its top level is not an object "
                    + "(a template is an object with a Resources section)");
        }
        return new TemplateDocument(fileName, (ObjectNode) tree, resourceLines(text));
    }

    /* A second, streaming pass: the tree keeps no locations. */
    private static Map<String, Integer> resourceLines(String text) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String section = parser.currentName();
                if (parser.nextToken() == JsonToken.START_OBJECT && section.equals("Resources")) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        lines.put(parser.currentName(), parser.currentTokenLocation().getLineNr());
                        parser.nextToken();
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // the text parsed once already; without lines, messages name the resource alone
        }
        return lines;
    }
}
