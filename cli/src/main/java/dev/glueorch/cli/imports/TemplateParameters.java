package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of a template's parameters: those given ({@code --parameter Key=Value}), else each parameter's
 * {@code Default}. Pseudo parameters ({@code AWS::Region}, {@code AWS::AccountId}, ...) have a value only when given:
 * the import deploys nothing, so it knows no region, account or stack. A parameter without a value or a Default is
 * reported only if the import needs it, all at once ({@link #missing()}).
 */
final class TemplateParameters {

    /** The pseudo parameters that can be given; {@code AWS::NoValue} is not a value. */
    static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition",
            "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private static final String SSM_TYPE = "AWS::SSM::Parameter::Value<";

    private final Map<String, ObjectNode> declared = new LinkedHashMap<>();
    private final Map<String, String> given;
    private final Map<String, String> missing = new LinkedHashMap<>();

    /**
     * @param section the template's {@code Parameters}, or null
     * @throws TemplateException if a parameter given is not declared (nor a pseudo parameter), or not one of the
     *         declaration's {@code AllowedValues}
     */
    TemplateParameters(String fileName, JsonNode section, Map<String, String> given) {
        this.given = Map.copyOf(given);
        if (section != null && !section.isObject()) {
            throw new TemplateException(fileName + ": Parameters: expected a mapping of parameter names to "
                    + "declarations");
        }
        if (section != null) {
            section.properties().forEach(entry -> {
                if (!entry.getValue().isObject() || !entry.getValue().path("Type").isTextual()) {
                    throw new TemplateException(fileName + ": Parameters." + entry.getKey()
                            + ": a parameter is declared with at least a Type");
                }
                declared.put(entry.getKey(), (ObjectNode) entry.getValue());
            });
        }
        for (Map.Entry<String, String> entry : this.given.entrySet()) {
            String name = entry.getKey();
            if (PSEUDO.contains(name)) {
                continue;
            }
            ObjectNode declaration = declared.get(name);
            if (declaration == null) {
                throw new TemplateException(fileName + ": --parameter " + name + ": the template declares no such "
                        + "parameter (" + (declared.isEmpty() ? "it declares none"
                        : "it declares " + String.join(", ", declared.keySet())) + "; pseudo parameters: "
                        + String.join(", ", PSEUDO.stream().sorted().toList()) + ")");
            }
            JsonNode allowed = declaration.get("AllowedValues");
            if (allowed != null && allowed.isArray() && !isList(declaration)) {
                List<String> values = new ArrayList<>();
                allowed.forEach(value -> values.add(value.asText()));
                if (!values.contains(entry.getValue())) {
                    throw new TemplateException(fileName + ": --parameter " + name + "=" + entry.getValue()
                            + ": not one of the parameter's AllowedValues (" + String.join(", ", values) + ")");
                }
            }
        }
    }

    boolean declares(String name) {
        return declared.containsKey(name);
    }

    /**
     * The value of {@code Ref name}, {@code name} being a declared or a pseudo parameter; {@code usedAt} says where
     * it is needed, for the message if it has no value.
     */
    Resolved ref(String name, String usedAt) {
        String value = given.get(name);
        if (PSEUDO.contains(name)) {
            if (value == null) {
                return Resolved.unknown("Ref " + name + " is known only at deployment: give --parameter " + name
                        + "=VALUE");
            }
            return Resolved.known(name.equals("AWS::NotificationARNs") ? list(value)
                    : JsonNodeFactory.instance.textNode(value));
        }
        ObjectNode declaration = declared.get(name);
        String type = declaration.get("Type").asText();
        JsonNode defaultValue = declaration.get("Default");
        if (value == null && type.startsWith(SSM_TYPE) && defaultValue != null) {
            return Resolved.unknown("parameter " + name + " is read from SSM parameter " + defaultValue.asText()
                    + " at deployment: give --parameter " + name + "=VALUE");
        }
        if (value == null && defaultValue != null && !defaultValue.isNull()) {
            value = defaultValue.isArray() ? String.join(",", texts(defaultValue)) : defaultValue.asText();
        }
        if (value == null) {
            missing.putIfAbsent(name, usedAt);
            return Resolved.unknown("parameter " + name + " has no value and no Default: give --parameter " + name
                    + "=VALUE");
        }
        return Resolved.known(isList(declaration) ? list(value) : JsonNodeFactory.instance.textNode(value));
    }

    /** The parameters the import needed that have neither a value given nor a Default, each with where. */
    Map<String, String> missing() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    }

    private static boolean isList(ObjectNode declaration) {
        String type = declaration.get("Type").asText();
        String valueType = type.startsWith(SSM_TYPE) ? type.substring(SSM_TYPE.length()) : type;
        return valueType.startsWith("CommaDelimitedList") || valueType.startsWith("List<");
    }

    /* CloudFormation splits a list parameter at its commas and trims each member. */
    private static ArrayNode list(String value) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (String member : value.split(",", -1)) {
            list.add(member.strip());
        }
        return list;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(member -> texts.add(member.asText()));
        return texts;
    }
}
