package dev.glueorch.cli.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.cli.imports.ImportFinding.Kind;
import dev.glueorch.cli.imports.Resolved.Known;
import dev.glueorch.cli.imports.Resolved.Unknown;
import dev.glueorch.cli.imports.TemplateResolver.Where;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Locale;

/**
 * Which properties of a CloudFormation Glue resource carry into the Glue API shape the import reads, and as what
 * type. CloudFormation's property names are the API's ({@code AWS::Glue::Trigger}'s {@code Predicate},
 * {@code Actions}, {@code EventBatchingCondition}, ...); its types are looser: a {@code Ref} to a Number parameter is
 * a string, {@code Json} arguments may hold numbers and booleans, so values are coerced to the API's types here.
 * A resource's {@code Name} is not listed: the reader takes it from {@link TemplateResolver#glueName}.
 */
final class TemplateProperties {

    enum Type { STRING, INTEGER, BOOLEAN, STRING_MAP, OBJECT, OBJECT_LIST }

    /** A property, its type and, for an object or a list of objects, its own properties. */
    record Field(String name, Type type, List<Field> fields) {

        static Field of(String name, Type type) {
            return new Field(name, type, List.of());
        }
    }

    private static final List<Field> NOTIFICATION_PROPERTY = List.of(Field.of("NotifyDelayAfter", Type.INTEGER));

    /** GetWorkflow's {@code Workflow}, and the template's {@code Tags} of it (reported by the mapping, not carried). */
    static final List<Field> WORKFLOW = List.of(
            Field.of("Description", Type.STRING),
            Field.of("DefaultRunProperties", Type.STRING_MAP),
            Field.of("MaxConcurrentRuns", Type.INTEGER),
            Field.of("Tags", Type.STRING_MAP));

    /**
     * BatchGetTriggers' {@code Trigger}, and the {@code Tags} the template gives it (Glue answers those with GetTags):
     * carried so that the mapping reports them, as it does for an account's.
     */
    static final List<Field> TRIGGER = List.of(
            Field.of("Tags", Type.STRING_MAP),
            Field.of("WorkflowName", Type.STRING),
            Field.of("Type", Type.STRING),
            Field.of("Description", Type.STRING),
            Field.of("Schedule", Type.STRING),
            Field.of("StartOnCreation", Type.BOOLEAN),
            new Field("Predicate", Type.OBJECT, List.of(
                    Field.of("Logical", Type.STRING),
                    new Field("Conditions", Type.OBJECT_LIST, List.of(
                            Field.of("LogicalOperator", Type.STRING),
                            Field.of("JobName", Type.STRING),
                            Field.of("State", Type.STRING),
                            Field.of("CrawlerName", Type.STRING),
                            Field.of("CrawlState", Type.STRING))))),
            new Field("Actions", Type.OBJECT_LIST, List.of(
                    Field.of("JobName", Type.STRING),
                    Field.of("Arguments", Type.STRING_MAP),
                    Field.of("Timeout", Type.INTEGER),
                    Field.of("SecurityConfiguration", Type.STRING),
                    new Field("NotificationProperty", Type.OBJECT, NOTIFICATION_PROPERTY),
                    Field.of("CrawlerName", Type.STRING))),
            new Field("EventBatchingCondition", Type.OBJECT, List.of(
                    Field.of("BatchSize", Type.INTEGER),
                    Field.of("BatchWindow", Type.INTEGER))));

    /** GetJob's {@code Job}, as far as the mapping reads it. */
    static final List<Field> JOB = List.of(
            Field.of("DefaultArguments", Type.STRING_MAP),
            new Field("NotificationProperty", Type.OBJECT, NOTIFICATION_PROPERTY),
            Field.of("Timeout", Type.INTEGER));

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TemplateResolver resolver;
    private final Findings findings;
    private final Kind undetermined;
    private final UnaryOperator<String> leftOut;

    /** Reads a workflow's or trigger's properties: what the template does not determine is the user's to decide. */
    TemplateProperties(TemplateResolver resolver, Findings findings) {
        this(resolver, findings, Kind.NEEDS_DECISION, why -> "left out: " + why);
    }

    private TemplateProperties(TemplateResolver resolver, Findings findings, Kind undetermined,
                               UnaryOperator<String> leftOut) {
        this.resolver = resolver;
        this.findings = findings;
        this.undetermined = undetermined;
        this.leftOut = leftOut;
    }

    /**
     * Reads a job's properties. The workflow files do not define jobs (the job keeps its own values in Glue), so a
     * value the template does not determine is information, not a decision: it only keeps the import from seeing
     * it (a partition argument for {@code --partitioning}, say), and there is nothing to write into a file.
     */
    static TemplateProperties ofJobs(TemplateResolver resolver, Findings findings) {
        return new TemplateProperties(resolver, findings, Kind.CARRIED_DIFFERENTLY, why -> "not read by the import "
                + "(workflow files define no jobs): " + why.replace(TemplateResolver.WRITE_IT,
                "the job keeps its value in Glue"));
    }

    /**
     * Sets into {@code shape} each of {@code fields} that {@code properties} has, resolved and coerced; a value the
     * template does not determine is left out, with a finding naming its path and what would determine it.
     */
    void carry(List<Field> fields, JsonNode properties, ObjectNode shape, Where where) {
        for (Field field : fields) {
            JsonNode raw = properties.get(field.name());
            if (raw == null) {
                continue;
            }
            Where at = where.at(field.name());
            JsonNode value = resolve(raw, at);
            if (value != null && !value.isNull()) {
                shape.set(field.name(), coerce(field, value, at));
            }
        }
    }

    /* The value, or null when there is none (AWS::NoValue) or it is left out (undetermined: reported). */
    private JsonNode resolve(JsonNode raw, Where at) {
        Resolved resolved = resolver.value(raw, at);
        if (resolved instanceof Unknown unknown) {
            findings.add(undetermined, at.resource(), at.path(), leftOut.apply(unknown.text()));
            return null;
        }
        return resolved instanceof Known known ? known.value() : null;
    }

    private JsonNode coerce(Field field, JsonNode value, Where at) {
        return switch (field.type()) {
            case STRING -> {
                if (!value.isValueNode()) {
                    throw resolver.error(at, "expected a string, found " + TemplateResolver.describe(value));
                }
                yield JSON.textNode(value.asText());
            }
            case INTEGER -> integer(value, at);
            case BOOLEAN -> bool(value, at);
            case STRING_MAP -> stringMap(value, at);
            case OBJECT -> {
                if (!value.isObject()) {
                    throw resolver.error(at, "expected a mapping, found " + TemplateResolver.describe(value));
                }
                ObjectNode object = JSON.objectNode();
                carry(field.fields(), value, object, at);
                yield object;
            }
            case OBJECT_LIST -> {
                if (!value.isArray()) {
                    throw resolver.error(at, "expected a list, found " + TemplateResolver.describe(value));
                }
                ArrayNode list = JSON.arrayNode();
                for (int i = 0; i < value.size(); i++) {
                    JsonNode member = resolve(value.get(i), at.index(i));
                    if (member == null) {
                        continue;
                    }
                    if (!member.isObject()) {
                        throw resolver.error(at.index(i), "expected a mapping, found "
                                + TemplateResolver.describe(member));
                    }
                    ObjectNode object = JSON.objectNode();
                    carry(field.fields(), member, object, at.index(i));
                    list.add(object);
                }
                yield list;
            }
        };
    }

    private JsonNode integer(JsonNode value, Where at) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return JSON.numberNode(value.intValue());
        }
        if (value.isTextual() && value.asText().strip().matches("-?\\d{1,9}")) {
            return JSON.numberNode(Integer.parseInt(value.asText().strip()));
        }
        throw resolver.error(at, "expected a whole number, found " + TemplateResolver.describe(value));
    }

    private JsonNode bool(JsonNode value, Where at) {
        if (value.isBoolean()) {
            return value;
        }
        String text = value.isTextual() ? value.asText().strip().toLowerCase(Locale.ROOT) : "";
        if (text.equals("true") || text.equals("false")) {
            return JSON.booleanNode(text.equals("true"));
        }
        throw resolver.error(at, "expected true or false, found " + TemplateResolver.describe(value));
    }

    /*
     * Glue's arguments and run properties are strings to strings. CloudFormation's Json type also takes the mapping
     * as a JSON string, and values YAML types as numbers or booleans ("--enable-metrics": true), which Glue receives
     * as their text.
     */
    private JsonNode stringMap(JsonNode value, Where at) {
        JsonNode map = value;
        if (value.isTextual()) {
            try {
                map = MAPPER.readTree(value.asText());
            } catch (JsonProcessingException e) {
                throw resolver.error(at, "expected a mapping (or a JSON object in a string), found "
                        + TemplateResolver.describe(value));
            }
        }
        if (map == null || !map.isObject()) {
            throw resolver.error(at, "expected a mapping, found " + TemplateResolver.describe(value));
        }
        ObjectNode strings = JSON.objectNode();
        map.properties().forEach(entry -> {
            Where entryAt = at.at(entry.getKey());
            JsonNode member = resolve(entry.getValue(), entryAt);
            if (member == null) {
                return;
            }
            if (member.isNull()) {
                findings.add(undetermined, entryAt.resource(), entryAt.path(), leftOut.apply("it has no value "
                        + "(YAML null); write '' if an empty value is meant"));
            } else if (!member.isValueNode()) {
                throw resolver.error(entryAt, "expected a string, found " + TemplateResolver.describe(member));
            } else {
                strings.put(entry.getKey(), member.asText());
            }
        });
        return strings;
    }
}
