package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.cli.imports.ImportFinding.Kind;
import dev.glueorch.cli.imports.Resolved.Known;
import dev.glueorch.cli.imports.Resolved.NoValue;
import dev.glueorch.cli.imports.Resolved.Unknown;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a template's intrinsic functions and conditions as CloudFormation would at deployment, as far as the
 * template and the parameters given determine them. What they do not determine ({@code Fn::GetAtt},
 * {@code Fn::ImportValue}, the {@code Ref} of a resource that is not a Glue one, a pseudo parameter not given) is
 * {@link Unknown}, with what would determine it: never a guess. A template CloudFormation would refuse (a malformed
 * function, a condition that is not declared) is a {@link TemplateException}.
 */
final class TemplateResolver {

    /** What to do about a value known only once the stack is deployed. */
    static final String WRITE_IT = "write the value into the imported definition";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    /* {{resolve:ssm:name}}, {{resolve:secretsmanager:...}}: CloudFormation reads them from the service at deployment */
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:[^}]*}}");

    private static final String JOB = "AWS::Glue::Job";
    private static final String CRAWLER = "AWS::Glue::Crawler";
    private static final String TRIGGER = "AWS::Glue::Trigger";
    private static final String WORKFLOW = "AWS::Glue::Workflow";

    /* Where each Glue resource type keeps the name its Ref returns (the CloudFormation reference's "Return values"). */
    private static final Map<String, List<String>> NAME_PROPERTIES = Map.of(
            JOB, List.of("Name"),
            CRAWLER, List.of("Name"),
            TRIGGER, List.of("Name"),
            WORKFLOW, List.of("Name"),
            "AWS::Glue::SecurityConfiguration", List.of("Name"),
            "AWS::Glue::Database", List.of("DatabaseInput", "Name"));

    /** Where a value sits, for messages: a resource's logical id (or {@code Conditions.Name}) and a property path. */
    record Where(String resource, String path) {

        Where at(String property) {
            return new Where(resource, path.isEmpty() ? property : path + "." + property);
        }

        Where index(int index) {
            return new Where(resource, path + "[" + index + "]");
        }
    }

    private final TemplateDocument template;
    private final TemplateParameters parameters;
    private final Findings findings;
    private final ObjectNode resources;
    private final JsonNode conditions;
    private final JsonNode mappings;
    private final Map<String, Resolved> conditionValues = new HashMap<>();
    private final Set<String> evaluating = new LinkedHashSet<>();
    private final Map<String, Resolved> names = new HashMap<>();
    private final Set<String> naming = new LinkedHashSet<>();

    TemplateResolver(TemplateDocument template, ObjectNode resources, TemplateParameters parameters,
                     Findings findings) {
        this.template = template;
        this.resources = resources;
        this.parameters = parameters;
        this.findings = findings;
        this.conditions = template.root().path("Conditions");
        this.mappings = template.root().path("Mappings");
    }

    /**
     * {@code node} with its intrinsic functions evaluated at the top: a mapping or a list comes back with its members
     * as written (each is resolved where it is read, so that one undeterminable member leaves out that member only).
     */
    Resolved value(JsonNode node, Where where) {
        JsonNode current = node;
        while (isFunction(current)) {
            Map.Entry<String, JsonNode> call = current.properties().iterator().next();
            Resolved result = call(call.getKey(), call.getValue(), where);
            if (!(result instanceof Known known)) {
                return result;
            }
            current = known.value();
        }
        Matcher dynamic = current.isTextual() ? DYNAMIC_REFERENCE.matcher(current.asText()) : null;
        if (dynamic != null && dynamic.find()) {
            return Resolved.unknown("the dynamic reference " + dynamic.group() + " is resolved at deployment: "
                    + WRITE_IT);
        }
        return Resolved.known(current);
    }

    /** {@code node} with every intrinsic function in it evaluated; unknown if any member is. */
    Resolved complete(JsonNode node, Where where) {
        Resolved resolved = value(node, where);
        if (!(resolved instanceof Known known) || known.value().isValueNode()) {
            return resolved;
        }
        List<Resolved> unknown = new ArrayList<>();
        if (known.value().isObject()) {
            ObjectNode object = JSON.objectNode();
            known.value().properties().forEach(member -> {
                Resolved value = complete(member.getValue(), where);
                if (value instanceof Known k) {
                    object.set(member.getKey(), k.value());
                } else if (value instanceof Unknown) {
                    unknown.add(value);
                }
            });
            return unknown.isEmpty() ? Resolved.known(object) : Unknown.of(unknown);
        }
        ArrayNode array = JSON.arrayNode();
        for (JsonNode member : known.value()) {
            Resolved value = complete(member, where);
            if (value instanceof Known k) {
                array.add(k.value());
            } else if (value instanceof Unknown) {
                unknown.add(value);
            }
        }
        return unknown.isEmpty() ? Resolved.known(array) : Unknown.of(unknown);
    }

    /**
     * The name {@code Ref logicalId} returns for a Glue resource: its name property, else (a job, crawler, trigger or
     * workflow without one) its logical id, with a finding saying so.
     */
    Resolved glueName(String logicalId) {
        Resolved known = names.get(logicalId);
        if (known != null) {
            return known;
        }
        if (!naming.add(logicalId)) {
            throw error(new Where(logicalId, "Name"), "the names of " + String.join(" → ", naming) + " → "
                    + logicalId + " are made of each other");
        }
        try {
            Resolved name = name(logicalId);
            names.put(logicalId, name);
            return name;
        } finally {
            naming.remove(logicalId);
        }
    }

    /** Whether CloudFormation creates {@code logicalId}: its {@code Condition}, true when it has none. */
    Resolved created(String logicalId) {
        JsonNode condition = resource(logicalId).get("Condition");
        if (condition == null) {
            return Resolved.known(JSON.booleanNode(true));
        }
        Where where = new Where(logicalId, "Condition");
        if (!condition.isTextual()) {
            throw error(where, "expected the name of a condition, found " + describe(condition));
        }
        return condition(condition.asText(), where);
    }

    /** The name of the resource's {@code Condition}, or an empty string when it has none. */
    String conditionName(String logicalId) {
        return resource(logicalId).path("Condition").asText();
    }

    /** The resource's {@code Type}. */
    String type(String logicalId) {
        JsonNode type = resource(logicalId).get("Type");
        if (type == null || !type.isTextual()) {
            throw error(new Where(logicalId, ""), "a resource has a Type (such as AWS::Glue::Trigger)");
        }
        return type.asText();
    }

    /** The resource's {@code Properties}, empty when it has none. */
    JsonNode properties(String logicalId) {
        JsonNode properties = resource(logicalId).get("Properties");
        if (properties == null || properties.isNull()) {
            return JSON.objectNode();
        }
        if (!properties.isObject()) {
            throw error(new Where(logicalId, "Properties"), "expected a mapping, found " + describe(properties));
        }
        return properties;
    }

    TemplateException error(Where where, String problem) {
        String context;
        if (where.resource().startsWith("Conditions.")) {
            context = where.resource();
        } else {
            int line = template.lineOf(where.resource());
            context = "resource " + where.resource() + (line > 0 ? " (line " + line + ")" : "");
        }
        return new TemplateException(template.fileName() + ", " + context
                + (where.path().isEmpty() ? "" : ", " + where.path()) + ": " + problem);
    }

    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    }

    static boolean isFunction(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String name = node.fieldNames().next();
        return name.equals("Ref") || name.startsWith("Fn::");
    }

    private ObjectNode resource(String logicalId) {
        JsonNode resource = resources.get(logicalId);
        if (resource == null || !resource.isObject()) {
            throw error(new Where(logicalId, ""), "a resource is a mapping with a Type and Properties");
        }
        return (ObjectNode) resource;
    }

    private Resolved call(String function, JsonNode argument, Where where) {
        return switch (function) {
            case "Ref" -> ref(argument, where);
            case "Fn::GetAtt" -> getAtt(argument, where);
            case "Fn::Sub" -> sub(argument, where);
            case "Fn::Join" -> join(argument, where);
            case "Fn::Select" -> select(argument, where);
            case "Fn::Split" -> split(argument, where);
            case "Fn::If" -> ifFunction(argument, where);
            case "Fn::FindInMap" -> findInMap(argument, where);
            case "Fn::Base64" -> base64(argument, where);
            case "Fn::ToJsonString" -> toJsonString(argument, where);
            case "Fn::Length" -> length(argument, where);
            case "Fn::ImportValue" -> importValue(argument, where);
            case "Fn::GetAZs" -> Resolved.unknown("Fn::GetAZs lists the region's Availability Zones at deployment: "
                    + WRITE_IT);
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> throw error(where, function
                    + " belongs in the template's Conditions; a property chooses with Fn::If");
            // Fn::Cidr, Fn::Transform (a macro), functions newer than this reader
            default -> Resolved.unknown(function + " is not evaluated by the import: " + WRITE_IT);
        };
    }

    private Resolved ref(JsonNode argument, Where where) {
        if (!argument.isTextual()) {
            throw error(where, "Ref takes the name of a parameter or a resource, found " + describe(argument));
        }
        String name = argument.asText();
        if (name.equals("AWS::NoValue")) {
            return new NoValue();
        }
        if (TemplateParameters.PSEUDO.contains(name) || parameters.declares(name)) {
            return parameters.ref(name, where.resource() + (where.path().isEmpty() ? "" : " " + where.path()));
        }
        if (!resources.has(name)) {
            return Resolved.unknown("Ref " + name + " names no parameter or resource of the template: " + WRITE_IT);
        }
        Resolved created = created(name);
        if (created instanceof Known known && !known.value().asBoolean()) {
            return Resolved.unknown("Ref " + name + ": CloudFormation does not create " + name + " (its Condition "
                    + resource(name).get("Condition").asText() + " is false)");
        }
        String type = type(name);
        if (!NAME_PROPERTIES.containsKey(type)) {
            return Resolved.unknown("Ref " + name + " (" + type + ") is known only once the stack is deployed: "
                    + WRITE_IT);
        }
        return glueName(name);
    }

    private Resolved name(String logicalId) {
        String type = type(logicalId);
        JsonNode node = properties(logicalId);
        Where where = new Where(logicalId, "");
        for (String property : NAME_PROPERTIES.get(type)) {
            where = where.at(property);
            JsonNode raw = node.get(property);
            Resolved resolved = raw == null ? new NoValue() : value(raw, where);
            if (resolved instanceof Unknown unknown) {
                return unknown.because("the name of " + logicalId);
            }
            if (resolved instanceof NoValue || ((Known) resolved).value().isNull()) {
                return unnamed(logicalId, type);
            }
            node = ((Known) resolved).value();
        }
        if (!node.isValueNode()) {
            throw error(where, "expected a name, found " + describe(node));
        }
        return Resolved.known(JSON.textNode(node.asText()));
    }

    private Resolved unnamed(String logicalId, String type) {
        if (type.equals(JOB) || type.equals(CRAWLER)) {
            // the orchestrator would start a job or crawler by a name that does not exist
            String noun = type.equals(JOB) ? "job" : "crawler";
            findings.add(Kind.NEEDS_DECISION, logicalId, "Name", "no Name in the template: CloudFormation named the "
                    + "deployed " + noun + " itself (the stack's resources show that name); imported as " + logicalId
                    + ": replace " + logicalId + " with the deployed name");
        } else if (type.equals(TRIGGER) || type.equals(WORKFLOW)) {
            findings.add(Kind.CARRIED_DIFFERENTLY, logicalId, "Name", "no Name in the template (CloudFormation would "
                    + "generate one): imported under its logical id, " + logicalId);
        } else {
            return Resolved.unknown(logicalId + " (" + type + ") has no name in the template: CloudFormation "
                    + "generates one at deployment: " + WRITE_IT);
        }
        return Resolved.known(JSON.textNode(logicalId));
    }

    private Resolved getAtt(JsonNode argument, Where where) {
        String resource;
        String attribute;
        if (argument.isTextual() && argument.asText().indexOf('.') > 0) {
            resource = argument.asText().substring(0, argument.asText().indexOf('.'));
            attribute = argument.asText().substring(resource.length() + 1);
        } else if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
            resource = argument.get(0).asText();
            Resolved name = value(argument.get(1), where);
            attribute = name instanceof Known known && known.value().isTextual() ? known.value().asText() : "?";
        } else {
            throw error(where, "Fn::GetAtt takes a resource and an attribute, found " + describe(argument));
        }
        String what = "Fn::GetAtt " + resource + "." + attribute;
        if (!resources.has(resource)) {
            return Resolved.unknown(what + " names no resource of the template: " + WRITE_IT);
        }
        return Resolved.unknown(what + " is known only once the stack is deployed: " + WRITE_IT);
    }

    private Resolved importValue(JsonNode argument, Where where) {
        Resolved name = value(argument, where);
        String export = name instanceof Known known && known.value().isValueNode() ? " " + known.value().asText() : "";
        return Resolved.unknown("Fn::ImportValue" + export + " reads another stack's export: " + WRITE_IT);
    }

    private Resolved sub(JsonNode argument, Where where) {
        JsonNode variables = JSON.objectNode();
        JsonNode text = argument;
        if (argument.isArray() && argument.size() == 2 && argument.get(1).isObject()) {
            text = argument.get(0);
            variables = argument.get(1);
        }
        if (!text.isTextual()) {
            throw error(where, "Fn::Sub takes a string, or a list of a string and a mapping of variables, found "
                    + describe(argument));
        }
        String template = text.asText();
        StringBuilder result = new StringBuilder();
        List<Resolved> unknown = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        int end = 0;
        while (placeholder.find()) {
            result.append(template, end, placeholder.start());
            end = placeholder.end();
            String name = placeholder.group(1);
            if (name.startsWith("!")) {
                // ${!Literal} writes ${Literal}
                result.append("${").append(name, 1, name.length()).append('}');
                continue;
            }
            name = name.strip();
            Resolved value;
            if (variables.has(name)) {
                value = value(variables.get(name), where);
            } else if (name.contains(".")) {
                value = getAtt(JSON.textNode(name), where);
            } else {
                value = ref(JSON.textNode(name), where);
            }
            if (value instanceof Unknown) {
                unknown.add(value);
            } else if (value instanceof Known known && known.value().isValueNode()) {
                result.append(known.value().asText());
            } else {
                throw error(where, "Fn::Sub: ${" + name + "} is " + (value instanceof NoValue ? "AWS::NoValue"
                        : describe(((Known) value).value())) + ", not a string");
            }
        }
        result.append(template.substring(end));
        return unknown.isEmpty() ? Resolved.known(JSON.textNode(result.toString())) : Unknown.of(unknown);
    }

    private Resolved join(JsonNode argument, Where where) {
        if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()) {
            throw error(where, "Fn::Join takes a delimiter and a list, found " + describe(argument));
        }
        Resolved list = value(argument.get(1), where);
        if (list instanceof Unknown) {
            return list;
        }
        JsonNode members = list instanceof Known known ? known.value() : JSON.nullNode();
        if (!members.isArray()) {
            throw error(where, "Fn::Join: expected a list to join, found " + describe(members));
        }
        List<String> parts = new ArrayList<>();
        List<Resolved> unknown = new ArrayList<>();
        for (JsonNode member : members) {
            Resolved part = value(member, where);
            if (part instanceof Unknown) {
                unknown.add(part);
            } else if (part instanceof Known known) {
                if (!known.value().isValueNode()) {
                    throw error(where, "Fn::Join: a member is " + describe(known.value()) + ", not a string");
                }
                parts.add(known.value().asText());
            }
        }
        return unknown.isEmpty() ? Resolved.known(JSON.textNode(String.join(argument.get(0).asText(), parts)))
                : Unknown.of(unknown);
    }

    private Resolved select(JsonNode argument, Where where) {
        if (!argument.isArray() || argument.size() != 2) {
            throw error(where, "Fn::Select takes an index and a list, found " + describe(argument));
        }
        Resolved index = value(argument.get(0), where);
        Resolved list = value(argument.get(1), where);
        if (index instanceof Unknown || list instanceof Unknown) {
            return Unknown.of(List.of(index, list));
        }
        JsonNode position = index instanceof Known known ? known.value() : JSON.nullNode();
        if (!position.asText().strip().matches("\\d{1,9}")) {
            throw error(where, "Fn::Select: the index is " + describe(position) + ", not a whole number");
        }
        JsonNode members = list instanceof Known known ? known.value() : JSON.nullNode();
        if (!members.isArray()) {
            throw error(where, "Fn::Select: expected a list to select from, found " + describe(members));
        }
        int i = Integer.parseInt(position.asText().strip());
        if (i >= members.size()) {
            throw error(where, "Fn::Select: index " + i + " is outside the list of " + members.size());
        }
        return Resolved.known(members.get(i));
    }

    private Resolved split(JsonNode argument, Where where) {
        if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()) {
            throw error(where, "Fn::Split takes a delimiter and a string, found " + describe(argument));
        }
        Resolved source = value(argument.get(1), where);
        if (source instanceof Unknown) {
            return source;
        }
        JsonNode text = source instanceof Known known ? known.value() : JSON.nullNode();
        if (!text.isValueNode() || text.isNull()) {
            throw error(where, "Fn::Split: expected a string to split, found " + describe(text));
        }
        ArrayNode parts = JSON.arrayNode();
        for (String part : text.asText().split(Pattern.quote(argument.get(0).asText()), -1)) {
            parts.add(part);
        }
        return Resolved.known(parts);
    }

    private Resolved ifFunction(JsonNode argument, Where where) {
        if (!argument.isArray() || argument.size() != 3 || !argument.get(0).isTextual()) {
            throw error(where, "Fn::If takes a condition name and two values, found " + describe(argument));
        }
        String name = argument.get(0).asText();
        Resolved condition = condition(name, where);
        if (condition instanceof Unknown unknown) {
            return unknown.because("Fn::If on Condition " + name);
        }
        return Resolved.known(argument.get(((Known) condition).value().asBoolean() ? 1 : 2));
    }

    private Resolved findInMap(JsonNode argument, Where where) {
        if (!argument.isArray() || argument.size() < 3 || argument.size() > 4) {
            throw error(where, "Fn::FindInMap takes a map name and two keys, found " + describe(argument));
        }
        List<Resolved> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(value(argument.get(i), where));
        }
        if (keys.stream().anyMatch(key -> key instanceof Unknown)) {
            return Unknown.of(keys).because("Fn::FindInMap");
        }
        List<String> path = new ArrayList<>();
        for (Resolved key : keys) {
            JsonNode value = key instanceof Known known ? known.value() : JSON.nullNode();
            if (!value.isValueNode() || value.isNull()) {
                throw error(where, "Fn::FindInMap: a key is " + describe(value) + ", not a string");
            }
            path.add(value.asText());
        }
        JsonNode found = mappings.path(path.get(0)).path(path.get(1)).get(path.get(2));
        if (found != null) {
            return Resolved.known(found);
        }
        JsonNode fallback = argument.size() == 4 ? argument.get(3).get("DefaultValue") : null;
        if (fallback != null) {
            return Resolved.known(fallback);
        }
        throw error(where, "Fn::FindInMap: Mappings has no " + String.join(".", path));
    }

    private Resolved base64(JsonNode argument, Where where) {
        Resolved text = value(argument, where);
        if (text instanceof Known known && known.value().isValueNode()) {
            return Resolved.known(JSON.textNode(Base64.getEncoder()
                    .encodeToString(known.value().asText().getBytes(StandardCharsets.UTF_8))));
        }
        if (text instanceof Unknown) {
            return text;
        }
        throw error(where, "Fn::Base64 takes a string");
    }

    private Resolved toJsonString(JsonNode argument, Where where) {
        Resolved value = complete(argument, where);
        if (value instanceof Known known) {
            return Resolved.known(JSON.textNode(known.value().toString()));
        }
        return value;
    }

    private Resolved length(JsonNode argument, Where where) {
        Resolved list = value(argument, where);
        if (list instanceof Known known && known.value().isArray()) {
            return Resolved.known(JSON.numberNode(known.value().size()));
        }
        if (list instanceof Unknown) {
            return list;
        }
        throw error(where, "Fn::Length takes a list");
    }

    /** The value of the template's condition {@code name}, as a {@link Known} boolean if determinable. */
    Resolved condition(String name, Where usedAt) {
        Resolved known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = conditions.get(name);
        if (definition == null) {
            throw error(usedAt, "Condition " + name + " is not declared in the template's Conditions");
        }
        if (!evaluating.add(name)) {
            throw error(new Where("Conditions." + name, ""), "the conditions " + String.join(" → ", evaluating)
                    + " → " + name + " depend on each other");
        }
        try {
            Resolved value = evaluate(definition, new Where("Conditions." + name, ""));
            conditionValues.put(name, value);
            return value;
        } finally {
            evaluating.remove(name);
        }
    }

    private Resolved evaluate(JsonNode condition, Where where) {
        if (!condition.isObject() || condition.size() != 1) {
            throw error(where, "expected a condition function (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition), "
                    + "found " + describe(condition));
        }
        Map.Entry<String, JsonNode> call = condition.properties().iterator().next();
        JsonNode argument = call.getValue();
        switch (call.getKey()) {
            case "Condition" -> {
                if (!argument.isTextual()) {
                    throw error(where, "Condition takes a condition name, found " + describe(argument));
                }
                return condition(argument.asText(), where);
            }
            case "Fn::Equals" -> {
                if (!argument.isArray() || argument.size() != 2) {
                    throw error(where, "Fn::Equals takes two values, found " + describe(argument));
                }
                Resolved left = complete(argument.get(0), where);
                Resolved right = complete(argument.get(1), where);
                if (left instanceof Unknown || right instanceof Unknown) {
                    return Unknown.of(List.of(left, right));
                }
                if (!(left instanceof Known l) || !(right instanceof Known r)) {
                    throw error(where, "Fn::Equals: AWS::NoValue is not a value to compare");
                }
                boolean equal = l.value().isValueNode() && r.value().isValueNode()
                        ? l.value().asText().equals(r.value().asText()) : l.value().equals(r.value());
                return Resolved.known(JSON.booleanNode(equal));
            }
            case "Fn::Not" -> {
                if (!argument.isArray() || argument.size() != 1) {
                    throw error(where, "Fn::Not takes a list of one condition, found " + describe(argument));
                }
                Resolved operand = evaluate(argument.get(0), where);
                return operand instanceof Known known ? Resolved.known(JSON.booleanNode(!known.value().asBoolean()))
                        : operand;
            }
            case "Fn::And", "Fn::Or" -> {
                if (!argument.isArray() || argument.size() < 2 || argument.size() > 10) {
                    throw error(where, call.getKey() + " takes from 2 to 10 conditions, found " + describe(argument));
                }
                // one operand decides (false for And, true for Or) even when others are undetermined
                boolean decisive = call.getKey().equals("Fn::Or");
                List<Resolved> unknown = new ArrayList<>();
                for (JsonNode operand : argument) {
                    Resolved value = evaluate(operand, where);
                    if (value instanceof Known known && known.value().asBoolean() == decisive) {
                        return value;
                    }
                    if (value instanceof Unknown) {
                        unknown.add(value);
                    }
                }
                return unknown.isEmpty() ? Resolved.known(JSON.booleanNode(!decisive)) : Unknown.of(unknown);
            }
            default -> throw error(where, call.getKey() + " is not a condition function: use Fn::Equals, Fn::Not, "
                    + "Fn::And, Fn::Or or Condition");
        }
    }
}
