package dev.glueorch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link DefinitionValidator} accepts and refuses of EVENT triggers (Glue's, plus the extensions). */
class EventTriggerValidationTest {

    private static final String FILE = "workflows/landing.json";
    private static final String S3_PATTERN = "{\"source\": [\"aws.s3\"], \"detail-type\": [\"Object Created\"], "
            + "\"detail\": {\"bucket\": {\"name\": [\"partner-drops\"]}}}";
    private static final String HOUR_PARTITION_FROM = "{\"Path\": \"detail.object.key\", "
            + "\"Pattern\": \"dt=(?<day>\\\\d{4}-\\\\d{2}-\\\\d{2})/hr=(?<hour>\\\\d{1,2})/\"}";
    private final DefinitionValidator validator = new DefinitionValidator();

    /** A workflow file with {@code partitioning} (a JSON object, or empty for none) and the one trigger given. */
    private static String workflow(String partitioning, String trigger) {
        return """
            {"Workflow": {"Name": "landing"%s},
             "Triggers": [%s]}
            """.formatted(partitioning.isEmpty() ? "" : ", \"Partitioning\": " + partitioning, trigger);
    }

    /** An EVENT trigger {@code t} with the S3 pattern and the given extra fields (leading comma included). */
    private static String eventTrigger(String fields) {
        return "{\"Name\": \"t\", \"Type\": \"EVENT\", \"EventPattern\": " + S3_PATTERN + fields
                + ", \"Actions\": [{\"JobName\": \"load\"}]}";
    }

    @Test
    void eventTrigger_shouldBeAStartTriggerWithGluesBatchingAndItsExtensions() {
        // GIVEN an hourly workflow started only by an EVENT trigger with every field set
        String json = workflow("{\"Granularity\": \"HOUR\"}", eventTrigger(", \"EventBatchingCondition\": "
                + "{\"BatchSize\": 5, \"BatchWindow\": 300}, \"EventBusName\": \"partner-bus\", \"PartitionFrom\": "
                + HOUR_PARTITION_FROM));
        // WHEN it is validated
        WorkflowDefinition definition = validator.validate(FILE, json);
        // THEN it is an EVENT trigger with its batching, compact pattern, bus and partition source
        Trigger.Event trigger = (Trigger.Event) definition.trigger("t").orElseThrow();
        assertThat(trigger.type()).isEqualTo(TriggerType.EVENT);
        assertThat(trigger.batching()).isEqualTo(new EventBatching(5, 300));
        assertThat(trigger.eventPattern()).isEqualTo("{\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"],"
                + "\"detail\":{\"bucket\":{\"name\":[\"partner-drops\"]}}}");
        assertThat(trigger.eventBusName()).isEqualTo("partner-bus");
        assertThat(trigger.partitionFrom().path()).isEqualTo("detail.object.key");
        assertThat(trigger.partitionFrom().hasGroup("day")).isTrue();
        assertThat(trigger.partitionFrom().hasGroup("hour")).isTrue();
    }

    @Test
    void batchWindowLeftOut_shouldBeGluesDefaultOf900SecondsOnTheDefaultBus() {
        // GIVEN an EVENT trigger with only a BatchSize, no bus and no partitioning
        String json = workflow("", eventTrigger(", \"EventBatchingCondition\": {\"BatchSize\": 1}"));
        // WHEN it is validated
        Trigger.Event trigger = (Trigger.Event) validator.validate(FILE, json).trigger("t").orElseThrow();
        // THEN the window is Glue's default and the bus the account's default
        assertThat(trigger.batching()).isEqualTo(new EventBatching(1, 900));
        assertThat(trigger.eventBusName()).isNull();
        assertThat(trigger.partitionFrom()).isNull();
    }

    @Test
    void eventBatchingConditionLeftOut_shouldStartARunPerEventAsGlueDoes() {
        // GIVEN an EVENT trigger without EventBatchingCondition (Glue: "the batch size defaults to 1")
        String json = workflow("", eventTrigger(""));
        // WHEN it is validated
        Trigger.Event trigger = (Trigger.Event) validator.validate(FILE, json).trigger("t").orElseThrow();
        // THEN each event is a batch of its own
        assertThat(trigger.batching()).isEqualTo(new EventBatching(1, 900));
    }

    @Test
    void dayPartitionFrom_shouldNeedOnlyTheDayGroup() {
        // GIVEN a daily workflow whose EVENT trigger finds the day in the key
        String json = workflow("{\"Granularity\": \"DAY\"}", eventTrigger(", \"EventBatchingCondition\": "
                + "{\"BatchSize\": 10}, \"PartitionFrom\": {\"Path\": \"detail.object.key\", "
                + "\"Pattern\": \"/(?<day>\\\\d{4}-\\\\d{2}-\\\\d{2})/\"}"));
        // WHEN / THEN it is accepted
        assertThat(validator.validate(FILE, json).trigger("t").orElseThrow()).isInstanceOf(Trigger.Event.class);
    }

    static List<Arguments> invalidEventTriggers() {
        String batching = ", \"EventBatchingCondition\": {\"BatchSize\": 5}";
        String hourly = "{\"Granularity\": \"HOUR\"}";
        String longList = "\"k\"" + ", \"k\"".repeat(500);
        return List.of(
            Arguments.of("BatchSize missing", "", eventTrigger(", \"EventBatchingCondition\": {\"BatchWindow\": 60}"),
                "EventBatchingCondition.BatchSize", "required: how many events start a run, 1 to 100"),
            Arguments.of("BatchSize above 100", "", eventTrigger(", \"EventBatchingCondition\": {\"BatchSize\": 101}"),
                "EventBatchingCondition.BatchSize", "101 is outside Glue's range 1 to 100 events"),
            Arguments.of("BatchSize 0", "", eventTrigger(", \"EventBatchingCondition\": {\"BatchSize\": 0}"),
                "EventBatchingCondition.BatchSize", "0 is outside Glue's range 1 to 100 events"),
            Arguments.of("BatchWindow above 900", "",
                eventTrigger(", \"EventBatchingCondition\": {\"BatchSize\": 1, \"BatchWindow\": 901}"),
                "EventBatchingCondition.BatchWindow", "901 is outside Glue's range 1 to 900 seconds"),
            Arguments.of("BatchWindow not a number", "",
                eventTrigger(", \"EventBatchingCondition\": {\"BatchSize\": 1, \"BatchWindow\": \"5m\"}"),
                "EventBatchingCondition.BatchWindow", "must be a whole number"),
            Arguments.of("misspelt batching field", "",
                eventTrigger(", \"EventBatchingCondition\": {\"BatchSize\": 1, \"Window\": 5}"),
                "EventBatchingCondition.Window", "unknown field"),
            Arguments.of("EventBatchingCondition on a SCHEDULED trigger", "",
                "{\"Name\": \"t\", \"Type\": \"SCHEDULED\", \"Schedule\": \"cron(0 * * * ? *)\", "
                    + "\"EventBatchingCondition\": {\"BatchSize\": 1}, \"Actions\": [{\"JobName\": \"load\"}]}",
                "EventBatchingCondition", "only EVENT triggers have EventBatchingCondition"),
            Arguments.of("EventPattern on an ON_DEMAND trigger", "",
                "{\"Name\": \"t\", \"Type\": \"ON_DEMAND\", \"EventPattern\": " + S3_PATTERN
                    + ", \"Actions\": [{\"JobName\": \"load\"}]}",
                "EventPattern", "only EVENT triggers have EventPattern"),
            Arguments.of("EVENT without EventPattern", "",
                "{\"Name\": \"t\", \"Type\": \"EVENT\", \"EventBatchingCondition\": {\"BatchSize\": 1}, "
                    + "\"Actions\": [{\"JobName\": \"load\"}]}",
                "EventPattern", "required for an EVENT trigger: the EventBridge event pattern"),
            Arguments.of("EventPattern as a string", "",
                eventTrigger(batching).replace("\"EventPattern\": " + S3_PATTERN,
                    "\"EventPattern\": \"{\\\"source\\\": [\\\"aws.s3\\\"]}\""),
                "EventPattern", "must be a JSON object (an EventBridge event pattern), not a string"),
            Arguments.of("EventPattern without source", "",
                eventTrigger(batching).replace(S3_PATTERN, "{\"detail-type\": [\"Object Created\"]}"),
                "EventPattern.source", "a pattern without one would match every event on the bus"),
            Arguments.of("EventPattern with an empty source", "",
                eventTrigger(batching).replace(S3_PATTERN, "{\"source\": []}"),
                "EventPattern.source", "required: a non-empty array of event sources"),
            Arguments.of("EventPattern EventBridge refuses", "",
                eventTrigger(batching).replace(S3_PATTERN, "{\"source\": [\"aws.s3\"], \"detail\": {\"size\": "
                    + "[{\"numeric\": [\"<<\", 5]}]}}"),
                "EventPattern", "is not a pattern EventBridge accepts: "),
            Arguments.of("EventPattern over 2,048 characters", "",
                eventTrigger(batching).replace(S3_PATTERN, "{\"source\": [\"aws.s3\"], \"detail\": {\"object\": "
                    + "{\"key\": [" + longList + "]}}}"),
                "EventPattern", "characters as compact JSON; EventBridge allows at most 2,048 per rule pattern"),
            Arguments.of("bus name with a space", "", eventTrigger(batching + ", \"EventBusName\": \"my bus\""),
                "EventBusName", "'my bus' is not an event bus name"),
            Arguments.of("PartitionFrom without Partitioning", "",
                eventTrigger(batching + ", \"PartitionFrom\": " + HOUR_PARTITION_FROM),
                "PartitionFrom", "needs Workflow.Partitioning"),
            Arguments.of("PartitionFrom Path with an empty step", hourly,
                eventTrigger(batching + ", \"PartitionFrom\": " + HOUR_PARTITION_FROM.replace("detail.object.key",
                    "detail..key")),
                "PartitionFrom.Path", "'detail..key' is not a dot path"),
            Arguments.of("PartitionFrom without Path", hourly,
                eventTrigger(batching + ", \"PartitionFrom\": " + HOUR_PARTITION_FROM.replace(
                    "\"Path\": \"detail.object.key\", ", "")),
                "PartitionFrom.Path", "required: the dot path"),
            Arguments.of("PartitionFrom Pattern that does not compile", hourly,
                eventTrigger(batching + ", \"PartitionFrom\": {\"Path\": \"detail.object.key\", "
                    + "\"Pattern\": \"dt=(?<day>[0-9-\"}"),
                "PartitionFrom.Pattern", "is not a Java regular expression"),
            Arguments.of("PartitionFrom Pattern without day", hourly,
                eventTrigger(batching + ", \"PartitionFrom\": " + HOUR_PARTITION_FROM.replace("?<day>", "")),
                "PartitionFrom.Pattern", "needs the named group (?<day>...)"),
            Arguments.of("HOUR partitions without an hour group", hourly,
                eventTrigger(batching + ", \"PartitionFrom\": " + HOUR_PARTITION_FROM.replace("?<hour>", "")),
                "PartitionFrom.Pattern", "needs the named group (?<hour>...) (0 to 23)"),
            Arguments.of("DAY partitions with an hour group", "{\"Granularity\": \"DAY\"}",
                eventTrigger(batching + ", \"PartitionFrom\": " + HOUR_PARTITION_FROM),
                "PartitionFrom.Pattern", "has the group (?<hour>...), but the workflow's partitions are DAYs"),
            Arguments.of("misspelt PartitionFrom field", hourly,
                eventTrigger(batching + ", \"PartitionFrom\": " + HOUR_PARTITION_FROM.replace("Path", "Field")),
                "PartitionFrom.Field", "unknown field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEventTriggers")
    void invalidEventTrigger_shouldBeRefusedNamingTheFieldAndTheFix(String why, String partitioning, String trigger,
                                                                    String field, String reason) {
        // GIVEN a workflow file whose EVENT trigger has one mistake
        String json = workflow(partitioning, trigger);
        // WHEN it is validated
        // THEN it is refused naming the file, the trigger, the field and what to do
        assertThatThrownBy(() -> validator.validate(FILE, json))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> {
                            assertThat(error.file()).isEqualTo(FILE);
                            assertThat(error.object()).isEqualTo("trigger 't'");
                            assertThat(error.field()).isEqualTo(field);
                            assertThat(error.reason()).contains(reason);
                        }));
    }

    @Test
    void workflowWithoutAnyStartTrigger_shouldNameEventAmongTheStartTypes() {
        // GIVEN a workflow with only a CONDITIONAL trigger
        String json = workflow("", "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": "
                + "[{\"JobName\": \"load\", \"State\": \"SUCCEEDED\"}]}, \"Actions\": [{\"JobName\": \"load\"}]}");
        // WHEN / THEN the refusal names every type that can start a run
        assertThatThrownBy(() -> validator.validate(FILE, json))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors())
                        .extracting(DefinitionError::reason)
                        .anySatisfy(reason -> assertThat(reason).startsWith("no SCHEDULED, ON_DEMAND or EVENT "
                                + "trigger: nothing can start a run")));
    }
}
