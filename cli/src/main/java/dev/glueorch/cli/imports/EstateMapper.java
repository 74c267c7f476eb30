package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.model.DefinitionValidator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Turns what a source holds ({@link GlueEstate}, in Glue's API shapes) into one workflow file per workflow, in the
 * project's format ({@code {"Workflow": {...}, "Triggers": [...]}} with Glue's field names, in the order of the
 * examples), and says everything that does not carry as it was: never a field dropped in silence.
 *
 * <ul>
 *   <li>Carried: the workflow's Name, Description, DefaultRunProperties, MaxConcurrentRuns (which queues runs here
 *       where Glue refuses them); each trigger's Name, Type, Schedule, Description, StartOnCreation,
 *       EventBatchingCondition, Predicate (Logical, Conditions) and Actions (JobName, Arguments, Timeout,
 *       SecurityConfiguration, NotificationProperty, CrawlerName).</li>
 *   <li>Said: a trigger's State where it does not fire in Glue (definitions have no state: a deployed trigger is
 *       ACTIVATED), an EVENT trigger whose EventBridge pattern the source does not hold (left out of the file),
 *       triggers of no workflow, jobs and crawlers that triggers outside the workflow also start, any member the
 *       orchestrator does not have.</li>
 *   <li>{@code --partitioning}: see {@link PartitioningProposal}.</li>
 * </ul>
 * The documents are not validated here: the caller runs the one validator on each before anything is written.
 */
public final class EstateMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Glue's read-only members, about the object rather than its definition. */
    private static final Set<String> WORKFLOW_READ_ONLY = Set.of("CreatedOn", "LastModifiedOn", "LastRun", "Graph");
    private static final List<String> WORKFLOW_CARRIED = List.of("Name", "Description", "DefaultRunProperties",
            "MaxConcurrentRuns");
    /** In the examples' order; Predicate and Actions are mapped member by member. */
    private static final List<String> TRIGGER_CARRIED = List.of("Name", "Type", "Schedule", "Description",
            "StartOnCreation", "EventBatchingCondition", "EventPattern", "EventBusName", "PartitionFrom");
    /** Read, not written: the workflow is the file's, the id is Glue's, the state is said as a finding. */
    private static final Set<String> TRIGGER_READ = Set.of("WorkflowName", "Id", "State");
    private static final List<String> PREDICATE_CARRIED = List.of("Logical", "Conditions");
    private static final List<String> CONDITION_CARRIED = List.of("LogicalOperator", "JobName", "State",
            "CrawlerName", "CrawlState");
    /** Glue's Action, in the examples' order. */
    private static final List<String> ACTION_MEMBERS = List.of("JobName", "Arguments", "Timeout",
            "SecurityConfiguration", "NotificationProperty", "CrawlerName");
    private static final List<String> JOB_ACTION_MEMBERS = List.of("Arguments", "Timeout", "SecurityConfiguration",
            "NotificationProperty");
    /** Tags label Glue's resources; the orchestrator's workflows and triggers are no AWS resources to tag. */
    private static final String UNTAGGED = "not carried: workflows and triggers here are definitions, not AWS "
            + "resources, and have no tags; tag the stack's resources in the CDK app (was ";
    /** How much of a value a finding repeats. */
    private static final int SHOWN_CHARACTERS = 300;
    /** Glue's default for a job without ExecutionProperty.MaxConcurrentRuns. */
    private static final int GLUE_DEFAULT_JOB_CONCURRENCY = 1;

    private final String origin;
    private final boolean partitioning;

    /**
     * @param origin       how findings name the source: {@code Glue us-east-1}, or the template's file name
     * @param partitioning whether to add a Partitioning where the jobs take partition arguments
     */
    public EstateMapper(String origin, boolean partitioning) {
        this.origin = origin;
        this.partitioning = partitioning;
    }

    /**
     * Maps the workflows named in {@code selected}, or every workflow of {@code estate} when it is empty; names the
     * source does not have are the caller's to refuse.
     */
    public ImportPlan map(GlueEstate estate, Set<String> selected) {
        Findings general = new Findings(origin);
        Set<String> defined = new LinkedHashSet<>();
        List<MappedWorkflow> mapped = new ArrayList<>();
        Set<String> selectedTargets = new LinkedHashSet<>();
        for (ObjectNode workflow : estate.workflows()) {
            String name = workflow.path("Name").asText("");
            defined.add(name);
            if (!selected.isEmpty() && !selected.contains(name)) {
                continue;
            }
            if (name.isEmpty()) {
                general.needsDecision("workflow " + compact(workflow), "workflow", "has no Name: not carried");
                continue;
            }
            for (JsonNode trigger : triggersOf(estate, name)) {
                selectedTargets.addAll(targets(trigger));
            }
            mapped.add(workflow(workflow, estate));
        }
        for (ObjectNode trigger : estate.triggers()) {
            String name = trigger.path("Name").asText();
            String owner = workflowName(trigger);
            if (owner == null) {
                Set<String> touched = new LinkedHashSet<>(targets(trigger));
                touched.retainAll(selectedTargets);
                if (selected.isEmpty() || !touched.isEmpty()) {
                    general.needsDecision("trigger " + name, "trigger " + name, outsideWorkflows(trigger));
                }
            } else if (!defined.contains(owner) && selected.isEmpty()) {
                general.needsDecision("trigger " + name, "trigger " + name, "names workflow " + owner + ", which "
                        + origin + " does not define: not carried; import that workflow with it");
            }
        }
        List<ImportFinding> findings = new ArrayList<>(estate.findings());
        findings.addAll(general.list());
        return new ImportPlan(mapped, findings);
    }

    private MappedWorkflow workflow(ObjectNode source, GlueEstate estate) {
        String name = source.path("Name").asText();
        String object = "workflow " + name;
        Findings findings = new Findings(origin);
        ObjectNode workflow = NODES.objectNode();
        for (String member : WORKFLOW_CARRIED) {
            JsonNode value = source.get(member);
            if (value != null && !value.isNull() && !(value.isObject() && value.isEmpty())) {
                workflow.set(member, value.deepCopy());
            }
        }
        if (workflow.has("MaxConcurrentRuns")) {
            findings.carriedDifferently(object, object + ", MaxConcurrentRuns", "carried ("
                    + workflow.get("MaxConcurrentRuns") + "): where Glue refuses a run past it, the orchestrator "
                    + "queues it (status QUEUED) and starts it when a run ends");
        }
        source.fieldNames().forEachRemaining(member -> {
            if (member.equals("BlueprintDetails")) {
                findings.carriedDifferently(object, object + ", BlueprintDetails", "made from blueprint "
                        + compact(source.get(member)) + "; the orchestrator has no blueprints: the workflow is "
                        + "imported as it stands, and running the blueprint again changes only Glue's copy");
            } else if (member.equals("Tags")) {
                findings.carriedDifferently(object, object + ", Tags", UNTAGGED + compact(source.get(member)) + ")");
            } else if (!WORKFLOW_CARRIED.contains(member) && !WORKFLOW_READ_ONLY.contains(member)) {
                findings.needsDecision(object, object + ", " + member, notCarried("Workflow", member,
                        source.get(member)));
            }
        });
        ArrayNode triggers = NODES.arrayNode();
        for (ObjectNode trigger : triggersOf(estate, name)) {
            ObjectNode mapped = trigger(trigger, name, findings);
            if (mapped != null) {
                triggers.add(mapped);
            }
        }
        ObjectNode document = NODES.objectNode();
        document.set("Workflow", workflow);
        document.set("Triggers", triggers);
        if (partitioning) {
            new PartitioningProposal(findings).propose(document, estate.jobs());
        }
        placeholders(document, findings);
        alsoStartedElsewhere(name, estate, findings);
        return new MappedWorkflow(name, document, findings.list());
    }

    /** The workflow's triggers, those that start a run first (as a reader reads a workflow file), else in order. */
    private static List<ObjectNode> triggersOf(GlueEstate estate, String workflow) {
        return estate.triggers().stream()
                .filter(t -> workflow.equals(workflowName(t)))
                .sorted(Comparator.comparing(t -> "CONDITIONAL".equals(t.path("Type").asText())))
                .toList();
    }

    /** The trigger as its file holds it, or {@code null} when it cannot be written (an EVENT trigger's pattern). */
    private ObjectNode trigger(ObjectNode source, String workflow, Findings findings) {
        String name = source.path("Name").asText();
        String object = "trigger " + name;
        String subject = "workflow " + workflow + ", trigger " + name;
        ObjectNode trigger = NODES.objectNode();
        for (String member : TRIGGER_CARRIED) {
            JsonNode value = source.get(member);
            if (value != null && !value.isNull()) {
                trigger.set(member, value.deepCopy());
            }
        }
        if (source.hasNonNull("Predicate")) {
            trigger.set("Predicate", predicate(source.get("Predicate"), object, subject, findings));
        }
        if (source.hasNonNull("Actions")) {
            ArrayNode actions = NODES.arrayNode();
            for (JsonNode action : source.get("Actions")) {
                actions.add(action(action, object, subject, findings));
            }
            trigger.set("Actions", actions);
        }
        source.fieldNames().forEachRemaining(member -> {
            if (member.equals("Tags")) {
                findings.carriedDifferently(object, subject + ", Tags", UNTAGGED + compact(source.get(member)) + ")");
            } else if (!TRIGGER_CARRIED.contains(member) && !TRIGGER_READ.contains(member)
                    && !member.equals("Predicate") && !member.equals("Actions") && !source.get(member).isNull()) {
                findings.needsDecision(object, subject + ", " + member, notCarried("Trigger", member,
                        source.get(member)));
            }
        });
        state(source, object, subject, findings);
        if ("EVENT".equals(source.path("Type").asText()) && !source.hasNonNull("EventPattern")) {
            findings.needsDecision(object, subject, "left out of " + workflow + ".json: Glue starts an EVENT "
                    + "trigger from an EventBridge rule that targets the workflow, outside the trigger, so the "
                    + "source does not say which events start it. Find the rule ('aws events "
                    + "list-rule-names-by-target --target-arn arn:aws:glue:REGION:ACCOUNT:workflow/" + workflow
                    + "', then 'aws events describe-rule --name RULE') and add the trigger to the file's Triggers "
                    + "with the rule's pattern as \"EventPattern\" (and its bus as \"EventBusName\" if not the "
                    + "default): " + compact(trigger));
            return null;
        }
        return trigger;
    }

    /**
     * Definitions have no trigger state, and a deployed trigger is ACTIVATED: say where Glue's trigger would not
     * fire. An account gives the State; a template only StartOnCreation.
     */
    private static void state(ObjectNode source, String object, String subject, Findings findings) {
        String name = source.path("Name").asText();
        if ("ON_DEMAND".equals(source.path("Type").asText())) {
            return; // Glue's ON_DEMAND triggers stay CREATED: they fire when a run is started, as here
        }
        String keepItStill = "definitions have no trigger state and a deployed trigger is ACTIVATED, so it will fire; "
                + "to keep it from firing, run 'glueorch triggers deactivate " + name + "' after deploying";
        String state = source.path("State").asText(null);
        if (state == null) {
            if (!source.path("StartOnCreation").asBoolean(false)) {
                findings.carriedDifferently(object, subject + ", StartOnCreation", "is not true: Glue creates the "
                        + "trigger CREATED and it fires only once started (StartTrigger); " + keepItStill);
            }
            return;
        }
        switch (state) {
            case "CREATED", "CREATING" -> findings.needsDecision(object, subject + ", State", "is " + state
                    + " in Glue: never started, it does not fire there; " + keepItStill);
            case "DEACTIVATED", "DEACTIVATING" -> findings.needsDecision(object, subject + ", State", "is " + state
                    + " in Glue: it does not fire there; " + keepItStill);
            case "DELETING" -> findings.needsDecision(object, subject + ", State", "is being deleted in Glue, but "
                    + "was carried: remove it from the file if it should go");
            default -> {
                // ACTIVATED, ACTIVATING, UPDATING: it fires, as it will here
            }
        }
    }

    private ObjectNode predicate(JsonNode source, String object, String subject, Findings findings) {
        ObjectNode predicate = NODES.objectNode();
        if (source.hasNonNull("Logical")) {
            predicate.set("Logical", source.get("Logical").deepCopy());
        }
        if (source.hasNonNull("Conditions")) {
            ArrayNode conditions = NODES.arrayNode();
            for (JsonNode condition : source.get("Conditions")) {
                conditions.add(members(condition, CONDITION_CARRIED, "Condition", object, subject + ", Predicate",
                        findings));
            }
            predicate.set("Conditions", conditions);
        }
        unknownMembers(source, PREDICATE_CARRIED, "Predicate", object, subject, findings);
        return predicate;
    }

    private ObjectNode action(JsonNode source, String object, String subject, Findings findings) {
        if (!source.hasNonNull("CrawlerName") || source.hasNonNull("JobName")) {
            // a job action; with both names too, for the validator to refuse as such
            ObjectNode action = members(source, ACTION_MEMBERS, "Action", object, subject + ", Actions", findings);
            if (action.path("Arguments").isObject() && action.get("Arguments").isEmpty()) {
                action.remove("Arguments");
            }
            return action;
        }
        ObjectNode action = members(source, List.of("CrawlerName"), "Action", object, subject + ", Actions",
                findings);
        for (String member : JOB_ACTION_MEMBERS) {
            if (source.hasNonNull(member) && !(source.get(member).isObject() && source.get(member).isEmpty())) {
                // Glue takes these on a crawler's action (the CDK's Workflow construct writes them on every
                // action) but applies them only to a job run: a crawl has no run timeout, security configuration or
                // delay notification of its own, so leaving them out changes the file, not what runs
                findings.changed(object, subject + ", Actions", "left out of the action on crawler "
                        + source.get("CrawlerName").asText() + ": " + member + " applies only to the job run an "
                        + "action starts, Glue ignores it on a crawl (was " + compact(source.get(member)) + ")");
            }
        }
        return action;
    }

    /** The {@code carried} members of {@code source}, in that order; a member Glue's shape does not have is said. */
    private ObjectNode members(JsonNode source, List<String> carried, String shape, String object, String subject,
                               Findings findings) {
        ObjectNode copy = NODES.objectNode();
        if (!source.isObject()) {
            findings.needsDecision(object, subject, shape + " " + compact(source) + " is not an object: not carried");
            return copy;
        }
        for (String member : carried) {
            JsonNode value = source.get(member);
            if (value != null && !value.isNull()) {
                copy.set(member, value.deepCopy());
            }
        }
        unknownMembers(source, shape.equals("Action") ? ACTION_MEMBERS : carried, shape, object, subject, findings);
        return copy;
    }

    private static void unknownMembers(JsonNode source, List<String> known, String shape, String object,
                                       String subject, Findings findings) {
        source.fieldNames().forEachRemaining(member -> {
            if (!known.contains(member) && !source.get(member).isNull()) {
                findings.needsDecision(object, subject + ", " + member, notCarried(shape, member,
                        source.get(member)));
            }
        });
    }

    /**
     * {@code ${name}} in an argument is a run property here and plain text to Glue: say which arguments change
     * meaning (the validator refuses a name that no run property defines).
     */
    private static void placeholders(ObjectNode document, Findings findings) {
        String workflow = document.path("Workflow").path("Name").asText();
        for (JsonNode trigger : document.path("Triggers")) {
            for (JsonNode action : trigger.path("Actions")) {
                action.path("Arguments").properties().forEach(argument -> {
                    Matcher matcher = DefinitionValidator.PLACEHOLDER.matcher(argument.getValue().asText());
                    if (matcher.find()) {
                        String name = trigger.path("Name").asText();
                        findings.carriedDifferently("trigger " + name, "workflow " + workflow + ", trigger " + name
                                + ", Arguments " + argument.getKey(), "Glue passes " + argument.getValue()
                                + " as written; the orchestrator replaces ${" + matcher.group(1) + "} with the run "
                                + "property of that name");
                    }
                });
            }
        }
    }

    /**
     * Jobs and crawlers that this workflow's triggers start and triggers outside it start too. As in Glue, only the
     * runs the workflow run started count for its conditions; what differs is a collision: a start past the job's
     * MaxConcurrentRuns (or of a crawler already crawling) fails in Glue and waits here, to be retried.
     */
    private void alsoStartedElsewhere(String workflow, GlueEstate estate, Findings findings) {
        Set<String> own = new LinkedHashSet<>();
        triggersOf(estate, workflow).forEach(trigger -> own.addAll(targets(trigger)));
        Map<String, List<String>> starters = new LinkedHashMap<>();
        for (ObjectNode trigger : estate.triggers()) {
            String owner = workflowName(trigger);
            if (workflow.equals(owner)) {
                continue;
            }
            for (String target : targets(trigger)) {
                if (own.contains(target)) {
                    starters.computeIfAbsent(target, key -> new ArrayList<>()).add(trigger.path("Name").asText()
                            + (owner == null ? " (of no workflow)" : " (of workflow " + owner + ")"));
                }
            }
        }
        starters.forEach((target, triggers) -> {
            String collision;
            if (target.startsWith("job ")) {
                JsonNode job = estate.jobs().get(target.substring("job ".length()));
                String limit = job == null ? "its MaxConcurrentRuns"
                        : "its MaxConcurrentRuns (" + job.path("ExecutionProperty").path("MaxConcurrentRuns")
                        .asInt(GLUE_DEFAULT_JOB_CONCURRENCY) + ")";
                collision = "a start past " + limit + " fails in Glue and waits here, to be retried";
            } else {
                collision = "a start while it crawls fails in Glue and waits here, to be retried";
            }
            findings.carriedDifferently("workflow " + workflow, "workflow " + workflow + ", " + target, target
                    + " is also started by trigger(s) " + String.join(", ", triggers) + ": as in Glue, only the "
                    + "runs this workflow starts count for its conditions; started from both at once, " + collision);
        });
    }

    private String outsideWorkflows(ObjectNode trigger) {
        String type = trigger.path("Type").asText();
        String watches = "CONDITIONAL".equals(type) ? " (outside a workflow, Glue's CONDITIONAL trigger watches "
                + "every run of its jobs; inside one, only the runs of the same workflow run)" : "";
        return "belongs to no workflow: the orchestrator runs triggers inside workflows only, so it is not carried"
                + watches + ". To carry it, add it to a workflow (in the source, then import again, or as a "
                + "workflow file of its own with {\"Workflow\": {\"Name\": ...}, \"Triggers\": [...]}): "
                + compact(trigger);
    }

    /** What a trigger starts, as {@code job NAME} / {@code crawler NAME}. */
    private static List<String> targets(JsonNode trigger) {
        List<String> targets = new ArrayList<>();
        for (JsonNode action : trigger.path("Actions")) {
            if (action.hasNonNull("JobName")) {
                targets.add("job " + action.get("JobName").asText());
            } else if (action.hasNonNull("CrawlerName")) {
                targets.add("crawler " + action.get("CrawlerName").asText());
            }
        }
        return targets;
    }

    /** The trigger's workflow, or {@code null} for a trigger of none (Glue leaves WorkflowName out). */
    static String workflowName(JsonNode trigger) {
        JsonNode name = trigger.get("WorkflowName");
        return name == null || !name.isTextual() || name.asText().isEmpty() ? null : name.asText();
    }

    private static String notCarried(String shape, String member, JsonNode value) {
        return "not carried: the orchestrator has no " + shape + "." + member + " (was " + compact(value) + ")";
    }

    private static String compact(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "...";
    }
}
