package dev.glueorch.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.model.DefinitionValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The mapping on estates as a template gives them (no trigger State, StartOnCreation instead, members Glue's API does
 * not answer), where the account test cannot reach: moto refuses a predicate without Logical, and has no EVENT
 * trigger with a pattern.
 */
class EstateMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKFLOW = "{\"Name\": \"orders\"}";
    private static final String START = "{\"Name\": \"start\", \"WorkflowName\": \"orders\", \"Type\": \"SCHEDULED\", "
            + "\"Schedule\": \"cron(0 * * * ? *)\", \"StartOnCreation\": true, \"Actions\": [{\"JobName\": \"load\"}]}";

    @Test
    void triggerFromATemplate_shouldBeCarriedAsWritten_andSayWhatStartOnCreationFalseMeansHere() {
        // GIVEN one condition without Logical (Glue's default), StartOnCreation left out
        String next = "{\"Name\": \"next\", \"WorkflowName\": \"orders\", \"Type\": \"CONDITIONAL\", \"Predicate\": "
                + "{\"Conditions\": [{\"LogicalOperator\": \"EQUALS\", \"JobName\": \"load\", \"State\": "
                + "\"SUCCEEDED\"}]}, \"Actions\": [{\"JobName\": \"report\", \"Arguments\": {}}]}";

        // WHEN
        MappedWorkflow mapped = onlyWorkflow(map(estate(List.of(WORKFLOW), List.of(next, START), Map.of()), false));

        // THEN
        assertThat(mapped.document()).isEqualTo(json("{\"Workflow\": {\"Name\": \"orders\"}, \"Triggers\": ["
                + START.replace("\"WorkflowName\": \"orders\", ", "") + ", " + next.replace("\"WorkflowName\": "
                + "\"orders\", ", "").replace(", \"Arguments\": {}", "") + "]}"));
        assertThat(subjects(mapped.findings())).containsExactly(
                "CARRIED_DIFFERENTLY workflow orders, trigger next, StartOnCreation");
        assertThat(mapped.findings().get(0).message()).contains("glueorch triggers deactivate next");
        new DefinitionValidator().validate("orders.json", WorkflowFiles.text(mapped.document()));
    }

    @Test
    void membersTheOrchestratorDoesNotHave_shouldEachBeAFindingNotASilentDrop() {
        // GIVEN
        String workflow = "{\"Name\": \"orders\", \"Tags\": {\"team\": \"data\"}, \"Labels\": [\"x\"]}";
        String start = "{\"Name\": \"start\", \"WorkflowName\": \"orders\", \"Type\": \"ON_DEMAND\", "
                + "\"Tags\": {\"team\": \"data\"}, \"Actions\": [{\"JobName\": \"load\", \"MaxRetries\": 2}, "
                + "{\"CrawlerName\": \"catalog\", \"Timeout\": 5}]}";

        // WHEN
        MappedWorkflow mapped = onlyWorkflow(map(estate(List.of(workflow), List.of(start), Map.of()), false));

        // THEN
        assertThat(subjects(mapped.findings())).containsExactly(
                "CARRIED_DIFFERENTLY workflow orders, Tags",
                "NEEDS_DECISION workflow orders, Labels",
                "NEEDS_DECISION workflow orders, trigger start, Actions, MaxRetries",
                "CHANGED workflow orders, trigger start, Actions",
                "CARRIED_DIFFERENTLY workflow orders, trigger start, Tags");
        assertThat(mapped.findings().get(1).message()).isEqualTo("not carried: the orchestrator has no "
                + "Workflow.Labels (was [\"x\"])");
        assertThat(mapped.findings().get(3).message()).contains("crawler catalog", "Timeout", "ignores it");
        assertThat(mapped.document().get("Triggers").get(0).get("Actions")).isEqualTo(json(
                "[{\"JobName\": \"load\"}, {\"CrawlerName\": \"catalog\"}]"));
    }

    @Test
    void eventTriggerWithAPattern_shouldBeCarried_andOneWithoutBeLeftOutWithWhatToAdd() {
        // GIVEN
        String withPattern = "{\"Name\": \"files\", \"WorkflowName\": \"orders\", \"Type\": \"EVENT\", "
                + "\"StartOnCreation\": true, \"EventBatchingCondition\": {\"BatchSize\": 5, \"BatchWindow\": 60}, "
                + "\"EventPattern\": {\"source\": [\"aws.s3\"]}, \"Actions\": [{\"JobName\": \"load\"}]}";
        String without = withPattern.replace("\"files\"", "\"more-files\"")
                .replace(", \"EventPattern\": {\"source\": [\"aws.s3\"]}", "");

        // WHEN
        MappedWorkflow mapped = onlyWorkflow(map(estate(List.of(WORKFLOW), List.of(withPattern, without),
                Map.of()), false));

        // THEN
        assertThat(mapped.document().get("Triggers")).hasSize(1);
        assertThat(mapped.document().get("Triggers").get(0).get("EventPattern")).isEqualTo(
                json("{\"source\": [\"aws.s3\"]}"));
        assertThat(subjects(mapped.findings())).containsExactly("NEEDS_DECISION workflow orders, trigger more-files");
        assertThat(mapped.findings().get(0).message()).contains("left out of orders.json", "\"EventPattern\"",
                "{\"Name\":\"more-files\",\"Type\":\"EVENT\"");
    }

    @Test
    void partitioning_shouldNotBeAdded_whenASlotWouldShareItsPartitionWithAnother() {
        // GIVEN a job reading the day's partition, started every hour
        Map<String, String> jobs = Map.of("load", "{\"Name\": \"load\", \"DefaultArguments\": "
                + "{\"--day_partition_value\": \"2026-01-01\"}}");

        // WHEN
        ImportPlan plan = map(estate(List.of(WORKFLOW), List.of(START), jobs), true);

        // THEN
        MappedWorkflow mapped = onlyWorkflow(plan);
        assertThat(mapped.document().get("Workflow").has("Partitioning")).isFalse();
        assertThat(subjects(mapped.findings())).containsExactly("NEEDS_DECISION workflow orders, Partitioning");
        assertThat(mapped.findings().get(0).message()).contains("start", "more than once per DAY");
    }

    @Test
    void partitioning_shouldSayWhenAnActionsOwnArgumentWouldPinThePartition() {
        // GIVEN
        String start = START.replace("{\"JobName\": \"load\"}",
                "{\"JobName\": \"load\", \"Arguments\": {\"--hour_partition_value\": \"3\"}}");
        Map<String, String> jobs = Map.of("load", "{\"Name\": \"load\", \"DefaultArguments\": "
                + "{\"--day_partition_value\": \"2026-01-01\", \"--hour_partition_value\": \"0\"}}");

        // WHEN
        MappedWorkflow mapped = onlyWorkflow(map(estate(List.of(WORKFLOW), List.of(start), jobs), true));

        // THEN
        assertThat(mapped.document().get("Workflow").get("Partitioning").get("Granularity").asText())
                .isEqualTo("HOUR");
        assertThat(subjects(mapped.findings())).containsExactly("CHANGED workflow orders, Partitioning",
                "NEEDS_DECISION workflow orders, Partitioning");
        assertThat(mapped.findings().get(1).message()).contains("--hour_partition_value", "win over");
    }

    @Test
    void triggerNamingAWorkflowTheSourceDoesNotDefine_shouldBeSaid() {
        // GIVEN
        String stray = START.replace("\"orders\"", "\"elsewhere\"");

        // WHEN
        ImportPlan plan = map(estate(List.of(), List.of(stray), Map.of()), false);

        // THEN
        assertThat(plan.workflows()).isEmpty();
        assertThat(subjects(plan.findings())).containsExactly("NEEDS_DECISION trigger start");
        assertThat(plan.findings().get(0).message()).contains("workflow elsewhere");
        assertThat(plan.findings().get(0).source()).isEqualTo("stack.yaml, trigger start");
    }

    private static ImportPlan map(GlueEstate estate, boolean partitioning) {
        return new EstateMapper("stack.yaml", partitioning).map(estate, Set.of());
    }

    private static MappedWorkflow onlyWorkflow(ImportPlan plan) {
        assertThat(plan.workflows()).hasSize(1);
        return plan.workflows().get(0);
    }

    private static GlueEstate estate(List<String> workflows, List<String> triggers, Map<String, String> jobs) {
        Map<String, ObjectNode> jobShapes = new LinkedHashMap<>();
        jobs.forEach((name, job) -> jobShapes.put(name, (ObjectNode) json(job)));
        return new GlueEstate(workflows.stream().map(w -> (ObjectNode) json(w)).toList(),
                triggers.stream().map(t -> (ObjectNode) json(t)).toList(), jobShapes, List.of());
    }

    private static List<String> subjects(List<ImportFinding> findings) {
        List<String> subjects = new ArrayList<>();
        findings.forEach(f -> subjects.add(f.kind() + " " + f.subject()));
        return subjects;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
