package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.cli.imports.ImportFinding.Kind;
import dev.glueorch.cli.imports.Resolved.Known;
import dev.glueorch.cli.imports.Resolved.Unknown;
import dev.glueorch.cli.imports.TemplateResolver.Where;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Glue estate a CloudFormation template (JSON or YAML, short forms included) declares: its
 * {@code AWS::Glue::Workflow}s, {@code AWS::Glue::Trigger}s and {@code AWS::Glue::Job}s in the shapes of Glue's API,
 * with every intrinsic function evaluated as far as the template and the parameters given determine it. A
 * {@code Ref} to a Glue resource of the template is its Name (its logical id when it has none, with a finding);
 * a {@code Ref} to a parameter is the value given, else its Default. What cannot be determined is left out and
 * reported ({@link ImportFinding.Kind#NEEDS_DECISION}, naming what to provide), never guessed.
 */
public final class CloudFormationReader {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * Reads {@code template} with {@code parameters} ({@code Key=Value}; pseudo parameters such as
     * {@code AWS::Region} may be given too).
     *
     * @throws TemplateException if the template is not one CloudFormation would accept, a parameter given is not
     *         declared, or a parameter the import needs has neither a value nor a Default
     */
    public GlueEstate read(Path template, Map<String, String> parameters) {
        TemplateDocument document = TemplateDocument.read(template);
        JsonNode resources = document.root().get("Resources");
        if (resources == null || !resources.isObject() || resources.isEmpty()) {
            throw new TemplateException(document.fileName() + ": no Resources: a CloudFormation template declares "
                    + "its resources in a Resources section");
        }
        TemplateParameters values = new TemplateParameters(document.fileName(), document.root().get("Parameters"),
                parameters);
        Findings findings = new Findings(document.fileName());
        TemplateResolver resolver = new TemplateResolver(document, (ObjectNode) resources, values, findings);
        Estate estate = new Estate(resolver, findings);
        resources.fieldNames().forEachRemaining(estate::add);
        estate.reportOthers();
        if (!values.missing().isEmpty()) {
            List<String> missing = new ArrayList<>();
            values.missing().forEach((name, usedAt) -> missing.add(name + " (used by " + usedAt + ")"));
            throw new TemplateException(document.fileName() + ": no value for " + String.join(", ", missing)
                    + ": give each with --parameter NAME=VALUE (the template gives no Default)");
        }
        return new GlueEstate(estate.workflows, estate.triggers, estate.jobs, findings.list());
    }

    /** The estate as it is read, resource by resource. */
    private static final class Estate {

        private final TemplateResolver resolver;
        private final TemplateProperties shape;
        private final TemplateProperties jobShape;
        private final Findings findings;
        private final List<ObjectNode> workflows = new ArrayList<>();
        private final List<ObjectNode> triggers = new ArrayList<>();
        private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
        private final Map<String, String> jobResources = new LinkedHashMap<>();
        private final Map<String, List<String>> others = new TreeMap<>();

        Estate(TemplateResolver resolver, Findings findings) {
            this.resolver = resolver;
            this.shape = new TemplateProperties(resolver, findings);
            this.jobShape = TemplateProperties.ofJobs(resolver, findings);
            this.findings = findings;
        }

        void add(String logicalId) {
            if (logicalId.startsWith("Fn::ForEach::")) {
                findings.add(Kind.NEEDS_DECISION, logicalId, "Resources", "not imported: the resources Fn::ForEach "
                        + "makes (AWS::LanguageExtensions) are not expanded by the import; deploy the template and "
                        + "import them with --from-glue, or write them out in the template");
                return;
            }
            String type = resolver.type(logicalId);
            switch (type) {
                case "AWS::Glue::Workflow" -> {
                    if (created(logicalId)) {
                        workflows.add(read(logicalId, TemplateProperties.WORKFLOW));
                    }
                }
                case "AWS::Glue::Trigger" -> {
                    if (created(logicalId)) {
                        triggers.add(read(logicalId, TemplateProperties.TRIGGER));
                    }
                }
                case "AWS::Glue::Job" -> {
                    if (created(logicalId)) {
                        addJob(logicalId);
                    }
                }
                case "AWS::Glue::Crawler" -> {
                    // a crawler is only named by triggers; its Ref is resolved where it is used
                }
                default -> others.computeIfAbsent(type, t -> new ArrayList<>()).add(logicalId);
            }
        }

        /* One line for what the import leaves to the template, so that nothing is dropped unsaid. */
        void reportOthers() {
            if (others.isEmpty()) {
                return;
            }
            List<String> kinds = new ArrayList<>();
            others.forEach((type, ids) -> kinds.add(type + " (" + String.join(", ", ids) + ")"));
            findings.addAboutSource(Kind.CARRIED_DIFFERENTLY, "Resources", "not imported, they stay with the "
                    + "template: " + String.join("; ", kinds) + "; the import reads workflows, triggers and jobs");
        }

        private boolean created(String logicalId) {
            Resolved created = resolver.created(logicalId);
            String condition = resolver.conditionName(logicalId);
            if (created instanceof Known known) {
                if (!known.value().asBoolean()) {
                    findings.add(Kind.CHANGED, logicalId, "Condition", "not imported: its Condition " + condition
                            + " is false with the parameters given and the Defaults, so CloudFormation would not "
                            + "create it");
                }
                return known.value().asBoolean();
            }
            findings.add(Kind.NEEDS_DECISION, logicalId, "Condition", "imported, though CloudFormation may not "
                    + "create it: Condition " + condition + " is undetermined: " + ((Unknown) created).text());
            return true;
        }

        private ObjectNode read(String logicalId, List<TemplateProperties.Field> fields) {
            return read(logicalId, fields, shape);
        }

        private ObjectNode read(String logicalId, List<TemplateProperties.Field> fields, TemplateProperties shape) {
            ObjectNode object = JSON.objectNode();
            Resolved name = resolver.glueName(logicalId);
            if (name instanceof Known known) {
                object.set("Name", known.value());
            } else if (name instanceof Unknown unknown) {
                findings.add(Kind.NEEDS_DECISION, logicalId, "Name", "left out: " + unknown.text());
            }
            shape.carry(fields, resolver.properties(logicalId), object, new Where(logicalId, ""));
            return object;
        }

        /* Jobs are read by name: one whose name is undetermined cannot be read at all. */
        private void addJob(String logicalId) {
            Resolved name = resolver.glueName(logicalId);
            if (name instanceof Unknown unknown) {
                findings.add(Kind.NEEDS_DECISION, logicalId, "Name", "not imported (its Name is undetermined): "
                        + unknown.text());
                // read all the same, so that every parameter without a value is named at once; what it says about
                // a job that is not imported would only be noise
                new TemplateProperties(resolver, new Findings(""))
                        .carry(TemplateProperties.JOB, resolver.properties(logicalId), JSON.objectNode(),
                                new Where(logicalId, ""));
                return;
            }
            String jobName = ((Known) name).value().asText();
            String first = jobResources.putIfAbsent(jobName, logicalId);
            if (first != null) {
                findings.add(Kind.NEEDS_DECISION, logicalId, "Name", "not imported: " + first + " has the same "
                        + "name, " + jobName + " (CloudFormation would fail to create the second)");
                return;
            }
            jobs.put(jobName, read(logicalId, TemplateProperties.JOB, jobShape));
        }
    }
}
