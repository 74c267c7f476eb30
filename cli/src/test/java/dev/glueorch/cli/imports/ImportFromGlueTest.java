package dev.glueorch.cli.imports;

import static dev.glueorch.cli.imports.GlueEstateInMoto.CRAWL;
import static dev.glueorch.cli.imports.GlueEstateInMoto.DEACTIVATED_TRIGGER;
import static dev.glueorch.cli.imports.GlueEstateInMoto.EMPTY;
import static dev.glueorch.cli.imports.GlueEstateInMoto.EVENT_TRIGGER;
import static dev.glueorch.cli.imports.GlueEstateInMoto.LONE_TRIGGER;
import static dev.glueorch.cli.imports.GlueEstateInMoto.PARTNER;
import static dev.glueorch.cli.imports.GlueEstateInMoto.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.ExitStatus;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.FreePort;
import dev.glueorch.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.Workflow;

/**
 * {@code glueorch import --from-glue} against moto's Glue: an account of four workflows and a trigger of no
 * workflow, imported, validated, compared with what moto holds, and shown again by {@code workflows get} once
 * published.
 */
class ImportFromGlueTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An account of its own: no other test's workflows or triggers in it. */
    private static MotoServer moto;
    private static GlueClient glue;
    private static GlueEstateInMoto estate;

    @TempDir
    Path folder;

    @BeforeAll
    static void createTheAccount() {
        moto = MotoServer.start();
        glue = moto.glue();
        estate = new GlueEstateInMoto(glue).create();
    }

    @AfterAll
    static void stopMoto() {
        glue.close();
        moto.close();
    }

    @Test
    void importAll_shouldWriteEveryWorkflowTheValidatorTakes_asMotoHoldsIt() {
        // WHEN
        GlueOrchRun run = glueorch("import", "--from-glue", "--out", folder.toString());

        // THEN
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.FAILED);
        assertThat(ImportedFolder.names(folder)).containsExactlyInAnyOrder(SALES + ".json", CRAWL + ".json", PARTNER + ".json");
        Definitions loaded = new DefinitionLoader().load(folder);
        assertThat(loaded.workflows()).containsOnlyKeys(SALES, CRAWL, PARTNER);
        for (String workflow : List.of(SALES, CRAWL)) {
            JsonNode file = ImportedFolder.read(folder.resolve(workflow + ".json"));
            assertThat(workflowOf(file)).isEqualTo(expectedWorkflow(estate.workflow(workflow)));
            assertThat(triggersOf(file)).isEqualTo(expectedTriggers(workflow));
        }
        Map<String, Object> partner = expectedTriggers(PARTNER);
        partner.remove(EVENT_TRIGGER);
        assertThat(triggersOf(ImportedFolder.read(folder.resolve(PARTNER + ".json")))).isEqualTo(partner);
    }

    @Test
    void importAll_shouldSayWhatDidNotCarryAsItWas() {
        // WHEN
        GlueOrchRun run = glueorch("import", "--from-glue", "--out", folder.toString(), "--output", "json");

        // THEN
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.FAILED);
        JsonNode report = run.json();
        assertThat(report.get("Written")).hasSize(3);
        List<String> findings = findings(report);
        assertThat(findings).contains(
                "NEEDS_DECISION trigger " + LONE_TRIGGER,
                "NEEDS_DECISION workflow " + SALES + ", trigger " + DEACTIVATED_TRIGGER + ", State",
                "CARRIED_DIFFERENTLY workflow " + SALES + ", MaxConcurrentRuns",
                "CARRIED_DIFFERENTLY workflow " + SALES + ", job load-sales",
                "NEEDS_DECISION workflow " + PARTNER + ", trigger " + EVENT_TRIGGER,
                "NEEDS_DECISION workflow " + EMPTY);
        assertThat(findings).noneMatch(f -> f.contains(CRAWL));
        assertThat(message(report, "workflow " + SALES + ", trigger " + DEACTIVATED_TRIGGER + ", State"))
                .contains("DEACTIVATED", "glueorch triggers deactivate " + DEACTIVATED_TRIGGER);
        assertThat(message(report, "workflow " + PARTNER + ", trigger " + EVENT_TRIGGER))
                .contains("EventPattern", "\"BatchSize\":10");
        assertThat(message(report, "workflow " + SALES + ", job load-sales")).contains(LONE_TRIGGER);
        assertThat(message(report, "workflow " + EMPTY)).contains("not written", "Triggers");
        assertThat(run.err()).contains("NEEDS_DECISION: trigger " + LONE_TRIGGER + ": belongs to no workflow",
                "3 workflow file(s) written");
    }

    @Test
    void importOneWorkflowThatCarriesWhole_shouldWriteOnlyItAndExit0() {
        // WHEN
        GlueOrchRun run = glueorch("import", "--from-glue", "--workflow", CRAWL, "--out", folder.toString(), "--output",
                "json");

        // THEN
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.OK);
        assertThat(ImportedFolder.names(folder)).containsExactly(CRAWL + ".json");
        assertThat(run.json().get("Written")).hasSize(1);
        assertThat(run.json().get("Written").get(0).get("Workflow").asText()).isEqualTo(CRAWL);
        assertThat(run.json().get("Written").get(0).get("File").asText())
                .isEqualTo(folder.resolve(CRAWL + ".json").toString());
        assertThat(run.json().get("Findings")).isEmpty();
    }

    @Test
    void importOneWorkflow_shouldReportTheTriggerOfNoWorkflowThatStartsItsJobs() {
        // WHEN
        GlueOrchRun run = glueorch("import", "--from-glue", "--workflow", SALES, "--out", folder.toString(), "--output",
                "json");

        // THEN
        assertThat(ImportedFolder.names(folder)).containsExactly(SALES + ".json");
        assertThat(findings(run.json())).contains("NEEDS_DECISION trigger " + LONE_TRIGGER)
                .noneMatch(f -> f.contains(PARTNER) || f.contains(EMPTY));
    }

    @Test
    void partitioning_shouldPartitionTheWorkflowsWhoseJobsReadThePartitionArguments() {
        // WHEN
        GlueOrchRun run = glueorch("import", "--from-glue", "--workflow", SALES, "--workflow", CRAWL, "--partitioning",
                "--out", folder.toString(), "--output", "json");

        // THEN
        JsonNode sales = ImportedFolder.read(folder.resolve(SALES + ".json")).get("Workflow").get("Partitioning");
        assertThat(JSON.convertValue(sales, Map.class)).isEqualTo(Map.of("Granularity", "HOUR", "Offset", -1,
                "TimeZone", "UTC", "DayKey", "dt", "HourKey", "hr"));
        JsonNode crawl = ImportedFolder.read(folder.resolve(CRAWL + ".json")).get("Workflow").get("Partitioning");
        assertThat(JSON.convertValue(crawl, Map.class)).isEqualTo(Map.of("Granularity", "DAY", "Offset", -1,
                "TimeZone", "UTC", "DayKey", "partition_0"));
        assertThat(findings(run.json())).contains("CHANGED workflow " + SALES + ", Partitioning",
                "CHANGED workflow " + CRAWL + ", Partitioning");
        assertThat(message(run.json(), "workflow " + CRAWL + ", Partitioning")).contains("compact-raw");
        assertThat(new DefinitionLoader().load(folder).workflows()).containsOnlyKeys(SALES, CRAWL);
    }

    @Test
    void partitioningOfACleanWorkflow_shouldStillExit0() {
        // WHEN
        GlueOrchRun run = glueorch("import", "--from-glue", "--workflow", CRAWL, "--partitioning", "--out",
                folder.toString());

        // THEN
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.OK);
        assertThat(run.out()).contains(CRAWL, folder.resolve(CRAWL + ".json").toString());
        assertThat(run.err()).contains("CHANGED: workflow " + CRAWL + ", Partitioning: added Partitioning");
    }

    @Test
    void existingFile_shouldStopTheImportBeforeAnythingIsWritten_unlessForced() throws IOException {
        // GIVEN
        Files.writeString(folder.resolve(CRAWL + ".json"), "{}");

        // WHEN
        GlueOrchRun refused = glueorch("import", "--from-glue", "--workflow", SALES, "--workflow", CRAWL, "--out",
                folder.toString());

        // THEN
        assertThat(refused.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(refused.err().strip()).isEqualTo(folder.resolve(CRAWL + ".json") + " exists: pass --force to "
                + "replace, or --out another folder; nothing was written");
        assertThat(ImportedFolder.names(folder)).containsExactly(CRAWL + ".json");
        assertThat(Files.readString(folder.resolve(CRAWL + ".json"))).isEqualTo("{}");

        // WHEN
        GlueOrchRun forced = glueorch("import", "--from-glue", "--workflow", SALES, "--workflow", CRAWL, "--out",
                folder.toString(), "--force");

        // THEN
        assertThat(forced.exitCode()).as(forced.err()).isEqualTo(ExitStatus.FAILED);
        assertThat(new DefinitionLoader().load(folder).workflows()).containsOnlyKeys(SALES, CRAWL);
    }

    @Test
    void unknownWorkflow_shouldBeBadInputAndWriteNothing() {
        // WHEN
        GlueOrchRun run = glueorch("import", "--from-glue", "--workflow", CRAWL, "--workflow", "no-such-workflow",
                "--out", folder.toString());

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("no workflow 'no-such-workflow' in Glue us-east-1 (names are "
                + "case-sensitive; 'aws glue list-workflows' lists them)");
        assertThat(ImportedFolder.names(folder)).isEmpty();
    }

    @Test
    void glueUnreachable_shouldSayItInOneLineAndExit1() {
        // WHEN
        GlueOrchRun run = glueorch("import", "--from-glue", "--out", folder.toString(), "--endpoint-url",
                "http://127.0.0.1:" + FreePort.find());

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.FAILED);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .startsWith("could not reach Glue us-east-1: ");
        assertThat(ImportedFolder.names(folder)).isEmpty();
    }

    @Test
    void roundTrip_publishedImport_shouldShowAsGetWorkflowWithTheSourcesTriggers() {
        // GIVEN an import, published to an orchestrator's table as a deployment would
        GlueOrchRun imported = glueorch("import", "--from-glue", "--workflow", SALES, "--out", folder.toString());
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitStatus.FAILED);
        String table;
        try (DynamoDbClient dynamoDb = DynamoDbLocal.client()) {
            table = DynamoDbLocal.newTable(dynamoDb);
        }
        GlueOrchRun published = orchestrator(table, "definitions", "publish", folder.toString());
        assertThat(published.exitCode()).as(published.err()).isZero();
        // as the State finding says to
        GlueOrchRun deactivated = orchestrator(table, "triggers", "deactivate", DEACTIVATED_TRIGGER);
        assertThat(deactivated.exitCode()).as(deactivated.err()).isZero();

        // WHEN
        GlueOrchRun shown = orchestrator(table, "workflows", "get", SALES, "--include-graph", "--output", "json");

        // THEN
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        JsonNode workflow = shown.json().get("Workflow");
        Workflow source = estate.workflow(SALES);
        assertThat(workflow.get("Name").asText()).isEqualTo(source.name());
        assertThat(workflow.get("Description").asText()).isEqualTo(source.description());
        assertThat(JSON.convertValue(workflow.get("DefaultRunProperties"), Map.class))
                .isEqualTo(source.defaultRunProperties());
        assertThat(workflow.get("MaxConcurrentRuns").asInt()).isEqualTo(source.maxConcurrentRuns());
        Map<String, Trigger> sourceTriggers = estate.triggersOf(SALES);
        Map<String, Object> shownTriggers = new LinkedHashMap<>();
        for (JsonNode node : workflow.get("Graph").get("Nodes")) {
            if (node.get("Type").asText().equals("TRIGGER")) {
                JsonNode trigger = node.get("TriggerDetails").get("Trigger");
                assertThat(trigger.get("WorkflowName").asText()).isEqualTo(SALES);
                Map<String, Object> shape = JSON.convertValue(trigger, new TypeReference<>() { });
                shape.remove("WorkflowName");
                shape.remove("State");
                shownTriggers.put(node.get("Name").asText(), shape);
            }
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        sourceTriggers.forEach((name, trigger) -> expected.put(name, GlueEstateInMoto.definition(trigger)));
        assertThat(shownTriggers).isEqualTo(expected);
        assertThat(stateShown(workflow, DEACTIVATED_TRIGGER))
                .isEqualTo(sourceTriggers.get(DEACTIVATED_TRIGGER).stateAsString());
    }

    private static String stateShown(JsonNode workflow, String trigger) {
        for (JsonNode node : workflow.get("Graph").get("Nodes")) {
            if (node.get("Name").asText().equals(trigger)) {
                return node.get("TriggerDetails").get("Trigger").get("State").asText();
            }
        }
        throw new AssertionError("no node of trigger " + trigger);
    }

    private static Map<String, Object> expectedWorkflow(Workflow source) {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Name", source.name());
        if (source.description() != null) {
            expected.put("Description", source.description());
        }
        if (source.hasDefaultRunProperties() && !source.defaultRunProperties().isEmpty()) {
            expected.put("DefaultRunProperties", source.defaultRunProperties());
        }
        if (source.maxConcurrentRuns() != null) {
            expected.put("MaxConcurrentRuns", source.maxConcurrentRuns());
        }
        return expected;
    }

    private static Map<String, Object> expectedTriggers(String workflow) {
        Map<String, Object> expected = new LinkedHashMap<>();
        estate.triggersOf(workflow).forEach((name, trigger) -> expected.put(name,
                GlueEstateInMoto.definition(trigger)));
        return expected;
    }

    private static Map<String, Object> workflowOf(JsonNode file) {
        return JSON.convertValue(file.get("Workflow"), new TypeReference<>() { });
    }

    private static Map<String, Object> triggersOf(JsonNode file) {
        Map<String, Object> triggers = new LinkedHashMap<>();
        for (JsonNode trigger : file.get("Triggers")) {
            triggers.put(trigger.get("Name").asText(), JSON.convertValue(trigger, new TypeReference<Map<String,
                    Object>>() { }));
        }
        return triggers;
    }

    /** Each finding as "KIND Subject". */
    private static List<String> findings(JsonNode report) {
        List<String> findings = new ArrayList<>();
        report.get("Findings").forEach(f -> findings.add(f.get("Kind").asText() + " " + f.get("Subject").asText()));
        return findings;
    }

    private static String message(JsonNode report, String subject) {
        for (JsonNode finding : report.get("Findings")) {
            if (finding.get("Subject").asText().equals(subject)) {
                assertThat(finding.fieldNames()).toIterable().containsExactly("Kind", "Source", "Subject",
                        "Message");
                return finding.get("Message").asText();
            }
        }
        throw new AssertionError("no finding about " + subject + " in " + report);
    }

    /** {@code glueorch} against moto's Glue in us-east-1. */
    private static GlueOrchRun glueorch(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        if (!line.contains("--endpoint-url")) {
            line.addAll(List.of("--endpoint-url", moto.endpoint().toString()));
        }
        line.addAll(List.of("--region", "us-east-1"));
        return GlueOrchRun.of(line);
    }

    /** {@code glueorch} against an orchestrator's table in DynamoDB Local. */
    private static GlueOrchRun orchestrator(String table, String... args) {
        return GlueOrchRun.onTable(moto.endpoint(), table, args);
    }
}
