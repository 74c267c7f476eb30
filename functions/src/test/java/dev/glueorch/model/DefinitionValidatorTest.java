package dev.glueorch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.testing.Resources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DefinitionValidatorTest {

    private static final String FILE = "workflows/sales.json";
    private final DefinitionValidator validator = new DefinitionValidator();

    /** A valid workflow file whose triggers are replaced by {@code triggers}. */
    private static String workflow(String triggers) {
        return """
            {"Workflow": {"Name": "sales", "DefaultRunProperties": {"env": "prod"},
                          "Partitioning": {"Granularity": "HOUR"}},
             "Triggers": [
               {"Name": "start", "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)",
                "Actions": [{"JobName": "ingest"}, {"JobName": "other"}, {"CrawlerName": "catalog"}]}%s]}
            """.formatted(triggers.isEmpty() ? "" : ",\n" + triggers);
    }

    /** {@code count} job actions, {@code part-0} to {@code part-<count - 1>}, as the elements of a JSON array. */
    private static String jobActions(int count) {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < count; i++) {
            actions.append(i == 0 ? "" : ", ").append("{\"JobName\": \"part-").append(i).append("\"}");
        }
        return actions.toString();
    }

    @Test
    void exampleWorkflow_shouldParseIntoGlueShapes() {
        // GIVEN the shipped hourly example
        // WHEN it is loaded
        Definitions definitions = new DefinitionLoader().load(Resources.exampleWorkflows());
        // THEN workflow, partitioning and every trigger type are read
        WorkflowDefinition sales = definitions.workflow("sales-hourly").orElseThrow();
        assertThat(sales.workflow().maxConcurrentRuns()).isEqualTo(2);
        assertThat(sales.workflow().partitioning()).isEqualTo(new Partitioning(Granularity.HOUR, -1,
                java.time.ZoneId.of("UTC"), "partition_0", "partition_1"));
        assertThat(sales.triggers()).extracting(Trigger::type).containsExactly(TriggerType.SCHEDULED,
                TriggerType.ON_DEMAND, TriggerType.CONDITIONAL, TriggerType.CONDITIONAL, TriggerType.CONDITIONAL);
        Trigger.Conditional join = (Trigger.Conditional) sales.trigger("sales-join").orElseThrow();
        assertThat(join.predicate().logical()).isEqualTo(Logical.AND);
        assertThat(join.predicate().conditions()).containsExactly(
                new Condition.JobCondition("ingest-orders", JobRunState.SUCCEEDED),
                new Condition.JobCondition("ingest-payments", JobRunState.SUCCEEDED));
        assertThat(definitions.jobNames()).containsExactly("alert-on-failure", "ingest-orders", "ingest-payments",
                "load-sales", "transform-sales");
        assertThat(definitions.crawlerNames()).containsExactly("catalog-sales");
        assertThat(definitions.listenersOf(NodeType.JOB, "transform-sales")).extracting(Trigger::name)
                .containsExactly("sales-publish", "sales-alert");
    }

    @Test
    void version_shouldBeTheSameForTheSameFilesAndDifferForOthers() {
        String a = validator.validate(FILE, workflow("")).name();
        Definitions first = validator.validateAll(Map.of(FILE, workflow("")));
        Definitions again = validator.validateAll(Map.of(FILE, workflow("")));
        Definitions changed = validator.validateAll(Map.of(FILE, workflow("").replace("prod", "dev")));
        assertThat(a).isEqualTo("sales");
        assertThat(first.version()).isEqualTo(again.version()).isNotEqualTo(changed.version());
    }

    static List<Arguments> invalidDefinitions() {
        String condition = "{\"LogicalOperator\": \"EQUALS\", \"JobName\": \"ingest\", \"State\": \"SUCCEEDED\"}";
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append(condition);
        }
        return List.of(
            Arguments.of("missing Schedule on SCHEDULED",
                "{\"Name\": \"t\", \"Type\": \"SCHEDULED\", \"Actions\": [{\"JobName\": \"ingest\"}]}",
                "trigger 't'", "Schedule", "required for a SCHEDULED trigger"),
            Arguments.of("bad cron expression",
                "{\"Name\": \"t\", \"Type\": \"SCHEDULED\", \"Schedule\": \"cron(0 * * * *)\", "
                    + "\"Actions\": [{\"JobName\": \"ingest\"}]}",
                "trigger 't'", "Schedule", "has 5 fields; AWS cron needs 6"),
            Arguments.of("cron with both day fields",
                "{\"Name\": \"t\", \"Type\": \"SCHEDULED\", \"Schedule\": \"cron(0 * * * MON *)\", "
                    + "\"Actions\": [{\"JobName\": \"ingest\"}]}",
                "trigger 't'", "Schedule", "is not a valid AWS cron expression"),
            Arguments.of("rate instead of cron",
                "{\"Name\": \"t\", \"Type\": \"SCHEDULED\", \"Schedule\": \"rate(1 hour)\", "
                    + "\"Actions\": [{\"JobName\": \"ingest\"}]}",
                "trigger 't'", "Schedule", "is not a cron expression"),
            Arguments.of("missing Predicate on CONDITIONAL",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Actions\": [{\"JobName\": \"ingest\"}]}",
                "trigger 't'", "Predicate", "required for a CONDITIONAL trigger"),
            Arguments.of("two conditions without Logical",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": [" + condition + ", "
                    + condition.replace("ingest", "other") + "]}, \"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate.Logical", "required when there is more than one condition"),
            Arguments.of("condition on RUNNING",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": ["
                    + condition.replace("SUCCEEDED", "RUNNING") + "]}, \"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate.Conditions[0].State", "'RUNNING' cannot be listened for"),
            Arguments.of("condition on STARTING",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": ["
                    + condition.replace("SUCCEEDED", "STARTING") + "]}, \"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate.Conditions[0].State", "'STARTING' cannot be listened for"),
            Arguments.of("crawl condition on RUNNING",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": [{\"CrawlerName\": "
                    + "\"catalog\", \"CrawlState\": \"RUNNING\"}]}, \"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate.Conditions[0].CrawlState", "'RUNNING' cannot be listened for"),
            Arguments.of("condition with both JobName and CrawlerName",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": [{\"JobName\": "
                    + "\"ingest\", \"CrawlerName\": \"catalog\", \"State\": \"SUCCEEDED\"}]}, "
                    + "\"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate.Conditions[0]", "names both JobName and CrawlerName"),
            Arguments.of("condition with neither JobName nor CrawlerName",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": [{\"State\": "
                    + "\"SUCCEEDED\"}]}, \"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate.Conditions[0]", "needs JobName (with State) or CrawlerName"),
            Arguments.of("more than 500 conditions",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Logical\": \"ANY\", \"Conditions\": ["
                    + many + "]}, \"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate.Conditions", "has 501 conditions; Glue allows at most 500"),
            Arguments.of("more than 50 actions",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": [" + condition + "]}, "
                    + "\"Actions\": [" + jobActions(51) + "]}",
                "trigger 't'", "Actions", "has 51 actions; Glue allows at most 50 per trigger (its quota of jobs per "
                    + "trigger): split the trigger into several triggers with the same Predicate"),
            Arguments.of("more than 50 actions on a start trigger",
                "{\"Name\": \"t\", \"Type\": \"ON_DEMAND\", \"Actions\": [" + jobActions(51) + "]}",
                "trigger 't'", "Actions", "has 51 actions; Glue allows at most 50 per trigger (its quota of jobs per "
                    + "trigger): a workflow has one start trigger, so start at most 50 here and the rest from "
                    + "CONDITIONAL triggers on a job it starts"),
            Arguments.of("unknown placeholder",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": [" + condition + "]}, "
                    + "\"Actions\": [{\"JobName\": \"x\", \"Arguments\": {\"--out\": \"s3://b/${region}/x\"}}]}",
                "trigger 't'", "Actions[0].Arguments.--out", "${region} names no run property"),
            Arguments.of("trigger naming a workflow that does not exist",
                "{\"Name\": \"t\", \"WorkflowName\": \"nope\", \"Type\": \"ON_DEMAND\", "
                    + "\"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "WorkflowName", "names workflow 'nope', which does not exist"),
            Arguments.of("duplicate trigger names",
                "{\"Name\": \"start\", \"Type\": \"ON_DEMAND\", \"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 'start'", "Name", "duplicate trigger name"),
            Arguments.of("action with both JobName and CrawlerName",
                "{\"Name\": \"t\", \"Type\": \"ON_DEMAND\", \"Actions\": [{\"JobName\": \"x\", "
                    + "\"CrawlerName\": \"y\"}]}",
                "trigger 't'", "Actions[0]", "names both JobName and CrawlerName"),
            Arguments.of("action with neither JobName nor CrawlerName",
                "{\"Name\": \"t\", \"Type\": \"ON_DEMAND\", \"Actions\": [{\"Arguments\": {}}]}",
                "trigger 't'", "Actions[0]", "needs JobName or CrawlerName"),
            Arguments.of("condition on a job no trigger of the workflow starts",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": ["
                    + condition.replace("ingest", "elsewhere") + "]}, \"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate.Conditions[0]", "which no trigger of workflow 'sales' starts"),
            Arguments.of("Predicate on a SCHEDULED trigger",
                "{\"Name\": \"t\", \"Type\": \"SCHEDULED\", \"Schedule\": \"cron(0 * * * ? *)\", \"Predicate\": "
                    + "{\"Conditions\": [" + condition + "]}, \"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate", "only CONDITIONAL triggers have a Predicate"),
            Arguments.of("misspelt field",
                "{\"Name\": \"t\", \"Type\": \"ON_DEMAND\", \"Action\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Action", "unknown field"),
            Arguments.of("wildcard in a job name",
                "{\"Name\": \"t\", \"Type\": \"ON_DEMAND\", \"Actions\": [{\"JobName\": \"ingest-*\"}]}",
                "trigger 't'", "Actions[0].JobName", "'ingest-*' holds an IAM wildcard character"),
            Arguments.of("condition account that is not 12 digits",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": [{\"JobName\": "
                    + "\"up\", \"State\": \"SUCCEEDED\", \"Account\": \"1111\"}]}, "
                    + "\"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate.Conditions[0].Account", "'1111' must be a 12-digit AWS account id"),
            Arguments.of("condition region that is no Region",
                "{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": [{\"JobName\": "
                    + "\"up\", \"State\": \"SUCCEEDED\", \"Account\": \"111111111111\", \"Region\": \"Europe\"}]}, "
                    + "\"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Predicate.Conditions[0].Region", "'Europe' must be an AWS Region name"),
            Arguments.of("action role that is no role ARN",
                "{\"Name\": \"t\", \"Type\": \"ON_DEMAND\", \"Actions\": [{\"JobName\": \"x\", "
                    + "\"RoleArn\": \"arn:aws:iam::12:user/x\"}]}",
                "trigger 't'", "Actions[0].RoleArn", "must be an IAM role ARN"),
            Arguments.of("external id without a role",
                "{\"Name\": \"t\", \"Type\": \"ON_DEMAND\", \"Actions\": [{\"JobName\": \"x\", "
                    + "\"ExternalId\": \"abc\"}]}",
                "trigger 't'", "Actions[0].ExternalId", "goes with RoleArn"),
            Arguments.of("unknown trigger type",
                "{\"Name\": \"t\", \"Type\": \"TIMER\", \"Actions\": [{\"JobName\": \"x\"}]}",
                "trigger 't'", "Type", "'TIMER' is not one of [SCHEDULED, CONDITIONAL, ON_DEMAND, EVENT]"));
    }

    @ParameterizedTest(name = "{0} actions")
    @ValueSource(ints = {49, Trigger.MAX_ACTIONS})
    void triggerWithUpToFiftyActions_shouldBeAcceptedWithEveryAction(int count) {
        // GIVEN a CONDITIONAL trigger with up to Glue's 50 actions
        String json = workflow("{\"Name\": \"t\", \"Type\": \"CONDITIONAL\", \"Predicate\": {\"Conditions\": ["
                + "{\"JobName\": \"ingest\", \"State\": \"SUCCEEDED\"}]}, \"Actions\": [" + jobActions(count) + "]}");
        // WHEN it is validated
        WorkflowDefinition definition = validator.validate(FILE, json);
        // THEN it is accepted with every action, in order
        assertThat(definition.trigger("t").orElseThrow().actions()).extracting(Action::name)
                .hasSize(count).startsWith("part-0").endsWith("part-" + (count - 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDefinitions")
    void invalidDefinition_shouldBeRefusedNamingFileObjectAndField(String why, String trigger, String object,
                                                                   String field, String reason) {
        // GIVEN a workflow file with one bad trigger
        String json = workflow(trigger);
        // WHEN it is validated
        // THEN it is refused with file, object, field and reason
        assertThatThrownBy(() -> validator.validate(FILE, json))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> {
                            assertThat(error.file()).isEqualTo(FILE);
                            assertThat(error.object()).isEqualTo(object);
                            assertThat(error.field()).isEqualTo(field);
                            assertThat(error.reason()).contains(reason);
                        }));
    }

    @Test
    void everyError_shouldBeReportedNotJustTheFirst() {
        // GIVEN a file with three independent mistakes
        String json = workflow("{\"Name\": \"a\", \"Type\": \"SCHEDULED\", \"Actions\": [{\"JobName\": \"x\"}]},"
                + "{\"Name\": \"b\", \"Type\": \"CONDITIONAL\", \"Actions\": [{\"JobName\": \"x\"}]},"
                + "{\"Name\": \"c\", \"Type\": \"ON_DEMAND\", \"Actions\": [{}]}");
        // WHEN / THEN all three are listed
        assertThatThrownBy(() -> validator.validate(FILE, json))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors())
                        .extracting(DefinitionError::object)
                        .contains("trigger 'a'", "trigger 'b'", "trigger 'c'"));
    }

    @Test
    void duplicateWorkflowNamesAcrossFiles_shouldBeRefused() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("workflows/a/sales.json", workflow(""));
        files.put("workflows/b/sales.json", workflow("").replace("\"start\"", "\"start2\""));
        assertThatThrownBy(() -> validator.validateAll(files))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors()).anySatisfy(error -> {
                    assertThat(error.file()).isEqualTo("workflows/b/sales.json");
                    assertThat(error.reason()).contains("duplicate workflow name, already defined in "
                            + "workflows/a/sales.json");
                }));
    }

    @Test
    void remoteCondition_shouldNeedPartitioningAndMakeAStartTriggerOptional() {
        String remoteOnly = """
                {"Workflow": {"Name": "sales"%s},
                 "Triggers": [{"Name": "after-producer", "Type": "CONDITIONAL",
                   "Predicate": {"Conditions": [{"JobName": "ingest", "State": "SUCCEEDED",
                                                 "Account": "111111111111", "Region": "eu-west-1"}]},
                   "Actions": [{"JobName": "report", "RoleArn": "arn:aws:iam::111111111111:role/remote",
                                "ExternalId": "sales"}]}]}
                """;
        assertThatThrownBy(() -> validator.validate(FILE, remoteOnly.formatted("")))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo("Workflow.Partitioning")));
        Definitions definitions = validator.validateAll(Map.of(FILE, remoteOnly.formatted(
                ", \"Partitioning\": {\"Granularity\": \"HOUR\"}")));
        assertThat(definitions.upstreamAccounts()).containsExactly("111111111111");
        assertThat(definitions.remoteRoleArns()).containsExactly("arn:aws:iam::111111111111:role/remote");
        assertThat(definitions.remoteJobNames("111111111111")).containsExactly("report");
        assertThat(definitions.jobNames()).as("jobs of other accounts are not this account's").isEmpty();
    }

    @Test
    void notifyMissingWhileDeactivated_shouldBeABooleanOfAPartitionedWorkflowAndDefaultToFalse() {
        // GIVEN the option left out, set, given as a string, and set on a workflow without Partitioning
        String partitioned = workflow("");
        String unpartitioned = partitioned.replaceAll(",\\s*\"Partitioning\": \\{\"Granularity\": \"HOUR\"}", "");
        // WHEN / THEN
        assertThat(validator.validate(FILE, partitioned).workflow().notifyMissingWhileDeactivated()).isFalse();
        assertThat(validator.validate(FILE, withOption(partitioned, "true")).workflow()
                .notifyMissingWhileDeactivated()).isTrue();
        assertThatThrownBy(() -> validator.validate(FILE, withOption(partitioned, "\"yes\"")))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.file()).isEqualTo(FILE);
                            assertThat(error.object()).isEqualTo("workflow 'sales'");
                            assertThat(error.field()).isEqualTo("Workflow.NotifyMissingWhileDeactivated");
                            assertThat(error.reason()).startsWith("must be true or false");
                        }));
        assertThat(unpartitioned).doesNotContain("Partitioning");
        assertThatThrownBy(() -> validator.validate(FILE, withOption(unpartitioned, "true")))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("Workflow.NotifyMissingWhileDeactivated");
                            assertThat(error.reason()).startsWith("needs Workflow.Partitioning")
                                    .contains("add Partitioning or remove NotifyMissingWhileDeactivated");
                        }));
        assertThat(validator.validate(FILE, withOption(unpartitioned, "false")).workflow()
                .notifyMissingWhileDeactivated()).isFalse();
    }

    private static String withOption(String json, String value) {
        return json.replace("\"Name\": \"sales\",", "\"Name\": \"sales\", \"NotifyMissingWhileDeactivated\": "
                + value + ",");
    }

    @Test
    void fileNotNamedAfterItsWorkflow_shouldBeRefused() {
        assertThatThrownBy(() -> validator.validate("workflows/orders.json", workflow("")))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors()).anySatisfy(error ->
                        assertThat(error.reason()).contains("must be named sales.json")));
    }

    @Test
    void brokenJson_shouldNameLineAndColumn() {
        assertThatThrownBy(() -> validator.validate(FILE, "{\"Workflow\": {\"Name\": \"sales\",}}"))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors().get(0).reason())
                        .startsWith("not valid JSON (line 1, column"));
    }

    @Test
    void stringLongerThanTheJsonParserTakes_shouldBeRefusedAsInvalidJsonNotFailTheValidator() {
        // GIVEN a Description longer than the 20,000,000 characters Jackson reads in one string (it then gives no
        // location)
        String json = "{\"Workflow\": {\"Name\": \"sales\", \"Description\": \"" + "x".repeat(20_000_001) + "\"}}";
        // WHEN / THEN it is one "not valid JSON" error naming Jackson's limit, not a NullPointerException
        assertThatThrownBy(() -> validator.validate(FILE, json))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.reason()).startsWith("not valid JSON: ")
                                .contains("20000000")));
    }

    @Test
    void singleConditionWithoutLogical_shouldMeanAnd() {
        WorkflowDefinition definition = validator.validate(FILE, workflow("{\"Name\": \"t\", \"Type\": "
                + "\"CONDITIONAL\", \"Predicate\": {\"Conditions\": [{\"CrawlerName\": \"catalog\", \"CrawlState\": "
                + "\"CANCELLED\"}]}, \"Actions\": [{\"JobName\": \"x\"}]}"));
        Trigger.Conditional trigger = (Trigger.Conditional) definition.trigger("t").orElseThrow();
        assertThat(trigger.predicate()).isEqualTo(new Predicate(Logical.AND,
                List.of(new Condition.CrawlerCondition("catalog", CrawlState.CANCELLED))));
    }
    @Test
    void triggerCycle_shouldBeRefusedNamingItsTriggersAndJobs() {
        // GIVEN trigger a starting job-1 when job-2 succeeds, and trigger b starting job-2 when job-1 succeeds
        String json = workflow("""
                {"Name": "a", "Type": "CONDITIONAL", "Predicate": {"Logical": "ANY", "Conditions": [
                   {"JobName": "ingest", "State": "SUCCEEDED"}, {"JobName": "job-2", "State": "SUCCEEDED"}]},
                 "Actions": [{"JobName": "job-1"}]},
                {"Name": "b", "Type": "CONDITIONAL", "Predicate": {"Conditions": [
                   {"JobName": "job-1", "State": "SUCCEEDED"}]},
                 "Actions": [{"JobName": "job-2"}]}""");
        // WHEN it is validated
        // THEN the one cycle is refused, named from its first trigger, with the condition to remove
        assertThatThrownBy(() -> validator.validate(FILE, json))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors()).singleElement()
                        .hasToString(FILE + ": workflow 'sales': Triggers: trigger cycle a -> job-1 -> b -> job-2 -> a: "
                                + "a trigger fires at most once per workflow run, so the run goes round the cycle once "
                                + "more and job-1 or job-2 would run twice; break the cycle (for example, remove the "
                                + "condition on job-2 from trigger 'a')"));
    }

    @Test
    void triggerRestartingTheJobItWatches_shouldBeRefusedAsACycle() {
        // GIVEN a trigger that starts the crawl again when it fails
        String json = workflow("""
                {"Name": "again", "Type": "CONDITIONAL", "Predicate": {"Conditions": [
                   {"CrawlerName": "catalog", "CrawlState": "FAILED"}]},
                 "Actions": [{"CrawlerName": "catalog"}]}""");
        // WHEN / THEN the cycle of one trigger is refused
        assertThatThrownBy(() -> validator.validate(FILE, json))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.reason()).startsWith(
                                "trigger cycle again -> catalog -> again: ")));
    }

    @Test
    void triggersJoiningWithoutACycleOrThroughAnotherAccount_shouldBeAccepted() {
        // GIVEN a diamond (ingest → x and y → join) and a trigger watching another account's run of its own job
        String json = workflow("""
                {"Name": "x", "Type": "CONDITIONAL", "Predicate": {"Conditions": [
                   {"JobName": "ingest", "State": "SUCCEEDED"}]}, "Actions": [{"JobName": "left"}]},
                {"Name": "y", "Type": "CONDITIONAL", "Predicate": {"Conditions": [
                   {"JobName": "ingest", "State": "SUCCEEDED"}]}, "Actions": [{"JobName": "right"}]},
                {"Name": "join", "Type": "CONDITIONAL", "Predicate": {"Logical": "AND", "Conditions": [
                   {"JobName": "left", "State": "SUCCEEDED"}, {"JobName": "right", "State": "SUCCEEDED"}]},
                 "Actions": [{"JobName": "publish"}]},
                {"Name": "mirror", "Type": "CONDITIONAL", "Predicate": {"Conditions": [
                   {"JobName": "publish", "State": "SUCCEEDED", "Account": "111111111111"}]},
                 "Actions": [{"JobName": "publish"}]}""");
        // WHEN it is validated
        WorkflowDefinition definition = validator.validate(FILE, json);
        // THEN it is accepted
        assertThat(definition.triggers()).extracting(Trigger::name).contains("join", "mirror");
    }
}
