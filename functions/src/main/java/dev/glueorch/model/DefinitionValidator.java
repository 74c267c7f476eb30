package dev.glueorch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one validator of workflow definitions, used by the CLI, by the CDK app at synth time and by the functions
 * at runtime. It reads a workflow file in the Glue API shapes and either returns the typed definition or refuses
 * it with every error found, each naming file, object, field and what to fix. Nothing half-valid comes out, and
 * nothing that could be validated but not deployed, stored or run: the sizes of {@link DefinitionLimits} are checked
 * here, the one place every path goes through.
 */
public final class DefinitionValidator {

    /** {@code ${name}} in an argument value: replaced with the workflow run property {@code name}. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /** Run properties a partitioned workflow's runs always have. */
    public static final String DAY_PARTITION_VALUE = "day_partition_value";
    public static final String HOUR_PARTITION_VALUE = "hour_partition_value";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much of an over-long name or key an error message repeats. */
    private static final int SHOWN_CHARACTERS = 40;
    private static final Set<String> FILE_FIELDS = Set.of("Workflow", "Triggers");
    private static final Set<String> WORKFLOW_FIELDS = Set.of("Name", "Description", "DefaultRunProperties",
            "MaxConcurrentRuns", "Partitioning", "ExpectedStartBy", "NotifyMissingWhileDeactivated");
    private static final Set<String> PARTITIONING_FIELDS = Set.of("Granularity", "Offset", "TimeZone", "DayKey",
            "HourKey");
    private static final Set<String> TRIGGER_FIELDS = Set.of("Name", "WorkflowName", "Type", "Schedule", "Predicate",
            "Actions", "Description", "StartOnCreation", "MaxCatchUpRuns", "EventBatchingCondition", "EventPattern",
            "EventBusName", "PartitionFrom");
    /** Fields only an EVENT trigger has. */
    private static final List<String> EVENT_FIELDS = List.of("EventBatchingCondition", "EventPattern", "EventBusName",
            "PartitionFrom");
    private static final Set<String> EVENT_BATCHING_FIELDS = Set.of("BatchSize", "BatchWindow");
    private static final Set<String> PARTITION_FROM_FIELDS = Set.of("Path", "Pattern");
    private static final Set<String> PREDICATE_FIELDS = Set.of("Logical", "Conditions");
    private static final Set<String> CONDITION_FIELDS = Set.of("LogicalOperator", "JobName", "State", "CrawlerName",
            "CrawlState", "Account", "Region");
    private static final Set<String> ACTION_FIELDS = Set.of("JobName", "CrawlerName", "Arguments", "Timeout",
            "SecurityConfiguration", "NotificationProperty", "ExpectedDurationMinutes", "RoleArn", "ExternalId");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    /** EventBridge's event bus names (PutRule's {@code EventBusName}). */
    private static final Pattern EVENT_BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
    /** A dot path into an event: names separated by single dots. */
    private static final Pattern DOT_PATH = Pattern.compile("[^.]+(\\.[^.]+)*");

    /**
     * Validates one workflow file in isolation.
     *
     * @param source the file name to put in errors, e.g. {@code workflows/sales-hourly.json}
     * @throws DefinitionException with every error of the file
     */
    public WorkflowDefinition validate(String source, String json) {
        return validateAll(Map.of(source, json)).workflows().values().iterator().next();
    }

    /**
     * Validates a set of workflow files together: each file, then what only the set can tell (duplicate workflow
     * and trigger names across files, triggers naming another file's workflow).
     *
     * @param files file name to JSON text, in the order errors should be reported
     * @throws DefinitionException with every error of every file
     */
    public Definitions validateAll(Map<String, String> files) {
        List<DefinitionError> errors = new ArrayList<>();
        List<FileReader> readers = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            FileReader reader = new FileReader(file.getKey(), errors);
            reader.read(file.getValue());
            readers.add(reader);
        }
        Map<String, String> workflowFiles = new HashMap<>();
        for (FileReader reader : readers) {
            if (reader.workflowName != null) {
                String first = workflowFiles.putIfAbsent(reader.workflowName, reader.source);
                if (first != null) {
                    errors.add(new DefinitionError(reader.source, "workflow '" + reader.workflowName + "'",
                            "Workflow.Name", "duplicate workflow name, already defined in " + first
                            + "; workflow names are unique per account and Region"));
                }
            }
        }
        Map<String, String> triggerFiles = new HashMap<>();
        for (FileReader reader : readers) {
            for (String trigger : reader.triggerNames) {
                String first = triggerFiles.putIfAbsent(trigger, reader.source);
                if (first != null && !first.equals(reader.source)) {
                    errors.add(new DefinitionError(reader.source, "trigger '" + trigger + "'", "Name",
                            "duplicate trigger name, already defined in " + first
                            + "; trigger names are unique per account and Region"));
                }
            }
            for (Map.Entry<String, String> foreign : reader.foreignWorkflowNames.entrySet()) {
                String object = "trigger '" + foreign.getKey() + "'";
                String owner = workflowFiles.get(foreign.getValue());
                String reason = owner == null
                        ? "names workflow '" + foreign.getValue() + "', which does not exist; leave WorkflowName out "
                          + "or set it to '" + reader.workflowName + "'"
                        : "names workflow '" + foreign.getValue() + "', which is defined in " + owner
                          + "; move the trigger to that file or set WorkflowName to '" + reader.workflowName + "'";
                errors.add(new DefinitionError(reader.source, object, "WorkflowName", reason));
            }
        }
        if (!errors.isEmpty()) {
            throw new DefinitionException(errors);
        }
        Map<String, WorkflowDefinition> workflows = new LinkedHashMap<>();
        for (FileReader reader : readers) {
            workflows.put(reader.workflowName, reader.result);
        }
        return Definitions.of(workflows.values());
    }

    /** Reads one file, appending its errors to the shared list. */
    private static final class FileReader {
        private final String source;
        private final List<DefinitionError> errors;
        private final int errorsBefore;
        private String workflowName;
        /** The workflow's Partitioning, and whether the file declares one (it may be declared but invalid). */
        private Partitioning partitioning;
        private boolean partitioningDeclared;
        private final List<String> triggerNames = new ArrayList<>();
        private final Map<String, String> foreignWorkflowNames = new LinkedHashMap<>();
        private WorkflowDefinition result;

        FileReader(String source, List<DefinitionError> errors) {
            this.source = source;
            this.errors = errors;
            this.errorsBefore = errors.size();
        }

        void read(String json) {
            JsonNode root;
            try {
                root = JSON.readTree(json);
            } catch (JsonProcessingException e) {
                // Jackson gives no location when one of its own limits refused the text (a string, a number or a
                // nesting too long or too deep): the message says which
                String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
                error("", "", "not valid JSON" + where + ": " + e.getOriginalMessage());
                return;
            }
            if (root == null || !root.isObject()) {
                error("", "", "expected a JSON object with \"Workflow\" and \"Triggers\"");
                return;
            }
            unknownFields(root, FILE_FIELDS, "", "");
            JsonNode workflowNode = root.get("Workflow");
            Workflow workflow = null;
            if (workflowNode == null || !workflowNode.isObject()) {
                error("", "Workflow", "required: an object with at least \"Name\"");
            } else {
                workflow = workflow(workflowNode);
            }
            JsonNode triggersNode = root.get("Triggers");
            List<Trigger> triggers = new ArrayList<>();
            if (triggersNode == null || !triggersNode.isArray() || triggersNode.isEmpty()) {
                error(workflowObject(), "Triggers", "required: a non-empty array of triggers");
            } else {
                Set<String> placeholders = definedProperties(workflow);
                for (int i = 0; i < triggersNode.size(); i++) {
                    Trigger trigger = trigger(triggersNode.get(i), "Triggers[" + i + "]", placeholders);
                    if (trigger != null) {
                        triggers.add(trigger);
                    }
                }
                if (workflow != null) {
                    crossTriggerChecks(triggers, workflow.partitioning());
                }
            }
            if (workflowName != null) {
                itemLimit(root, json);
            }
            if (errors.size() == errorsBefore && workflow != null) {
                result = new WorkflowDefinition(source, workflow, triggers, json);
            }
        }

        /**
         * Each definitions version stores the file as one DynamoDB item ({@link DefinitionItem}); one that would
         * exceed DynamoDB's 400 KB could be validated but never deployed. The error points at the file's largest
         * part, where shortening pays most.
         */
        private void itemLimit(JsonNode root, String json) {
            int bytes = DefinitionItem.sizeInBytes(workflowName, source, json);
            if (bytes <= DefinitionLimits.MAX_ITEM_BYTES) {
                return;
            }
            String largest = "Workflow";
            String largestObject = "the workflow";
            int largestBytes = root.has("Workflow") ? DefinitionLimits.utf8Bytes(root.get("Workflow").toString()) : 0;
            JsonNode triggers = root.path("Triggers");
            for (int i = 0; i < triggers.size(); i++) {
                int triggerBytes = DefinitionLimits.utf8Bytes(triggers.get(i).toString());
                if (triggerBytes > largestBytes) {
                    largest = "Triggers[" + i + "]";
                    largestObject = "trigger '" + shown(triggers.get(i).path("Name").asText("")) + "'";
                    largestBytes = triggerBytes;
                }
            }
            String fix = largest.equals("Workflow") ? "shorten its Description and DefaultRunProperties"
                    : "shorten its Descriptions and Arguments, or move triggers into a workflow file of their own";
            error(workflowObject(), largest, "the file is stored as one DynamoDB item of " + size(bytes) + " bytes; "
                    + "DynamoDB allows at most " + size(DefinitionLimits.MAX_ITEM_BYTES) + " (400 KB, attribute names "
                    + "and values in UTF-8) per item. Its largest part is " + largestObject + " (about "
                    + size(largestBytes) + " bytes): " + fix);
        }

        /**
         * A run's properties are stored by one UpdateItem with a SET path per property; past
         * {@link DefinitionLimits#MAX_RUN_PROPERTIES} its expression would exceed DynamoDB's 4 KB.
         */
        private void runPropertiesLimit(int defaultProperties, Partitioning partitioning) {
            int partitionProperties = partitioning == null ? 0
                    : partitioning.granularity() == Granularity.HOUR ? 2 : 1;
            int total = defaultProperties + partitionProperties;
            if (total > DefinitionLimits.MAX_RUN_PROPERTIES) {
                error(workflowObject(), "Workflow.DefaultRunProperties", "gives each run " + total + " run properties ("
                        + defaultProperties + " here" + (partitionProperties == 0 ? "" : " + " + partitionProperties
                        + " from Partitioning") + "); at most " + DefinitionLimits.MAX_RUN_PROPERTIES + " fit the one "
                        + "DynamoDB update that stores them (its expression is limited to "
                        + size(DefinitionLimits.MAX_EXPRESSION_BYTES) + " bytes): remove some, or join related values "
                        + "into one property");
            }
        }

        private Workflow workflow(JsonNode node) {
            unknownFields(node, WORKFLOW_FIELDS, "workflow", "Workflow.");
            String name = name(node, "Name", "workflow", "Workflow.Name");
            workflowName = name;
            String expectedFile = name == null ? null : name + ".json";
            if (expectedFile != null && !fileName().equals(expectedFile)) {
                error(workflowObject(), "Workflow.Name", "the file of workflow '" + name + "' must be named "
                        + expectedFile + " (one file per workflow, named after it)");
            }
            String description = workflowDescription(node, workflowObject(), "Workflow.Description");
            Map<String, String> properties = stringMap(node.get("DefaultRunProperties"), workflowObject(),
                    "Workflow.DefaultRunProperties");
            for (String property : properties.keySet()) {
                nameRule(property, workflowObject(), "Workflow.DefaultRunProperties." + shown(property));
            }
            Integer maxConcurrentRuns = positiveInt(node, "MaxConcurrentRuns", workflowObject(),
                    "Workflow.MaxConcurrentRuns");
            Integer expectedStartBy = positiveInt(node, "ExpectedStartBy", workflowObject(),
                    "Workflow.ExpectedStartBy");
            Partitioning partitioning = null;
            JsonNode partitioningNode = node.get("Partitioning");
            if (partitioningNode != null && !partitioningNode.isNull()) {
                partitioning = partitioning(partitioningNode);
                partitioningDeclared = true;
                this.partitioning = partitioning;
            }
            if (partitioning != null) {
                for (String reserved : List.of(DAY_PARTITION_VALUE, HOUR_PARTITION_VALUE)) {
                    if (properties.containsKey(reserved)) {
                        error(workflowObject(), "Workflow.DefaultRunProperties." + reserved, "is set by Partitioning "
                                + "for each run; remove it from DefaultRunProperties");
                    }
                }
            }
            runPropertiesLimit(properties.size(), partitioning);
            boolean notifyMissingWhileDeactivated = notifyMissingWhileDeactivated(node.get(
                    "NotifyMissingWhileDeactivated"));
            return name == null ? null : new Workflow(name, description, properties, maxConcurrentRuns,
                    partitioning, expectedStartBy, notifyMissingWhileDeactivated);
        }

        /**
         * The extension that also notifies the partitions whose slots pass while their trigger is DEACTIVATED: only
         * for a partitioned workflow, whose runs each process one partition. An unpartitioned workflow's next run
         * processes whatever data is there, so a slot it skips leaves nothing missing to notify.
         */
        private boolean notifyMissingWhileDeactivated(JsonNode value) {
            String path = "Workflow.NotifyMissingWhileDeactivated";
            if (value == null || value.isNull()) {
                return false;
            }
            if (!value.isBoolean()) {
                error(workflowObject(), path, "must be true or false (true: a \"Partition Missing\" notification "
                        + "for each partition whose slot passes while a SCHEDULED trigger is DEACTIVATED)");
                return false;
            }
            if (value.booleanValue() && !partitioningDeclared) {
                error(workflowObject(), path, "needs Workflow.Partitioning: only a partitioned workflow has a "
                        + "partition per slot that can go missing (an unpartitioned workflow's next run processes "
                        + "whatever data is there); add Partitioning or remove NotifyMissingWhileDeactivated");
                return false;
            }
            return value.booleanValue();
        }

        private Partitioning partitioning(JsonNode node) {
            String object = workflowObject();
            if (!node.isObject()) {
                error(object, "Workflow.Partitioning", "must be an object with Granularity HOUR or DAY");
                return null;
            }
            unknownFields(node, PARTITIONING_FIELDS, object, "Workflow.Partitioning.");
            Granularity granularity = enumValue(node, "Granularity", Granularity.class, object,
                    "Workflow.Partitioning.Granularity", true);
            Integer offset = 0;
            JsonNode offsetNode = node.get("Offset");
            if (offsetNode == null || offsetNode.isNull()) {
                offset = Partitioning.DEFAULT_OFFSET;
            } else if (!offsetNode.canConvertToInt() || !offsetNode.isIntegralNumber()) {
                error(object, "Workflow.Partitioning.Offset", "must be a whole number of HOURs or DAYs, e.g. -1 for "
                        + "the previous one");
                offset = null;
            } else {
                offset = offsetNode.intValue();
            }
            ZoneId zone = ZoneId.of(Partitioning.DEFAULT_TIME_ZONE);
            String zoneText = optionalText(node, "TimeZone", object, "Workflow.Partitioning.TimeZone");
            if (zoneText != null) {
                try {
                    zone = ZoneId.of(zoneText);
                } catch (DateTimeException e) {
                    error(object, "Workflow.Partitioning.TimeZone", "'" + zoneText + "' is not a time zone; use an "
                            + "IANA name such as UTC or Europe/Paris");
                    zone = null;
                }
            }
            String dayKey = optionalText(node, "DayKey", object, "Workflow.Partitioning.DayKey");
            String hourKey = optionalText(node, "HourKey", object, "Workflow.Partitioning.HourKey");
            if (granularity == Granularity.DAY && hourKey != null) {
                error(object, "Workflow.Partitioning.HourKey", "only HOUR partitions have an hour; remove HourKey "
                        + "or set Granularity to HOUR");
            }
            if (granularity == null || offset == null || zone == null) {
                return null;
            }
            return new Partitioning(granularity, offset, zone,
                    dayKey == null ? Partitioning.DEFAULT_DAY_KEY : dayKey,
                    granularity == Granularity.HOUR ? (hourKey == null ? Partitioning.DEFAULT_HOUR_KEY : hourKey)
                            : null);
        }

        private Trigger trigger(JsonNode node, String path, Set<String> placeholders) {
            if (node == null || !node.isObject()) {
                error(workflowObject(), path, "must be a trigger object");
                return null;
            }
            String name = name(node, "Name", "trigger", path + ".Name");
            String object = name == null ? path : "trigger '" + name + "'";
            if (name != null) {
                if (triggerNames.contains(name)) {
                    error(object, "Name", "duplicate trigger name in this file; trigger names are unique");
                }
                triggerNames.add(name);
            }
            unknownFields(node, TRIGGER_FIELDS, object, "");
            String workflow = optionalText(node, "WorkflowName", object, "WorkflowName");
            if (workflow != null && workflowName != null && !workflow.equals(workflowName) && name != null) {
                foreignWorkflowNames.put(name, workflow);
            }
            String description = description(node, object, "Description");
            TriggerType type = enumValue(node, "Type", TriggerType.class, object, "Type", true);
            JsonNode startOnCreation = node.get("StartOnCreation");
            if (startOnCreation != null && !startOnCreation.isBoolean()) {
                error(object, "StartOnCreation", "must be true or false");
            }
            List<Action> actions = actions(node.get("Actions"), object, type, placeholders);
            boolean hasSchedule = node.hasNonNull("Schedule");
            boolean hasPredicate = node.hasNonNull("Predicate");
            if (type == null) {
                return null;
            }
            if (type != TriggerType.SCHEDULED && hasSchedule) {
                error(object, "Schedule", "only SCHEDULED triggers have a Schedule; remove it or set Type to "
                        + "SCHEDULED");
            }
            if (type != TriggerType.CONDITIONAL && hasPredicate) {
                error(object, "Predicate", "only CONDITIONAL triggers have a Predicate; remove it or set Type to "
                        + "CONDITIONAL");
            }
            if (type != TriggerType.SCHEDULED && node.has("MaxCatchUpRuns")) {
                error(object, "MaxCatchUpRuns", "only SCHEDULED triggers catch up missed slots; remove it");
            }
            if (type != TriggerType.EVENT) {
                for (String eventOnly : EVENT_FIELDS) {
                    if (node.has(eventOnly)) {
                        error(object, eventOnly, "only EVENT triggers have " + eventOnly + "; remove it or set Type "
                                + "to EVENT");
                    }
                }
            }
            switch (type) {
                case SCHEDULED -> {
                    Schedule schedule = null;
                    if (!hasSchedule) {
                        error(object, "Schedule", "required for a SCHEDULED trigger, e.g. \"cron(0 * * * ? *)\" "
                                + "for every hour");
                    } else if (!node.get("Schedule").isTextual()) {
                        error(object, "Schedule", "must be a string such as \"cron(0 * * * ? *)\"");
                    } else {
                        try {
                            schedule = Schedule.parse(node.get("Schedule").asText());
                        } catch (IllegalArgumentException e) {
                            error(object, "Schedule", e.getMessage());
                        }
                    }
                    Integer catchUp = nonNegativeInt(node, "MaxCatchUpRuns", object, "MaxCatchUpRuns");
                    if (schedule == null || actions == null || name == null) {
                        return null;
                    }
                    return new Trigger.Scheduled(name, workflowName, description, schedule, actions,
                            catchUp == null ? Trigger.Scheduled.DEFAULT_MAX_CATCH_UP_RUNS : catchUp);
                }
                case CONDITIONAL -> {
                    Predicate predicate = null;
                    if (!hasPredicate) {
                        error(object, "Predicate", "required for a CONDITIONAL trigger: {\"Logical\": \"AND\", "
                                + "\"Conditions\": [...]}");
                    } else {
                        predicate = predicate(node.get("Predicate"), object);
                    }
                    if (predicate == null || actions == null || name == null) {
                        return null;
                    }
                    return new Trigger.Conditional(name, workflowName, description, predicate, actions);
                }
                case ON_DEMAND -> {
                    if (actions == null || name == null) {
                        return null;
                    }
                    return new Trigger.OnDemand(name, workflowName, description, actions);
                }
                case EVENT -> {
                    return eventTrigger(node, object, name, description, actions);
                }
                default -> throw new IllegalStateException("unhandled trigger type " + type);
            }
        }

        private Trigger.Event eventTrigger(JsonNode node, String object, String name, String description,
                                           List<Action> actions) {
            int before = errors.size();
            EventBatching batching = eventBatching(node.get("EventBatchingCondition"), object);
            String eventPattern = eventPattern(node.get("EventPattern"), object);
            String eventBusName = pattern(node, "EventBusName", EVENT_BUS_NAME, object, "EventBusName",
                    "is not an event bus name: 1 to 256 letters, digits and / . - _ (leave EventBusName out for the "
                    + "account's default bus)");
            PartitionFrom partitionFrom = null;
            JsonNode partitionFromNode = node.get("PartitionFrom");
            if (partitionFromNode != null && !partitionFromNode.isNull()) {
                partitionFrom = partitionFrom(partitionFromNode, object);
            }
            if (errors.size() != before || actions == null || name == null) {
                return null;
            }
            return new Trigger.Event(name, workflowName, description, batching, eventPattern, eventBusName,
                    partitionFrom, actions);
        }

        /**
         * Glue's EventBatchingCondition: BatchSize required in it (1 to 100), BatchWindow 1 to 900 seconds (900);
         * without it, as Glue does, a run per event ({@link EventBatching#ONE_PER_EVENT}).
         */
        private EventBatching eventBatching(JsonNode node, String object) {
            if (node == null || node.isNull()) {
                return EventBatching.ONE_PER_EVENT;
            }
            if (!node.isObject()) {
                error(object, "EventBatchingCondition", "must be an object {\"BatchSize\": ..., \"BatchWindow\": "
                        + "...}");
                return null;
            }
            unknownFields(node, EVENT_BATCHING_FIELDS, object, "EventBatchingCondition.");
            Integer size = wholeNumber(node, "BatchSize", object, "EventBatchingCondition.BatchSize");
            if (size == null && !node.hasNonNull("BatchSize")) {
                error(object, "EventBatchingCondition.BatchSize", "required: how many events start a run, 1 to "
                        + EventBatching.MAX_BATCH_SIZE);
            } else if (size != null && (size < EventBatching.MIN_BATCH_SIZE || size > EventBatching.MAX_BATCH_SIZE)) {
                error(object, "EventBatchingCondition.BatchSize", size + " is outside Glue's range "
                        + EventBatching.MIN_BATCH_SIZE + " to " + EventBatching.MAX_BATCH_SIZE + " events");
                size = null;
            }
            Integer window = wholeNumber(node, "BatchWindow", object, "EventBatchingCondition.BatchWindow");
            if (window == null && !node.hasNonNull("BatchWindow")) {
                window = EventBatching.DEFAULT_BATCH_WINDOW_SECONDS;
            } else if (window != null && (window < EventBatching.MIN_BATCH_WINDOW_SECONDS
                    || window > EventBatching.MAX_BATCH_WINDOW_SECONDS)) {
                error(object, "EventBatchingCondition.BatchWindow", window + " is outside Glue's range "
                        + EventBatching.MIN_BATCH_WINDOW_SECONDS + " to " + EventBatching.MAX_BATCH_WINDOW_SECONDS
                        + " seconds (leave it out for " + EventBatching.DEFAULT_BATCH_WINDOW_SECONDS + ")");
                window = null;
            }
            return size == null || window == null ? null : new EventBatching(size, window);
        }

        /**
         * The EventBridge pattern of an EVENT trigger's rule, as its compact JSON: an object EventBridge accepts
         * (checked by AWS's own matcher, Event Ruler), within EventBridge's 2,048 characters, with a {@code source}:
         * without one the rule would match every event on the bus, and each would be one more Lambda invocation.
         */
        private String eventPattern(JsonNode node, String object) {
            String example = "e.g. {\"source\": [\"aws.s3\"], \"detail-type\": [\"Object Created\"], "
                    + "\"detail\": {\"bucket\": {\"name\": [\"my-bucket\"]}}}";
            if (node == null || node.isNull()) {
                error(object, "EventPattern", "required for an EVENT trigger: the EventBridge event pattern that "
                        + "selects its events, " + example);
                return null;
            }
            if (!node.isObject()) {
                error(object, "EventPattern", "must be a JSON object (an EventBridge event pattern), not a string or "
                        + "array: " + example);
                return null;
            }
            String compact = node.toString();
            int characters = compact.codePointCount(0, compact.length());
            if (characters > DefinitionLimits.MAX_EVENT_PATTERN_CHARACTERS) {
                error(object, "EventPattern", "is " + size(characters) + " characters as compact JSON; EventBridge "
                        + "allows at most " + size(DefinitionLimits.MAX_EVENT_PATTERN_CHARACTERS) + " per rule "
                        + "pattern: match on fewer values (a prefix instead of a list of keys, for example)");
                return null;
            }
            JsonNode source = node.get("source");
            boolean sourceOk = source != null && source.isArray() && !source.isEmpty();
            for (JsonNode value : sourceOk ? source : JSON.createArrayNode()) {
                sourceOk &= value.isTextual() && !value.asText().isEmpty();
            }
            if (!sourceOk) {
                error(object, "EventPattern.source", "required: a non-empty array of event sources, e.g. "
                        + "[\"aws.s3\"]; a pattern without one would match every event on the bus");
                return null;
            }
            String refused = software.amazon.event.ruler.RuleCompiler.check(compact);
            if (refused != null) {
                error(object, "EventPattern", "is not a pattern EventBridge accepts: " + refused);
                return null;
            }
            return compact;
        }

        /**
         * Where the partition is in an event (extension): only with the workflow's Partitioning, whose granularity
         * says which named groups the pattern needs.
         */
        private PartitionFrom partitionFrom(JsonNode node, String object) {
            if (!node.isObject()) {
                error(object, "PartitionFrom", "must be an object {\"Path\": \"detail.object.key\", "
                        + "\"Pattern\": \"dt=(?<day>\\\\d{4}-\\\\d{2}-\\\\d{2})/\"}");
                return null;
            }
            unknownFields(node, PARTITION_FROM_FIELDS, object, "PartitionFrom.");
            int before = errors.size();
            if (!partitioningDeclared) {
                error(object, "PartitionFrom", "needs Workflow.Partitioning: the partition found in an event names "
                        + "a run of the workflow's partitions; add Partitioning or remove PartitionFrom");
            }
            String path = optionalText(node, "Path", object, "PartitionFrom.Path");
            if (path == null && !node.hasNonNull("Path")) {
                error(object, "PartitionFrom.Path", "required: the dot path of the text that holds the partition, "
                        + "e.g. \"detail.object.key\"");
            } else if (path != null && !DOT_PATH.matcher(path).matches()) {
                error(object, "PartitionFrom.Path", "'" + shown(path) + "' is not a dot path: field names separated "
                        + "by single dots, e.g. \"detail.object.key\"");
            }
            String source = optionalText(node, "Pattern", object, "PartitionFrom.Pattern");
            PartitionFrom partitionFrom = null;
            if (source == null && !node.hasNonNull("Pattern")) {
                error(object, "PartitionFrom.Pattern", "required: a regular expression with the named group "
                        + "(?<day>...) (yyyy-MM-dd) and, for HOUR partitioning, (?<hour>...)");
            } else if (source != null) {
                try {
                    partitionFrom = new PartitionFrom(path == null ? "" : path, Pattern.compile(source));
                } catch (java.util.regex.PatternSyntaxException e) {
                    error(object, "PartitionFrom.Pattern", "is not a Java regular expression: " + e.getDescription()
                            + " near index " + e.getIndex());
                }
            }
            if (partitionFrom != null) {
                if (!partitionFrom.hasGroup(PartitionFrom.DAY_GROUP)) {
                    error(object, "PartitionFrom.Pattern", "needs the named group (?<day>...) that captures the "
                            + "day as yyyy-MM-dd, e.g. dt=(?<day>\\d{4}-\\d{2}-\\d{2})");
                }
                boolean hour = partitioning != null && partitioning.granularity() == Granularity.HOUR;
                if (partitioning != null && hour != partitionFrom.hasGroup(PartitionFrom.HOUR_GROUP)) {
                    error(object, "PartitionFrom.Pattern", hour
                            ? "needs the named group (?<hour>...) (0 to 23) for the workflow's HOUR partitions, e.g. "
                              + "hr=(?<hour>\\d{1,2})"
                            : "has the group (?<hour>...), but the workflow's partitions are DAYs: remove the group "
                              + "or set Partitioning.Granularity to HOUR");
                }
            }
            return errors.size() == before ? partitionFrom : null;
        }

        private Predicate predicate(JsonNode node, String object) {
            if (!node.isObject()) {
                error(object, "Predicate", "must be an object with Logical and Conditions");
                return null;
            }
            unknownFields(node, PREDICATE_FIELDS, object, "Predicate.");
            JsonNode conditionsNode = node.get("Conditions");
            if (conditionsNode == null || !conditionsNode.isArray() || conditionsNode.isEmpty()) {
                error(object, "Predicate.Conditions", "required: a non-empty array of conditions");
                return null;
            }
            if (conditionsNode.size() > Predicate.MAX_CONDITIONS) {
                error(object, "Predicate.Conditions", "has " + conditionsNode.size() + " conditions; Glue allows at "
                        + "most " + Predicate.MAX_CONDITIONS + " per predicate: split the trigger");
            }
            Logical logical = enumValue(node, "Logical", Logical.class, object, "Predicate.Logical", false);
            if (logical == null && !node.hasNonNull("Logical")) {
                if (conditionsNode.size() > 1) {
                    error(object, "Predicate.Logical", "required when there is more than one condition: AND (all "
                            + "must be met) or ANY (the first one met)");
                }
                logical = Logical.AND;
            }
            List<Condition> conditions = new ArrayList<>();
            for (int i = 0; i < conditionsNode.size(); i++) {
                Condition condition = condition(conditionsNode.get(i), object, "Predicate.Conditions[" + i + "]");
                if (condition != null) {
                    conditions.add(condition);
                }
            }
            if (logical == null || conditions.size() != conditionsNode.size()
                    || conditionsNode.size() > Predicate.MAX_CONDITIONS) {
                return null;
            }
            return new Predicate(logical, conditions);
        }

        private Condition condition(JsonNode node, String object, String path) {
            if (node == null || !node.isObject()) {
                error(object, path, "must be a condition object");
                return null;
            }
            unknownFields(node, CONDITION_FIELDS, object, path + ".");
            String operator = optionalText(node, "LogicalOperator", object, path + ".LogicalOperator");
            if (operator != null && !operator.equals("EQUALS")) {
                error(object, path + ".LogicalOperator", "'" + operator + "' is not supported; Glue conditions only "
                        + "use EQUALS");
            }
            boolean job = node.hasNonNull("JobName");
            boolean crawler = node.hasNonNull("CrawlerName");
            if (job == crawler) {
                error(object, path, job ? "names both JobName and CrawlerName; a condition watches one job or one "
                        + "crawler" : "needs JobName (with State) or CrawlerName (with CrawlState)");
                return null;
            }
            int before = errors.size();
            String account = pattern(node, "Account", ACCOUNT, object, path + ".Account",
                    "must be a 12-digit AWS account id, e.g. \"111122223333\"");
            String region = pattern(node, "Region", REGION, object, path + ".Region",
                    "must be an AWS Region name such as \"eu-west-1\"");
            if (region != null && account == null && node.has("Region")) {
                error(object, path + ".Region", "goes with Account: a Region names where another account's "
                        + "orchestrator runs");
            }
            boolean remoteOk = errors.size() == before;
            if (job) {
                String jobName = resourceName(node, "JobName", object, path + ".JobName");
                if (node.has("CrawlState")) {
                    error(object, path + ".CrawlState", "goes with CrawlerName; a job condition uses State");
                }
                JobRunState state = listenable(node, "State", JobRunState.class, JobRunState.LISTENABLE, object,
                        path + ".State");
                return jobName == null || state == null || !remoteOk ? null
                        : new Condition.JobCondition(jobName, state, account, region);
            }
            String crawlerName = resourceName(node, "CrawlerName", object, path + ".CrawlerName");
            if (node.has("State")) {
                error(object, path + ".State", "goes with JobName; a crawler condition uses CrawlState");
            }
            CrawlState state = listenable(node, "CrawlState", CrawlState.class, CrawlState.LISTENABLE, object,
                    path + ".CrawlState");
            return crawlerName == null || state == null || !remoteOk ? null
                    : new Condition.CrawlerCondition(crawlerName, state, account, region);
        }

        private List<Action> actions(JsonNode node, String object, TriggerType type, Set<String> placeholders) {
            if (node == null || !node.isArray() || node.isEmpty()) {
                error(object, "Actions", "required: a non-empty array of actions, e.g. [{\"JobName\": \"my-job\"}]");
                return null;
            }
            if (node.size() > Trigger.MAX_ACTIONS) {
                // Glue permits one start trigger per workflow: only a CONDITIONAL trigger splits into equal ones
                error(object, "Actions", "has " + node.size() + " actions; Glue allows at most " + Trigger.MAX_ACTIONS
                        + " per trigger (its quota of jobs per trigger): " + (type == TriggerType.CONDITIONAL
                        ? "split the trigger into several triggers with the same Predicate"
                        : "a workflow has one start trigger, so start at most " + Trigger.MAX_ACTIONS + " here and "
                          + "the rest from CONDITIONAL triggers on a job it starts"));
            }
            List<Action> actions = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                Action action = action(node.get(i), object, "Actions[" + i + "]", placeholders);
                if (action != null) {
                    actions.add(action);
                }
            }
            return actions.size() == node.size() && node.size() <= Trigger.MAX_ACTIONS ? actions : null;
        }

        private Action action(JsonNode node, String object, String path, Set<String> placeholders) {
            if (node == null || !node.isObject()) {
                error(object, path, "must be an action object with JobName or CrawlerName");
                return null;
            }
            unknownFields(node, ACTION_FIELDS, object, path + ".");
            boolean job = node.hasNonNull("JobName");
            boolean crawler = node.hasNonNull("CrawlerName");
            if (job == crawler) {
                error(object, path, job ? "names both JobName and CrawlerName; an action starts one job or one "
                        + "crawler" : "needs JobName or CrawlerName");
                return null;
            }
            if (crawler) {
                String crawlerName = resourceName(node, "CrawlerName", object, path + ".CrawlerName");
                List<String> jobOnlyFields = List.of("Arguments", "Timeout", "SecurityConfiguration",
                        "NotificationProperty", "ExpectedDurationMinutes", "RoleArn", "ExternalId");
                for (String jobOnly : jobOnlyFields) {
                    if (node.has(jobOnly)) {
                        error(object, path + "." + jobOnly, "only job actions take " + jobOnly
                                + "; remove it from the crawler action");
                    }
                }
                return crawlerName == null ? null : new Action.CrawlerAction(crawlerName);
            }
            int before = errors.size();
            String jobName = resourceName(node, "JobName", object, path + ".JobName");
            Map<String, String> arguments = stringMap(node.get("Arguments"), object, path + ".Arguments");
            for (Map.Entry<String, String> argument : arguments.entrySet()) {
                Matcher matcher = PLACEHOLDER.matcher(argument.getValue());
                while (matcher.find()) {
                    if (!placeholders.contains(matcher.group(1))) {
                        error(object, path + ".Arguments." + argument.getKey(), "${" + matcher.group(1) + "} names no "
                                + "run property; define it in Workflow.DefaultRunProperties"
                                + (placeholders.isEmpty() ? "" : " or use one of " + new java.util.TreeSet<>(
                                        placeholders)));
                    }
                }
            }
            Integer timeout = positiveInt(node, "Timeout", object, path + ".Timeout");
            String securityConfiguration = optionalName(node, "SecurityConfiguration", object,
                    path + ".SecurityConfiguration");
            Integer notifyDelayAfter = null;
            JsonNode notification = node.get("NotificationProperty");
            if (notification != null && !notification.isNull()) {
                if (!notification.isObject()) {
                    error(object, path + ".NotificationProperty", "must be {\"NotifyDelayAfter\": minutes}");
                } else {
                    unknownFields(notification, Set.of("NotifyDelayAfter"), object, path + ".NotificationProperty.");
                    notifyDelayAfter = positiveInt(notification, "NotifyDelayAfter", object,
                            path + ".NotificationProperty.NotifyDelayAfter");
                }
            }
            Integer expectedDuration = positiveInt(node, "ExpectedDurationMinutes", object,
                    path + ".ExpectedDurationMinutes");
            String roleArn = pattern(node, "RoleArn", ROLE_ARN, object, path + ".RoleArn", "must be an IAM role ARN "
                    + "such as \"arn:aws:iam::111122223333:role/glue-orchestrator-remote-actions\"");
            String externalId = pattern(node, "ExternalId", EXTERNAL_ID, object, path + ".ExternalId",
                    "must be 2 to 1224 characters of letters, digits and +=,.@:/-");
            if (externalId != null && !node.hasNonNull("RoleArn")) {
                error(object, path + ".ExternalId", "goes with RoleArn: it is what the role's trust policy requires");
            }
            if (errors.size() != before || jobName == null) {
                return null;
            }
            return new Action.JobAction(jobName, arguments, timeout, securityConfiguration, notifyDelayAfter,
                    expectedDuration, roleArn, externalId);
        }

        /** What only the whole workflow can tell: a start trigger exists, every condition can be satisfied. */
        private void crossTriggerChecks(List<Trigger> triggers, Partitioning workflowPartitioning) {
            boolean remotelyStarted = triggers.stream().anyMatch(t -> t instanceof Trigger.Conditional c
                    && c.predicate().conditions().stream().anyMatch(Condition::isRemote));
            boolean hasStart = triggers.stream().anyMatch(t -> t.type() != TriggerType.CONDITIONAL);
            if (!triggers.isEmpty() && !hasStart && !remotelyStarted) {
                error(workflowObject(), "Triggers", "no SCHEDULED, ON_DEMAND or EVENT trigger: nothing can start a "
                        + "run of this workflow; add one");
            }
            if (remotelyStarted && workflowPartitioning == null) {
                error(workflowObject(), "Workflow.Partitioning", "required when a condition names an Account: "
                        + "another account's completion joins the run of the same partition");
            }
            Set<String> started = new HashSet<>();
            for (Trigger trigger : triggers) {
                for (Action action : trigger.actions()) {
                    started.add(action.type() + ":" + action.name());
                }
            }
            for (Trigger trigger : triggers) {
                if (trigger instanceof Trigger.Conditional conditional) {
                    List<Condition> conditions = conditional.predicate().conditions();
                    for (int i = 0; i < conditions.size(); i++) {
                        Condition condition = conditions.get(i);
                        if (!condition.isRemote() && !started.contains(condition.type() + ":" + condition.name())) {
                            error("trigger '" + trigger.name() + "'", "Predicate.Conditions[" + i + "]",
                                    "watches " + condition.type().name().toLowerCase(java.util.Locale.ROOT) + " '"
                                    + condition.name() + "', which no trigger of workflow '" + workflowName
                                    + "' starts; only runs started inside the workflow run count, so it could never "
                                    + "be met (for another account's job, add its Account)");
                        }
                    }
                }
            }
            triggerCycles(triggers);
        }

        /**
         * Refuses a cycle of triggers: T1 starts X, T2 watches X and starts Y, ..., T1 watches the last of them.
         * Glue fires a trigger at most once per workflow run, so whichever way the run enters the cycle it goes round
         * once more and starts a job or crawler a second time (or the closing condition can never matter). Another
         * account's condition is not an edge: its runs are not started by this workflow run. One cycle is reported
         * per trigger not yet seen on a reported cycle, so an error names one cycle to break, not every rotation.
         */
        private void triggerCycles(List<Trigger> triggers) {
            Map<String, List<Trigger.Conditional>> listeners = new HashMap<>();
            for (Trigger trigger : triggers) {
                if (trigger instanceof Trigger.Conditional conditional) {
                    for (Condition condition : conditional.predicate().conditions()) {
                        List<Trigger.Conditional> watching = listeners.computeIfAbsent(
                                condition.type() + ":" + condition.name(), key -> new ArrayList<>());
                        if (!condition.isRemote() && !watching.contains(conditional)) {
                            watching.add(conditional);
                        }
                    }
                }
            }
            Set<String> onReportedCycle = new HashSet<>();
            for (Trigger trigger : triggers) {
                if (trigger instanceof Trigger.Conditional start && !onReportedCycle.contains(start.name())) {
                    List<String> cycle = shortestCycle(start, listeners);
                    if (!cycle.isEmpty()) {
                        reportCycle(cycle);
                        for (int i = 0; i < cycle.size(); i += 2) {
                            onReportedCycle.add(cycle.get(i));
                        }
                    }
                }
            }
        }

        /**
         * The shortest way from {@code start} back to itself, as trigger, node, trigger, node, ..., trigger names
         * (first and last {@code start}); empty when there is none.
         */
        private static List<String> shortestCycle(Trigger.Conditional start,
                                                  Map<String, List<Trigger.Conditional>> listeners) {
            // breadth first, remembering for each trigger reached the trigger and the node it was reached through
            Map<Trigger, Trigger> previous = new HashMap<>();
            Map<Trigger, String> through = new HashMap<>();
            java.util.ArrayDeque<Trigger> queue = new java.util.ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                Trigger trigger = queue.removeFirst();
                for (Action action : trigger.actions()) {
                    for (Trigger.Conditional next : listeners.getOrDefault(action.type() + ":" + action.name(),
                            List.of())) {
                        if (next == start) {
                            List<String> cycle = new ArrayList<>(List.of(action.name(), start.name()));
                            for (Trigger at = trigger; at != start; at = previous.get(at)) {
                                cycle.add(0, at.name());
                                cycle.add(0, through.get(at));
                            }
                            cycle.add(0, start.name());
                            return cycle;
                        }
                        if (!previous.containsKey(next)) {
                            previous.put(next, trigger);
                            through.put(next, action.name());
                            queue.addLast(next);
                        }
                    }
                }
            }
            return List.of();
        }

        private void reportCycle(List<String> cycle) {
            List<String> nodes = new ArrayList<>();
            for (int i = 1; i < cycle.size(); i += 2) {
                nodes.add(cycle.get(i));
            }
            String closing = cycle.get(0);
            String closedBy = cycle.get(cycle.size() - 2);
            error(workflowObject(), "Triggers", "trigger cycle " + String.join(" -> ", cycle) + ": a trigger fires "
                    + "at most once per workflow run, so the run goes round the cycle once more and "
                    + String.join(" or ", nodes) + " would run twice; break the cycle (for example, remove the condition on " + closedBy
                    + " from trigger '" + closing + "')");
        }

        private Set<String> definedProperties(Workflow workflow) {
            if (workflow == null) {
                return Set.of();
            }
            Set<String> names = new LinkedHashSet<>(workflow.defaultRunProperties().keySet());
            if (workflow.partitioning() != null) {
                names.add(DAY_PARTITION_VALUE);
                if (workflow.partitioning().granularity() == Granularity.HOUR) {
                    names.add(HOUR_PARTITION_VALUE);
                }
            }
            return names;
        }

        private String name(JsonNode node, String field, String object, String path) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                error(object, path, "required");
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                error(object, path, "must be a non-empty string");
                return null;
            }
            String text = value.asText();
            return nameRule(text, object, path) ? text : null;
        }

        /** Glue's rule for names and run property keys: 1 to 255 bytes of UTF-8 on a single line. */
        private boolean nameRule(String text, String object, String path) {
            int bytes = DefinitionLimits.utf8Bytes(text);
            if (text.isEmpty() || bytes > DefinitionLimits.MAX_NAME_BYTES) {
                error(object, path, "'" + shown(text) + "' is " + size(bytes) + " bytes in UTF-8; Glue allows 1 to "
                        + DefinitionLimits.MAX_NAME_BYTES + " bytes: shorten it");
                return false;
            }
            if (text.chars().anyMatch(Character::isISOControl)) {
                error(object, path, "'" + shown(text) + "' must be on a single line, without control characters");
                return false;
            }
            return true;
        }

        private String optionalName(JsonNode node, String field, String object, String path) {
            return node.hasNonNull(field) ? name(node, field, object, path) : null;
        }

        /** A workflow's Description: at most 120,000 characters, as CreateWorkflow takes it. */
        private String workflowDescription(JsonNode node, String object, String path) {
            String description = optionalText(node, "Description", object, path);
            if (description != null) {
                int characters = description.codePointCount(0, description.length());
                if (characters > DefinitionLimits.MAX_WORKFLOW_DESCRIPTION_CHARACTERS) {
                    error(object, path, "is " + size(characters) + " characters; Glue allows at most "
                            + size(DefinitionLimits.MAX_WORKFLOW_DESCRIPTION_CHARACTERS) + ": shorten it (link to "
                            + "longer documentation instead)");
                    return null;
                }
            }
            return description;
        }

        /** A trigger's Description: Glue's DescriptionString, at most 2,048 bytes of UTF-8. */
        private String description(JsonNode node, String object, String path) {
            String description = optionalText(node, "Description", object, path);
            if (description != null) {
                int bytes = DefinitionLimits.utf8Bytes(description);
                if (bytes > DefinitionLimits.MAX_DESCRIPTION_BYTES) {
                    error(object, path, "is " + size(bytes) + " bytes in UTF-8; Glue allows at most "
                            + size(DefinitionLimits.MAX_DESCRIPTION_BYTES) + ": shorten it (link to longer "
                            + "documentation instead)");
                    return null;
                }
            }
            return description;
        }

        private String pattern(JsonNode node, String field, Pattern pattern, String object, String path,
                               String reason) {
            String value = optionalText(node, field, object, path);
            if (value != null && !pattern.matcher(value).matches()) {
                error(object, path, "'" + value + "' " + reason);
                return null;
            }
            return value;
        }

        /**
         * A job or crawler name. Names become IAM resource ARNs and event-rule values, where {@code *} and {@code ?}
         * are wildcards: such a name would grant more than the one job or crawler.
         */
        private String resourceName(JsonNode node, String field, String object, String path) {
            String name = name(node, field, object, path);
            if (name != null && (name.contains("*") || name.contains("?"))) {
                error(object, path, "'" + name + "' holds an IAM wildcard character (* or ?); the orchestrator's "
                        + "policies would allow more than this job or crawler: name one job or crawler");
                return null;
            }
            return name;
        }

        private String optionalText(JsonNode node, String field, String object, String path) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                error(object, path, "must be a string");
                return null;
            }
            return value.asText();
        }

        private Map<String, String> stringMap(JsonNode node, String object, String path) {
            Map<String, String> map = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return map;
            }
            if (!node.isObject()) {
                error(object, path, "must be an object of string values");
                return map;
            }
            node.properties().forEach(entry -> {
                if (entry.getValue().isTextual()) {
                    map.put(entry.getKey(), entry.getValue().asText());
                } else {
                    error(object, path + "." + entry.getKey(), "must be a string (quote numbers and booleans)");
                }
            });
            return map;
        }

        private Integer positiveInt(JsonNode node, String field, String object, String path) {
            Integer value = wholeNumber(node, field, object, path);
            if (value != null && value < 1) {
                error(object, path, "must be at least 1");
                return null;
            }
            return value;
        }

        private Integer nonNegativeInt(JsonNode node, String field, String object, String path) {
            Integer value = wholeNumber(node, field, object, path);
            if (value != null && value < 0) {
                error(object, path, "must be 0 or more");
                return null;
            }
            return value;
        }

        private Integer wholeNumber(JsonNode node, String field, String object, String path) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                error(object, path, "must be a whole number");
                return null;
            }
            return value.intValue();
        }

        private <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type, String object,
                                                String path, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    error(object, path, "required: one of " + List.of(type.getEnumConstants()));
                }
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (value.isTextual() && constant.name().equals(value.asText())) {
                    return constant;
                }
            }
            error(object, path, "'" + value.asText() + "' is not one of " + List.of(type.getEnumConstants()));
            return null;
        }

        private <E extends Enum<E>> E listenable(JsonNode node, String field, Class<E> type, Set<E> allowed,
                                                 String object, String path) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                error(object, path, "required: one of " + allowed);
                return null;
            }
            for (E constant : allowed) {
                if (constant.name().equals(value.asText())) {
                    return constant;
                }
            }
            error(object, path, "'" + value.asText() + "' cannot be listened for: a trigger fires on a finished "
                    + "run, so use one of " + allowed);
            return null;
        }

        private void unknownFields(JsonNode node, Set<String> known, String object, String prefix) {
            node.fieldNames().forEachRemaining(field -> {
                if (!known.contains(field)) {
                    error(object, prefix + field, "unknown field; expected one of " + new java.util.TreeSet<>(known));
                }
            });
        }

        /** The start of a text too long to repeat whole in a message. */
        private static String shown(String text) {
            if (text.length() <= SHOWN_CHARACTERS) {
                return text;
            }
            int end = Character.isHighSurrogate(text.charAt(SHOWN_CHARACTERS - 1)) ? SHOWN_CHARACTERS - 1
                    : SHOWN_CHARACTERS;
            return text.substring(0, end) + "...";
        }

        private static String size(int bytes) {
            return String.format(java.util.Locale.ROOT, "%,d", bytes);
        }

        private String workflowObject() {
            return workflowName == null ? "workflow" : "workflow '" + workflowName + "'";
        }

        private String fileName() {
            int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
            return source.substring(slash + 1);
        }

        private void error(String object, String field, String reason) {
            errors.add(new DefinitionError(source, object, field, reason));
        }
    }
}
