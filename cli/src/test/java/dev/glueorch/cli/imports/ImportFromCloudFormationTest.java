package dev.glueorch.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.cli.ExitStatus;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code glueorch import --from-cloudformation} end to end: templates in the shapes of Glue's documentation and of
 * public projects, imported into a folder, validated, compared with what the template says, and shown again by
 * {@code workflows get} once published.
 */
class ImportFromCloudFormationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATES = Path.of("src", "test", "resources", "cloudformation");

    @TempDir
    Path folder;

    @Test
    void shortFormYaml_shouldWriteTheWorkflowWithRefsResolvedToNamesAndTheDefaultsApplied() {
        // WHEN
        GlueOrchRun run = importTemplate("glue-estate.yaml");

        // THEN
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.FAILED);
        assertThat(ImportedFolder.names(folder)).containsExactly("sales-dev.json");
        assertThat(new DefinitionLoader().load(folder).workflows()).containsOnlyKeys("sales-dev");
        JsonNode file = ImportedFolder.read(folder.resolve("sales-dev.json"));
        assertThat(asMap(file.get("Workflow"))).isEqualTo(Map.of("Name", "sales-dev",
                "Description", "Nightly sales load", "DefaultRunProperties", Map.of("target", "s3://lake-dev/sales/"),
                "MaxConcurrentRuns", 1));
        Map<String, Object> triggers = triggersOf(file);
        assertThat(triggers).containsOnlyKeys("sales-start-dev", "sales-after-crawl-dev", "sales-after-clean-dev");
        assertThat(triggers.get("sales-start-dev")).isEqualTo(Map.of("Name", "sales-start-dev", "Type", "ON_DEMAND",
                "Description", "DESCRIPTION_ON_DEMAND", "Actions", List.of(Map.of("CrawlerName", "sales-raw-dev"))));
        assertThat(triggers.get("sales-after-crawl-dev")).isEqualTo(Map.of("Name", "sales-after-crawl-dev",
                "Type", "CONDITIONAL", "StartOnCreation", true,
                "Predicate", Map.of("Conditions", List.of(Map.of("LogicalOperator", "EQUALS",
                        "CrawlerName", "sales-raw-dev", "CrawlState", "SUCCEEDED"))),
                "Actions", List.of(Map.of("JobName", "sales-clean-dev",
                        "Arguments", Map.of("--source", "s3://lake-dev/raw/")))));
        assertThat(triggers.get("sales-after-clean-dev")).isEqualTo(Map.of("Name", "sales-after-clean-dev",
                "Type", "CONDITIONAL", "StartOnCreation", true,
                "Predicate", Map.of("Logical", "AND", "Conditions", List.of(Map.of("LogicalOperator", "EQUALS",
                        "JobName", "sales-clean-dev", "State", "SUCCEEDED"))),
                "Actions", List.of(Map.of("JobName", "sales-publish-dev", "Timeout", 30,
                        "NotificationProperty", Map.of("NotifyDelayAfter", 5)))));
    }

    @Test
    void json_shouldWriteTheSameFilesAsTheShortFormYaml() throws IOException {
        // GIVEN
        Path yamlFolder = folder.resolve("yaml");
        Path jsonFolder = folder.resolve("json");

        // WHEN
        GlueOrchRun yaml = importTemplate("glue-estate.yaml", "--out", yamlFolder.toString());
        GlueOrchRun json = importTemplate("glue-estate.json", "--out", jsonFolder.toString());

        // THEN
        assertThat(json.exitCode()).isEqualTo(yaml.exitCode());
        assertThat(Files.readString(jsonFolder.resolve("sales-dev.json")))
                .isEqualTo(Files.readString(yamlFolder.resolve("sales-dev.json")));
        assertThat(json.err().replace("glue-estate.json", "T").replace(jsonFolder.toString(), "F"))
                .isEqualTo(yaml.err().replace("glue-estate.yaml", "T").replace(yamlFolder.toString(), "F"));
    }

    @Test
    void parameters_shouldReplaceTheDefaultsInNamesAndValues_andDecideTheConditions() {
        // WHEN
        GlueOrchRun run = importTemplate("glue-estate.yaml", "--parameter", "Environment=prod", "--parameter",
                "Lake=pond", "--output", "json");

        // THEN
        assertThat(ImportedFolder.names(folder)).containsExactly("sales-prod.json");
        JsonNode file = ImportedFolder.read(folder.resolve("sales-prod.json"));
        assertThat(file.get("Workflow").get("DefaultRunProperties").get("target").asText())
                .isEqualTo("s3://pond-prod/sales/");
        assertThat(file.get("Workflow").get("MaxConcurrentRuns").asInt()).isEqualTo(3);
        Map<String, Object> triggers = triggersOf(file);
        // the IsProd condition now holds: the alert trigger is imported, and the Fn::If takes its first branch
        assertThat(triggers).containsOnlyKeys("sales-start-prod", "sales-after-crawl-prod", "sales-after-clean-prod",
                "sales-alert");
        assertThat(triggers.get("sales-alert")).isEqualTo(Map.of("Name", "sales-alert", "Type", "CONDITIONAL",
                "Predicate", Map.of("Conditions", List.of(Map.of("LogicalOperator", "EQUALS",
                        "JobName", "sales-clean-prod", "State", "FAILED"))),
                "Actions", List.of(Map.of("JobName", "sales-publish-prod"))));
        assertThat(file.at("/Triggers/2/Actions/0/Timeout").asInt()).isEqualTo(120);
        assertThat(file.at("/Triggers/1/Actions/0/Arguments/--source").asText()).isEqualTo("s3://pond-prod/raw/");
        assertThat(findings(run.json())).noneMatch(f -> f.endsWith(" Condition"));
    }

    @Test
    void triggerOutsideAnyWorkflow_shouldBeANeedsDecisionFinding_onStandardErrorAndInTheReport() {
        // WHEN
        GlueOrchRun run = importTemplate("glue-estate.yaml", "--output", "json");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.FAILED);
        JsonNode report = run.json();
        assertThat(report.get("Written")).hasSize(1);
        assertThat(findings(report)).contains("NEEDS_DECISION trigger sales-every-two-hours-dev",
                "CHANGED Condition", "CARRIED_DIFFERENTLY Resources");
        JsonNode lone = finding(report, "trigger sales-every-two-hours-dev");
        assertThat(lone.get("Source").asText()).isEqualTo("glue-estate.yaml, trigger sales-every-two-hours-dev");
        assertThat(lone.get("Message").asText()).startsWith("belongs to no workflow")
                .contains("\"Schedule\":\"cron(0 */2 * * ? *)\"", "\"JobName\":\"sales-publish-dev\"");
        assertThat(finding(report, "Condition").get("Source").asText()).isEqualTo("glue-estate.yaml, AlertTrigger");
        assertThat(finding(report, "Resources").get("Message").asText()).contains("AWS::IAM::Role (GlueRole)");
        // AND the workflow's Tags, which the orchestrator has nowhere to put, are said, not dropped
        assertThat(findings(report)).contains("CARRIED_DIFFERENTLY workflow sales-dev, Tags");
        assertThat(finding(report, "workflow sales-dev, Tags").get("Message").asText()).contains("team");
        assertThat(run.err()).contains("NEEDS_DECISION: trigger sales-every-two-hours-dev: belongs to no workflow",
                "1 workflow file(s) written; 1 finding(s) need a decision");
    }

    @Test
    void conditionalTriggerOfTheDocumentationOutsideAnyWorkflow_shouldWriteNothingAndSaySo() {
        // WHEN
        GlueOrchRun run = importTemplate("docs-conditional-trigger.yaml", "--output", "json");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.FAILED);
        assertThat(ImportedFolder.names(folder)).isEmpty();
        assertThat(findings(run.json())).containsExactly("CARRIED_DIFFERENTLY Resources",
                "NEEDS_DECISION trigger MyJobTrigger");
        assertThat(finding(run.json(), "trigger MyJobTrigger").get("Message").asText())
                .contains("\"JobName\":\"MyJobTriggerJob\"", "\"State\":\"SUCCEEDED\"");
    }

    @Test
    void unresolved_shouldLeaveOutWhatOnlyADeploymentKnows_andSayWhatToGive() {
        // WHEN
        GlueOrchRun run = importTemplate("unresolved.yaml", "--output", "json");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.FAILED);
        JsonNode report = run.json();
        assertThat(message(report, "unresolved.yaml, Workflow", "DefaultRunProperties.account"))
                .contains("AWS::AccountId", "--parameter AWS::AccountId=VALUE");
        assertThat(message(report, "unresolved.yaml, Workflow", "DefaultRunProperties.bucket"))
                .contains("--parameter AWS::Region=VALUE");
        assertThat(message(report, "unresolved.yaml, LoadJob", "Name")).contains("replace LoadJob with the deployed "
                + "name");
        assertThat(message(report, "unresolved.yaml, LoadJob", "DefaultArguments.--topic", "CARRIED_DIFFERENTLY"))
                .contains("Fn::GetAtt Topic.TopicArn", "the job keeps its value in Glue");
        assertThat(message(report, "unresolved.yaml, Trigger", "Actions[0].Arguments.--zone")).startsWith("left out");
        assertThat(message(report, "unresolved.yaml, Trigger", "Actions[0].SecurityConfiguration"))
                .contains("--parameter AWS::Region=VALUE");
        assertThat(message(report, "unresolved.yaml, IrelandOnlyTrigger", "Condition")).contains("InIreland");
    }

    @Test
    void unresolvedWithTheRegionGiven_shouldCarryWhatTheRegionDecides_andGuessNothingElse() {
        // WHEN
        GlueOrchRun run = importTemplate("unresolved.yaml", "--parameter", "AWS::Region=us-east-1", "--parameter",
                "AWS::AccountId=123456789012");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.FAILED);
        assertThat(ImportedFolder.names(folder)).containsExactly("Workflow.json");
        JsonNode file = ImportedFolder.read(folder.resolve("Workflow.json"));
        assertThat(asMap(file.get("Workflow"))).isEqualTo(Map.of("Name", "Workflow", "DefaultRunProperties",
                Map.of("bucket", "lake-us", "account", "123456789012", "owner", "data-platform")));
        // not in Ireland: no ireland-only trigger, no SecurityConfiguration; the zone is still not guessed
        assertThat(triggersOf(file)).isEqualTo(Map.of("Trigger", Map.of("Name", "Trigger", "Type", "ON_DEMAND",
                "Actions", List.of(Map.of("JobName", "LoadJob")))));
        assertThat(run.err()).contains("Actions[0].Arguments.--zone: left out")
                .doesNotContain("Actions[0].SecurityConfiguration");
    }

    @Test
    void missingFile_shouldBeBadInputInOneLine() {
        // WHEN
        GlueOrchRun run = glueorch("import", "--from-cloudformation", folder.resolve("no-such.yaml").toString(), "--out",
                folder.resolve("out").toString());

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("no-such.yaml");
        assertThat(folder.resolve("out")).doesNotExist();
    }

    @Test
    void malformedYaml_shouldBeBadInputInOneLine() throws IOException {
        // GIVEN
        Path template = folder.resolve("broken.yaml");
        Files.writeString(template, "Resources:\n  Workflow:\n    Type: AWS::Glue::Workflow\n   Properties: [\n");

        // WHEN
        GlueOrchRun run = glueorch("import", "--from-cloudformation", template.toString(), "--out",
                folder.resolve("out").toString());

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("broken.yaml");
        assertThat(folder.resolve("out")).doesNotExist();
    }

    @Test
    void undeclaredParameter_shouldBeBadInputInOneLineNamingIt() {
        // WHEN
        GlueOrchRun run = importTemplate("glue-estate.yaml", "--parameter", "Enviroment=prod");

        // THEN
        assertThat(run.exitCode()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("Enviroment");
        assertThat(ImportedFolder.names(folder)).isEmpty();
    }

    @Test
    void partitioning_shouldPartitionEachWorkflowByItsJobsPartitionArguments() {
        // WHEN
        GlueOrchRun run = importTemplate("partitioned.yaml", "--partitioning", "--output", "json");

        // THEN
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.OK);
        assertThat(ImportedFolder.names(folder)).containsExactly("orders-daily.json", "orders-hourly.json");
        assertThat(asMap(ImportedFolder.read(folder.resolve("orders-hourly.json")).get("Workflow").get("Partitioning")))
                .isEqualTo(Map.of("Granularity", "HOUR", "Offset", -1, "TimeZone", "UTC", "DayKey", "dt",
                        "HourKey", "hr"));
        assertThat(asMap(ImportedFolder.read(folder.resolve("orders-daily.json")).get("Workflow").get("Partitioning")))
                .isEqualTo(Map.of("Granularity", "DAY", "Offset", -1, "TimeZone", "UTC", "DayKey", "day"));
        assertThat(findings(run.json())).containsExactlyInAnyOrder("CHANGED workflow orders-hourly, Partitioning",
                "CHANGED workflow orders-daily, Partitioning");
        assertThat(new DefinitionLoader().load(folder).workflows()).containsOnlyKeys("orders-hourly",
                "orders-daily");
    }

    @Test
    void withoutPartitioning_theSameTemplateShouldCarryWhole() {
        // WHEN
        GlueOrchRun run = importTemplate("partitioned.yaml", "--output", "json");

        // THEN
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.OK);
        assertThat(run.json().get("Findings")).isEmpty();
        assertThat(ImportedFolder.read(folder.resolve("orders-hourly.json")).get("Workflow").has("Partitioning")).isFalse();
        assertThat(triggersOf(ImportedFolder.read(folder.resolve("orders-hourly.json")))).isEqualTo(Map.of("orders-every-hour",
                Map.of("Name", "orders-every-hour", "Type", "SCHEDULED", "Schedule", "cron(5 * * * ? *)",
                        "StartOnCreation", true, "Actions", List.of(Map.of("JobName", "orders-load")))));
    }

    @Test
    void roundTrip_publishedImport_shouldShowAsGetWorkflowWithTheTemplatesTriggers() {
        // GIVEN an import, published to an orchestrator's table as a deployment would
        GlueOrchRun imported = importTemplate("glue-estate.yaml", "--parameter", "Environment=prod");
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitStatus.FAILED);
        GlueEstate source = new CloudFormationReader().read(TEMPLATES.resolve("glue-estate.yaml"),
                Map.of("Environment", "prod"));
        try (MotoServer moto = MotoServer.start()) {
            String table;
            try (DynamoDbClient dynamoDb = DynamoDbLocal.client()) {
                table = DynamoDbLocal.newTable(dynamoDb);
            }
            GlueOrchRun published = orchestrator(moto, table, "definitions", "publish", folder.toString());
            assertThat(published.exitCode()).as(published.err()).isZero();

            // WHEN
            GlueOrchRun shown = orchestrator(moto, table, "workflows", "get", "sales-prod", "--include-graph", "--output",
                    "json");

            // THEN
            assertThat(shown.exitCode()).as(shown.err()).isZero();
            JsonNode workflow = shown.json().get("Workflow");
            assertThat(workflow.get("Name").asText()).isEqualTo("sales-prod");
            assertThat(workflow.get("Description").asText()).isEqualTo("Nightly sales load");
            assertThat(asMap(workflow.get("DefaultRunProperties"))).isEqualTo(Map.of("target",
                    "s3://lake-prod/sales/"));
            assertThat(workflow.get("MaxConcurrentRuns").asInt()).isEqualTo(3);
            Map<String, Object> shownTriggers = new LinkedHashMap<>();
            for (JsonNode node : workflow.get("Graph").get("Nodes")) {
                if (node.get("Type").asText().equals("TRIGGER")) {
                    JsonNode trigger = node.get("TriggerDetails").get("Trigger");
                    assertThat(trigger.get("WorkflowName").asText()).isEqualTo("sales-prod");
                    Map<String, Object> shape = asMap(trigger);
                    shape.remove("WorkflowName");
                    shape.remove("State");
                    shownTriggers.put(node.get("Name").asText(), shape);
                }
            }
            assertThat(shownTriggers).isEqualTo(templateTriggersOf(source, "sales-prod"));
            // the reader's side of the comparison, as the template says it
            assertThat(shownTriggers.get("sales-after-crawl-prod")).isEqualTo(Map.of("Name",
                    "sales-after-crawl-prod", "Type", "CONDITIONAL",
                    "Predicate", Map.of("Logical", "AND", "Conditions", List.of(Map.of("LogicalOperator", "EQUALS",
                            "CrawlerName", "sales-raw-prod", "CrawlState", "SUCCEEDED"))),
                    "Actions", List.of(Map.of("JobName", "sales-clean-prod",
                            "Arguments", Map.of("--source", "s3://lake-prod/raw/")))));
        }
    }

    @Test
    void templateWithoutGlueWorkflowOrTrigger_shouldSayNothingToImport() throws IOException {
        // GIVEN a job and a bucket, no workflow, no trigger
        Path template = folder.resolve("jobs-only.yaml");
        Files.writeString(template, """
                Resources:
                  LoadJob:
                    Type: AWS::Glue::Job
                    Properties:
                      Name: load
                      Role: glue-role
                      Command: {Name: glueetl, ScriptLocation: s3://scripts/load.py}
                  Bucket:
                    Type: AWS::S3::Bucket
                """);
        Path out = folder.resolve("out");

        // WHEN
        GlueOrchRun run = glueorch("import", "--from-cloudformation", template.toString(), "--out", out.toString(),
                "--output", "json");

        // THEN
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.OK);
        assertThat(run.err().lines()).containsExactly(
                "CARRIED_DIFFERENTLY: Resources: not imported, they stay with the template: AWS::S3::Bucket (Bucket); "
                        + "the import reads workflows, triggers and jobs [jobs-only.yaml]",
                "nothing to import: jobs-only.yaml has no Glue workflow or trigger; no file written");
        assertThat(run.json().get("Written")).isEmpty();
        assertThat(findings(run.json())).containsExactly("CARRIED_DIFFERENTLY Resources");
        assertThat(out).doesNotExist();
    }

    @Test
    void realWorldPipeline_shouldLandItsWorkflowNamedByAParameter_withEveryTriggerThatRefsTheParameter() {
        // WHEN
        GlueOrchRun run = importTemplate("real-world/pipeline-glue-workflow.yml", "--output", "json");

        // THEN everything the workflow file needs is carried, so nothing needs a decision
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.OK);
        assertThat(ImportedFolder.names(folder)).containsExactly("Weather.json");
        assertThat(new DefinitionLoader().load(folder).workflows()).containsOnlyKeys("Weather");
        JsonNode file = ImportedFolder.read(folder.resolve("Weather.json"));
        assertThat(triggerNames(file)).containsExactly("t_Start", "t_GroupA", "t_Month", "t_End");
        assertThat(actions(file)).isEqualTo(Map.of("t_Start", List.of("job j_Emit_Started_Event"),
                "t_GroupA", List.of("crawler c_StationList", "crawler c_observations"),
                "t_Month", List.of("job j_Monthly"), "t_End", List.of("job j_Emit_Ended_Event")));
        assertThat(file.at("/Triggers/2/Predicate/Logical").asText()).isEqualTo("AND");
        assertThat(file.at("/Triggers/2/Predicate/Conditions/1/CrawlerName").asText()).isEqualTo("c_observations");
        assertThat(file.at("/Triggers/2/Predicate/Conditions/1/CrawlState").asText()).isEqualTo("SUCCEEDED");
        // the job's S3 paths name the account and Region: the job keeps them in Glue, the import says it did not
        // read them (workflow files define no jobs)
        assertThat(sourcedFindings(run.json())).containsExactly(
                "CARRIED_DIFFERENTLY pipeline-glue-workflow.yml, WeatherAggregatorMonthly: DefaultArguments"
                        + ".--S3_OUTPUT_BASE_PATH",
                "CARRIED_DIFFERENTLY pipeline-glue-workflow.yml, WeatherAggregatorMonthly: DefaultArguments"
                        + ".--TempDir");
    }

    @Test
    void realWorldPipelineWithItsParametersGiven_shouldCarryWhole_underTheWorkflowNameGiven() {
        // WHEN
        GlueOrchRun run = importTemplate("real-world/pipeline-glue-workflow.yml", "--parameter", "GlueWorkflowName=Climate",
                "--parameter", "AWS::AccountId=123456789012", "--parameter", "AWS::Region=eu-west-1",
                "--output", "json");

        // THEN
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.OK);
        assertThat(run.json().get("Findings")).isEmpty();
        assertThat(ImportedFolder.names(folder)).containsExactly("Climate.json");
        assertThat(triggerNames(ImportedFolder.read(folder.resolve("Climate.json")))).containsExactly("t_Start", "t_GroupA",
                "t_Month", "t_End");
    }

    @Test
    void realWorldWarehouse_shouldLandItsWorkflow_andNameWhatOnlyTheDeploymentKnows() {
        // WHEN
        GlueOrchRun run = importTemplate("real-world/warehouse-glue-workflow.json", "--output", "json");

        // THEN the workflow lands whole; what only the deployment knows is in the jobs, which keep it
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.OK);
        assertThat(ImportedFolder.names(folder)).containsExactly("OrdersWorkflow.json");
        JsonNode file = ImportedFolder.read(folder.resolve("OrdersWorkflow.json"));
        assertThat(triggerNames(file)).containsExactly("Start-WF", "Copy-complete", "Unload-complete");
        assertThat(actions(file)).isEqualTo(Map.of("Start-WF", List.of("job OrdersJob-Copy"),
                "Copy-complete", List.of("job OrdersJob-Unload"), "Unload-complete", List.of("crawler ordersCrawler")));
        assertThat(file.at("/Triggers/0/Actions/0/Arguments/--database").asText()).isEqualTo("ordersdb");
        assertThat(file.at("/Triggers/2/Predicate/Conditions/0/JobName").asText()).isEqualTo("OrdersJob-Unload");
        assertThat(sourcedFindings(run.json())).containsExactly(
                "CARRIED_DIFFERENTLY warehouse-glue-workflow.json, CopyShellJob: DefaultArguments.--host",
                "CARRIED_DIFFERENTLY warehouse-glue-workflow.json, CopyShellJob: DefaultArguments.--iamrole",
                "CARRIED_DIFFERENTLY warehouse-glue-workflow.json, UnloadShellJob: DefaultArguments.--s3location",
                "CARRIED_DIFFERENTLY warehouse-glue-workflow.json: Resources",
                "CARRIED_DIFFERENTLY warehouse-glue-workflow.json, trigger Copy-complete: workflow OrdersWorkflow, "
                        + "trigger Copy-complete, StartOnCreation",
                "CARRIED_DIFFERENTLY warehouse-glue-workflow.json, trigger Unload-complete: workflow OrdersWorkflow, "
                        + "trigger Unload-complete, StartOnCreation");
    }

    @Test
    void realWorldCdkApp_shouldLandTheWorkflowThatValidates_andSayWhyTheOthersDoNot() {
        // WHEN
        GlueOrchRun run = importTemplate("real-world/cdk-glue-workflows.template.json", "--output", "json");

        // THEN
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.FAILED);
        assertThat(ImportedFolder.names(folder)).containsExactly("my_daily_workflow.json");
        JsonNode file = ImportedFolder.read(folder.resolve("my_daily_workflow.json"));
        assertThat(triggerNames(file)).containsExactly("my_daily_schedule");
        assertThat(actions(file)).isEqualTo(Map.of("my_daily_schedule", List.of("job MyJob8719E923",
                "crawler MyCrawler")));
        assertThat(asMap(file.at("/Triggers/0/Actions/0"))).isEqualTo(Map.of("JobName", "MyJob8719E923",
                "Arguments", Map.of("--arg1", "value1"), "Timeout", 10,
                "SecurityConfiguration", "awscdkglueworkflowMySecurityConfigurationBBF7B904",
                "NotificationProperty", Map.of("NotifyDelayAfter", 5)));
        List<String> findings = findings(run.json());
        assertThat(findings).contains(
                "NEEDS_DECISION workflow MyWorkflowTask5BAF3B32",
                "NEEDS_DECISION workflow my_on_demand_workflow",
                "NEEDS_DECISION workflow my_event_workflow, trigger my_notify_event",
                "NEEDS_DECISION workflow my_event_workflow",
                "CHANGED workflow my_daily_workflow, trigger my_daily_schedule, Actions");
        assertThat(sourcedFindings(run.json())).contains(
                "NEEDS_DECISION cdk-glue-workflows.template.json, MyJob8719E923: Name",
                "NEEDS_DECISION cdk-glue-workflows.template.json, MyCrawler: Name",
                "CARRIED_DIFFERENTLY cdk-glue-workflows.template.json, MyWorkflowTask5BAF3B32: Name");
        // the job options on a crawler's action do nothing in Glue: changed, not a decision
        assertThat(findings).filteredOn(f -> f.endsWith(", Actions")).allMatch(f -> f.startsWith("CHANGED "));
        assertThat(message(run.json(), "cdk-glue-workflows.template.json, trigger my_conditional_trigger",
                "workflow my_on_demand_workflow, trigger my_conditional_trigger, Actions", "CHANGED"))
                .contains("crawler MyCrawler", "Timeout", "Glue ignores it");
    }

    /**
     * The template's triggers of {@code workflow} in GetWorkflow's Trigger shape: without WorkflowName (checked
     * apart) and StartOnCreation (a CreateTrigger parameter; GetWorkflow shows the state instead), and with the
     * Predicate's Logical shown as AND where the template leaves it out (Glue makes it optional for one condition,
     * where AND and ANY mean the same).
     */
    private static Map<String, Object> templateTriggersOf(GlueEstate source, String workflow) {
        Map<String, Object> triggers = new LinkedHashMap<>();
        for (ObjectNode trigger : source.triggers()) {
            if (trigger.path("WorkflowName").asText().equals(workflow)) {
                Map<String, Object> shape = asMap(trigger);
                shape.remove("WorkflowName");
                shape.remove("StartOnCreation");
                if (trigger.has("Predicate") && !trigger.get("Predicate").has("Logical")) {
                    assertThat(trigger.get("Predicate").get("Conditions")).hasSize(1);
                    ObjectNode predicate = trigger.get("Predicate").deepCopy();
                    predicate.put("Logical", "AND");
                    shape.put("Predicate", asMap(predicate));
                }
                triggers.put(trigger.get("Name").asText(), shape);
            }
        }
        assertThat(triggers).hasSize(4);
        return triggers;
    }

    private static Map<String, Object> asMap(JsonNode node) {
        return JSON.convertValue(node, new TypeReference<>() { });
    }

    private static Map<String, Object> triggersOf(JsonNode file) {
        Map<String, Object> triggers = new LinkedHashMap<>();
        for (JsonNode trigger : file.get("Triggers")) {
            triggers.put(trigger.get("Name").asText(), asMap(trigger));
        }
        return triggers;
    }

    /** Each finding as "KIND Subject". */
    static List<String> findings(JsonNode report) {
        List<String> findings = new ArrayList<>();
        report.get("Findings").forEach(f -> findings.add(f.get("Kind").asText() + " " + f.get("Subject").asText()));
        return findings;
    }

    private static JsonNode finding(JsonNode report, String subject) {
        for (JsonNode finding : report.get("Findings")) {
            if (finding.get("Subject").asText().equals(subject)) {
                return finding;
            }
        }
        throw new AssertionError("no finding about " + subject + " in " + report);
    }

    /** Each finding as "KIND Source: Subject". */
    private static List<String> sourcedFindings(JsonNode report) {
        List<String> findings = new ArrayList<>();
        report.get("Findings").forEach(f -> findings.add(f.get("Kind").asText() + " " + f.get("Source").asText()
                + ": " + f.get("Subject").asText()));
        return findings;
    }

    private static List<String> triggerNames(JsonNode file) {
        List<String> names = new ArrayList<>();
        file.get("Triggers").forEach(t -> names.add(t.get("Name").asText()));
        return names;
    }

    /** Each trigger's actions as "job NAME" or "crawler NAME". */
    private static Map<String, List<String>> actions(JsonNode file) {
        Map<String, List<String>> actions = new LinkedHashMap<>();
        for (JsonNode trigger : file.get("Triggers")) {
            List<String> started = new ArrayList<>();
            trigger.get("Actions").forEach(a -> started.add(a.has("JobName") ? "job " + a.get("JobName").asText()
                    : "crawler " + a.get("CrawlerName").asText()));
            actions.put(trigger.get("Name").asText(), started);
        }
        return actions;
    }

    private static String message(JsonNode report, String source, String subject) {
        return message(report, source, subject, "NEEDS_DECISION");
    }

    private static String message(JsonNode report, String source, String subject, String kind) {
        for (JsonNode finding : report.get("Findings")) {
            if (finding.get("Source").asText().equals(source) && finding.get("Subject").asText().equals(subject)) {
                assertThat(finding.get("Kind").asText()).isEqualTo(kind);
                return finding.get("Message").asText();
            }
        }
        throw new AssertionError("no finding about " + subject + " of " + source + " in " + report);
    }

    /** {@code glueorch import --from-cloudformation} of a test template into the test's folder (unless --out). */
    private GlueOrchRun importTemplate(String template, String... more) {
        List<String> line = new ArrayList<>(List.of("import", "--from-cloudformation",
                TEMPLATES.resolve(template).toString()));
        line.addAll(List.of(more));
        if (!line.contains("--out")) {
            line.addAll(List.of("--out", folder.toString()));
        }
        return GlueOrchRun.of(line);
    }

    private static GlueOrchRun glueorch(String... args) {
        return GlueOrchRun.of(List.of(args));
    }

    /** {@code glueorch} against an orchestrator's table in DynamoDB Local. */
    private static GlueOrchRun orchestrator(MotoServer moto, String table, String... args) {
        return GlueOrchRun.onTable(moto.endpoint(), table, args);
    }
}
