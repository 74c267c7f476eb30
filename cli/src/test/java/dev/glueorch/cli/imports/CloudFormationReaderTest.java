package dev.glueorch.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.cli.imports.ImportFinding.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudFormationReaderTest {

    /** How a job's undetermined value is reported: the workflow files define no jobs. */
    private static final String JOB_NOT_READ = "not read by the import (workflow files define no jobs): ";

    private static final Path TEMPLATES = Path.of("src", "test", "resources", "cloudformation");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudFormationReader reader = new CloudFormationReader();

    /** Templates in the shapes of the AWS::Glue::Trigger documentation's examples, in YAML and in JSON. */
    @Nested
    class DocumentationShapes {

        @Test
        void read_shouldCarryWorkflowTriggersAndJobsWithRefsResolvedToNames() {
            // GIVEN the YAML template with short forms, read with the parameters' Defaults (Environment=dev)
            GlueEstate estate = reader.read(TEMPLATES.resolve("glue-estate.yaml"), Map.of());

            // THEN the workflow carries its Name (!Sub), its run properties (!Sub over !Join), !FindInMap's runs and its
            // Tags (for the mapping to report)
            assertThat(estate.workflows()).containsExactly(json("""
                    {"Name": "sales-dev", "Description": "Nightly sales load",
                     "DefaultRunProperties": {"target": "s3://lake-dev/sales/"}, "MaxConcurrentRuns": 1,
                     "Tags": {"team": "sales"}}"""));
            // AND each trigger names the workflow, jobs and crawler by their Names, not their logical ids
            assertThat(estate.triggers()).containsExactly(
                    json("""
                            {"Name": "sales-start-dev", "WorkflowName": "sales-dev", "Type": "ON_DEMAND",
                             "Description": "DESCRIPTION_ON_DEMAND", "Actions": [{"CrawlerName": "sales-raw-dev"}]}"""),
                    json("""
                            {"Name": "sales-after-crawl-dev", "WorkflowName": "sales-dev", "Type": "CONDITIONAL",
                             "StartOnCreation": true,
                             "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS",
                                                           "CrawlerName": "sales-raw-dev", "CrawlState": "SUCCEEDED"}]},
                             "Actions": [{"JobName": "sales-clean-dev",
                                          "Arguments": {"--source": "s3://lake-dev/raw/"}}]}"""),
                    json("""
                            {"Name": "sales-after-clean-dev", "WorkflowName": "sales-dev", "Type": "CONDITIONAL",
                             "StartOnCreation": true,
                             "Predicate": {"Logical": "AND", "Conditions": [{"LogicalOperator": "EQUALS",
                                           "JobName": "sales-clean-dev", "State": "SUCCEEDED"}]},
                             "Actions": [{"JobName": "sales-publish-dev", "Timeout": 30,
                                          "NotificationProperty": {"NotifyDelayAfter": 5}}]}"""),
                    // a trigger outside any workflow is carried as it is, without WorkflowName
                    json("""
                            {"Name": "sales-every-two-hours-dev", "Type": "SCHEDULED",
                             "Description": "DESCRIPTION_SCHEDULED", "Schedule": "cron(0 */2 * * ? *)",
                             "Actions": [{"JobName": "sales-clean-dev"},
                                         {"JobName": "sales-publish-dev",
                                          "Arguments": {"--job-bookmark-option": "job-bookmark-enable"}}]}"""));
            // AND jobs carry what the mapping reads, by Name
            assertThat(estate.jobs()).isEqualTo(Map.of(
                    "sales-clean-dev", json("""
                            {"Name": "sales-clean-dev",
                             "DefaultArguments": {"--job-bookmark-option": "job-bookmark-enable",
                                                  "--environment": "dev"},
                             "NotificationProperty": {"NotifyDelayAfter": 10}, "Timeout": 60}"""),
                    "sales-publish-dev", json("""
                            {"Name": "sales-publish-dev"}""")));
            // AND the trigger whose Condition is false, and the resources left to the template, are said
            assertThat(estate.findings()).containsExactly(
                    new ImportFinding(Kind.CHANGED, "glue-estate.yaml, AlertTrigger", "Condition", "not imported: its "
                            + "Condition IsProd is false with the parameters given and the Defaults, so "
                            + "CloudFormation would not create it"),
                    new ImportFinding(Kind.CARRIED_DIFFERENTLY, "glue-estate.yaml", "Resources", "not imported, "
                            + "they stay with the template: AWS::IAM::Role (GlueRole); the import reads workflows, "
                            + "triggers and jobs"));
        }

        @Test
        void read_shouldReadTheJsonTemplateWithLongFormsAsTheYamlOne() {
            // GIVEN the same template in JSON, every intrinsic in its long form
            GlueEstate fromYaml = reader.read(TEMPLATES.resolve("glue-estate.yaml"), Map.of("Environment", "prod"));

            // WHEN it is read
            GlueEstate fromJson = reader.read(TEMPLATES.resolve("glue-estate.json"), Map.of("Environment", "prod"));

            // THEN the estates are equal, but for the file name the findings give
            assertThat(fromJson.workflows()).isEqualTo(fromYaml.workflows());
            assertThat(fromJson.triggers()).isEqualTo(fromYaml.triggers());
            assertThat(fromJson.jobs()).isEqualTo(fromYaml.jobs());
            assertThat(fromJson.findings()).isEqualTo(fromYaml.findings().stream()
                    .map(f -> new ImportFinding(f.kind(), f.source().replace("glue-estate.yaml", "glue-estate.json"),
                            f.subject(), f.message()))
                    .toList());
        }

        @Test
        void read_shouldUseTheParametersGivenOverDefaultsInNamesArgumentsConditionsAndMappings() {
            // GIVEN Environment=prod and another lake
            Map<String, String> parameters = Map.of("Environment", "prod", "Lake", "archive");

            // WHEN the template is read
            GlueEstate estate = reader.read(TEMPLATES.resolve("glue-estate.yaml"), parameters);

            // THEN names, arguments and run properties carry the values given, Fn::FindInMap looks up prod
            assertThat(estate.workflows()).containsExactly(json("""
                    {"Name": "sales-prod", "Description": "Nightly sales load",
                     "DefaultRunProperties": {"target": "s3://archive-prod/sales/"}, "MaxConcurrentRuns": 3,
                     "Tags": {"team": "sales"}}"""));
            assertThat(estate.jobs().get("sales-clean-prod").get("DefaultArguments"))
                    .isEqualTo(json("""
                            {"--job-bookmark-option": "job-bookmark-enable", "--environment": "prod"}"""));
            // AND IsProd being true, Fn::If takes its first value and the conditional resource is imported
            assertThat(estate.triggers()).extracting(trigger -> trigger.get("Name").asText())
                    .containsExactly("sales-start-prod", "sales-after-crawl-prod", "sales-after-clean-prod",
                            "sales-alert", "sales-every-two-hours-prod");
            assertThat(estate.triggers().get(2).at("/Actions/0/Timeout").asInt()).isEqualTo(120);
            assertThat(estate.triggers().get(3)).isEqualTo(json("""
                    {"Name": "sales-alert", "WorkflowName": "sales-prod", "Type": "CONDITIONAL",
                     "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "sales-clean-prod",
                                                   "State": "FAILED"}]},
                     "Actions": [{"JobName": "sales-publish-prod"}]}"""));
            assertThat(estate.findings()).extracting(ImportFinding::subject).containsExactly("Resources");
        }

        @Test
        void read_shouldReadTheDocumentationsConditionalTriggerExampleAsWritten() {
            // GIVEN the conditional trigger example of the AWS::Glue::Trigger reference, trailing tabs included
            GlueEstate estate = reader.read(TEMPLATES.resolve("docs-conditional-trigger.yaml"), Map.of());

            // THEN its trigger listens to the job by the job's Name
            assertThat(estate.triggers()).containsExactly(json("""
                    {"Name": "MyJobTrigger", "Type": "CONDITIONAL",
                     "Description": "Description for a conditional job trigger",
                     "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "MyJobTriggerJob",
                                                   "State": "SUCCEEDED"}]},
                     "Actions": [{"JobName": "MyJobTriggerJob",
                                  "Arguments": {"--job-bookmark-option": "job-bookmark-enable"}}]}"""));
            assertThat(estate.jobs()).containsOnlyKeys("MyJobTriggerJob");
            assertThat(estate.workflows()).isEmpty();
        }
    }

    /** What the template alone does not determine: left out and reported, never guessed. */
    @Nested
    class Undetermined {

        private static final String SOURCE = "unresolved.yaml, ";

        @Test
        void read_shouldLeaveOutAndReportWhatOnlyADeploymentKnows() {
            // GIVEN no parameters: neither the region, the account nor the stack is known
            GlueEstate estate = reader.read(TEMPLATES.resolve("unresolved.yaml"), Map.of());

            // THEN only what the template determines lands
            assertThat(estate.workflows()).containsExactly(json("""
                    {"Name": "Workflow", "DefaultRunProperties": {"owner": "data-platform"}}"""));
            assertThat(estate.jobs()).isEqualTo(Map.of("LoadJob", json("""
                    {"Name": "LoadJob",
                     "DefaultArguments": {"--literal": "cost-${Amount}", "--enable-metrics": ""}}""")));
            assertThat(estate.triggers()).containsExactly(
                    json("""
                            {"Name": "Trigger", "Type": "ON_DEMAND", "WorkflowName": "Workflow",
                             "Actions": [{"JobName": "LoadJob", "Arguments": {}}]}"""),
                    json("""
                            {"Name": "ireland-only", "Type": "CONDITIONAL", "WorkflowName": "Workflow",
                             "Actions": [{"JobName": "LoadJob"}],
                             "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "LoadJob",
                                                           "State": "SUCCEEDED"}]}}"""));
            // AND each value left out is reported with its path and what would determine it
            assertThat(estate.findings()).containsExactly(
                    finding(Kind.CARRIED_DIFFERENTLY, "Workflow", "Name", "no Name in the template (CloudFormation "
                            + "would generate one): imported under its logical id, Workflow"),
                    finding(Kind.NEEDS_DECISION, "Workflow", "DefaultRunProperties.bucket", "left out: "
                            + "Fn::FindInMap: Ref AWS::Region is known only at deployment: give --parameter "
                            + "AWS::Region=VALUE"),
                    finding(Kind.NEEDS_DECISION, "Workflow", "DefaultRunProperties.account", "left out: Ref "
                            + "AWS::AccountId is known only at deployment: give --parameter AWS::AccountId=VALUE"),
                    finding(Kind.NEEDS_DECISION, "LoadJob", "Name", "no Name in the template: CloudFormation named "
                            + "the deployed job itself (the stack's resources show that name); imported as LoadJob: "
                            + "replace LoadJob with the deployed name"),
                    // a job's own arguments stay with the job in Glue: information, not a decision
                    finding(Kind.CARRIED_DIFFERENTLY, "LoadJob", "DefaultArguments.--topic", JOB_NOT_READ
                            + "Fn::GetAtt Topic.TopicArn is known only once the stack is deployed: the job keeps its "
                            + "value in Glue"),
                    finding(Kind.CARRIED_DIFFERENTLY, "LoadJob", "DefaultArguments.--shared", JOB_NOT_READ
                            + "Fn::ImportValue platform-bucket reads another stack's export: the job keeps its value "
                            + "in Glue"),
                    finding(Kind.CARRIED_DIFFERENTLY, "LoadJob", "DefaultArguments.--queue", JOB_NOT_READ
                            + "Ref Queue (AWS::SQS::Queue) is known only once the stack is deployed: the job keeps "
                            + "its value in Glue"),
                    finding(Kind.CARRIED_DIFFERENTLY, "LoadJob", "DefaultArguments.--stack", JOB_NOT_READ
                            + "Ref AWS::StackName is known only at deployment: give --parameter "
                            + "AWS::StackName=VALUE"),
                    finding(Kind.CARRIED_DIFFERENTLY, "Trigger", "Name", "no Name in the template (CloudFormation "
                            + "would generate one): imported under its logical id, Trigger"),
                    finding(Kind.NEEDS_DECISION, "Trigger", "Actions[0].Arguments.--zone", "left out: Fn::GetAZs "
                            + "lists the region's Availability Zones at deployment: write the value into the "
                            + "imported definition"),
                    finding(Kind.NEEDS_DECISION, "Trigger", "Actions[0].SecurityConfiguration", "left out: Fn::If on "
                            + "Condition InIreland: Ref AWS::Region is known only at deployment: give --parameter "
                            + "AWS::Region=VALUE"),
                    finding(Kind.NEEDS_DECISION, "IrelandOnlyTrigger", "Condition", "imported, though "
                            + "CloudFormation may not create it: Condition InIreland is undetermined: Ref AWS::Region "
                            + "is known only at deployment: give --parameter AWS::Region=VALUE"),
                    new ImportFinding(Kind.CARRIED_DIFFERENTLY, "unresolved.yaml", "Resources", "not imported, they "
                            + "stay with the template: AWS::IAM::Role (Role); AWS::SNS::Topic (Topic); "
                            + "AWS::SQS::Queue (Queue); the import reads workflows, triggers and jobs"));
        }

        @Test
        void read_shouldResolvePseudoParametersWhenGiven() {
            // GIVEN the region, account and stack name
            Map<String, String> parameters = Map.of("AWS::Region", "eu-west-1", "AWS::AccountId", "123456789012",
                    "AWS::StackName", "etl");

            // WHEN the template is read
            GlueEstate estate = reader.read(TEMPLATES.resolve("unresolved.yaml"), parameters);

            // THEN the mapping, the pseudo parameters and the region's condition resolve
            assertThat(estate.workflows().get(0).get("DefaultRunProperties")).isEqualTo(json("""
                    {"bucket": "lake-eu", "account": "123456789012", "owner": "data-platform"}"""));
            assertThat(estate.jobs().get("LoadJob").at("/DefaultArguments/--stack").asText()).isEqualTo("etl-load");
            assertThat(estate.triggers().get(0).at("/Actions/0/SecurityConfiguration").asText())
                    .isEqualTo("eu-security");
            assertThat(estate.findings()).extracting(ImportFinding::source)
                    .doesNotContain(SOURCE + "IrelandOnlyTrigger");
        }

        @Test
        void read_shouldSkipAResourceWhoseConditionIsFalseAndDropAPropertyThatIsNoValue() {
            // GIVEN a region other than Ireland
            GlueEstate estate = reader.read(TEMPLATES.resolve("unresolved.yaml"), Map.of("AWS::Region", "us-east-1"));

            // THEN the Ireland-only trigger is not imported, and the Fn::If's AWS::NoValue removes the property
            assertThat(estate.triggers()).extracting(trigger -> trigger.get("Name").asText())
                    .containsExactly("Trigger");
            assertThat(estate.triggers().get(0).at("/Actions/0").has("SecurityConfiguration")).isFalse();
            assertThat(estate.findings()).contains(finding(Kind.CHANGED, "IrelandOnlyTrigger", "Condition",
                    "not imported: its Condition InIreland is false with the parameters given and the Defaults, so "
                            + "CloudFormation would not create it"));
            assertThat(estate.findings()).extracting(ImportFinding::subject)
                    .doesNotContain("Actions[0].SecurityConfiguration");
        }

        private static ImportFinding finding(Kind kind, String resource, String subject, String message) {
            return new ImportFinding(kind, SOURCE + resource, subject, message);
        }
    }

    /** The intrinsic functions CloudFormation evaluates from the template alone. */
    @Nested
    class Functions {

        @Test
        void read_shouldEvaluateListParametersAndTheStringFunctions(@TempDir Path dir) throws IOException {
            // GIVEN a list parameter, joined, split, selected from and measured, and a flow-style YAML template
            Path template = Files.writeString(dir.resolve("flow.yaml"), """
                    {Parameters: {Tables: {Type: CommaDelimitedList, Default: 'orders, customers'}},
                     Resources: {Start: {Type: 'AWS::Glue::Trigger', Properties: {
                       Type: ON_DEMAND,
                       Description: !Join [' and ', !Ref Tables],
                       Actions: [{JobName: !Select [1, !Ref Tables],
                                  Arguments: {
                                    '--first': !Select [0, !Split ['/', 's3://lake/raw']],
                                    '--count': !Length [a, b, c],
                                    '--encoded': !Base64 orders,
                                    '--json': !ToJsonString {a: !Ref Tables},
                                    '--secret': '{{resolve:secretsmanager:warehouse:SecretString:password}}'}}]}}}}
                    """);

            // WHEN it is read
            GlueEstate estate = reader.read(template, Map.of());

            // THEN each function's value lands; a dynamic reference, resolved at deployment, does not
            assertThat(estate.triggers()).containsExactly(json("""
                    {"Name": "Start", "Type": "ON_DEMAND", "Description": "orders and customers",
                     "Actions": [{"JobName": "customers",
                                  "Arguments": {"--first": "s3:", "--count": "3", "--encoded": "b3JkZXJz",
                                                "--json": "{\\"a\\":[\\"orders\\",\\"customers\\"]}"}}]}"""));
            assertThat(estate.findings()).contains(new ImportFinding(Kind.NEEDS_DECISION, "flow.yaml, Start",
                    "Actions[0].Arguments.--secret", "left out: the dynamic reference "
                    + "{{resolve:secretsmanager:warehouse:SecretString:password}} is resolved at deployment: write "
                    + "the value into the imported definition"));
        }

        @Test
        void read_shouldEvaluateConditionsThatOneOperandDecides(@TempDir Path dir) throws IOException {
            // GIVEN conditions mixing a known parameter and the region, which is not given
            Path template = Files.writeString(dir.resolve("etl.yaml"), """
                    Parameters:
                      Env: {Type: String, Default: dev}
                    Conditions:
                      IsProd: !Equals [!Ref Env, prod]
                      InIreland: !Equals [!Ref 'AWS::Region', eu-west-1]
                      ProdInIreland: !And [!Condition IsProd, !Condition InIreland]
                      DevOrIreland: !Or [!Not [!Condition IsProd], !Condition InIreland]
                    Resources:
                      ProdOnly:
                        Type: AWS::Glue::Workflow
                        Condition: ProdInIreland
                        Properties: {Name: prod-only}
                      DevOrIreland:
                        Type: AWS::Glue::Workflow
                        Condition: DevOrIreland
                        Properties: {Name: dev-or-ireland}
                    """);

            // WHEN it is read
            GlueEstate estate = reader.read(template, Map.of());

            // THEN Fn::And is false and Fn::Or true by their known operand alone
            assertThat(estate.workflows()).containsExactly(json("""
                    {"Name": "dev-or-ireland"}"""));
            assertThat(estate.findings()).containsExactly(new ImportFinding(Kind.CHANGED, "etl.yaml, ProdOnly",
                    "Condition", "not imported: its Condition ProdInIreland is false with the parameters given and "
                    + "the Defaults, so CloudFormation would not create it"));
        }
    }

    /** Templates that are not what CloudFormation would accept, or parameters that do not fit them. */
    @Nested
    class BadInput {

        @Test
        void read_shouldNameTheLineOfInvalidYaml(@TempDir Path dir) throws IOException {
            Path template = write(dir, "etl.yaml", """
                    Resources:
                      Job:
                        Type: AWS::Glue::Job
                        Properties:
                          Name: [nightly
                    """);

            assertThatThrownBy(() -> reader.read(template, Map.of()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageStartingWith("etl.yaml: line 6, column 1: not valid YAML: ");
        }

        @Test
        void read_shouldNameTheLineOfInvalidJson(@TempDir Path dir) throws IOException {
            Path template = write(dir, "etl.json", """
                    {"Resources": {
                      "Job": {"Type": "AWS::Glue::Job"}
                      "Start": {"Type": "AWS::Glue::Trigger"}
                    }}
                    """);

            assertThatThrownBy(() -> reader.read(template, Map.of()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageStartingWith("etl.json: line 3, column 3: not valid JSON: ");
        }

        @Test
        void read_shouldRefuseAFileThatIsNotATemplate(@TempDir Path dir) throws IOException {
            Path text = write(dir, "notes.txt", "just some notes\n");
            Path empty = write(dir, "blank.yaml", "# nothing yet\n");
            Path noResources = write(dir, "empty.yaml", "Description: nothing here\n");

            assertThatThrownBy(() -> reader.read(text, Map.of()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("notes.txt: not a CloudFormation template: its top level is not a mapping (a "
                            + "template is a mapping with a Resources section)");
            assertThatThrownBy(() -> reader.read(empty, Map.of()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("blank.yaml: not valid YAML: the file is empty (a CloudFormation template is a "
                            + "mapping with a Resources section)");
            assertThatThrownBy(() -> reader.read(noResources, Map.of()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("empty.yaml: no Resources: a CloudFormation template declares its resources in a "
                            + "Resources section");
        }

        @Test
        void read_shouldRefuseAParameterTheTemplateDoesNotDeclare() {
            assertThatThrownBy(() -> reader.read(TEMPLATES.resolve("glue-estate.yaml"), Map.of("Enviroment", "prod")))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("glue-estate.yaml: --parameter Enviroment: the template declares no such parameter "
                            + "(it declares Environment, Lake, ScriptBucket; pseudo parameters: AWS::AccountId, "
                            + "AWS::NotificationARNs, AWS::Partition, AWS::Region, AWS::StackId, AWS::StackName, "
                            + "AWS::URLSuffix)");
        }

        @Test
        void read_shouldRefuseAValueOutsideTheParametersAllowedValues() {
            assertThatThrownBy(() -> reader.read(TEMPLATES.resolve("glue-estate.yaml"), Map.of("Environment", "qa")))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("glue-estate.yaml: --parameter Environment=qa: not one of the parameter's "
                            + "AllowedValues (dev, prod)");
        }

        @Test
        void read_shouldNameEveryParameterItNeedsThatHasNoValue(@TempDir Path dir) throws IOException {
            // GIVEN two parameters without Default the Glue resources use, one only a bucket policy uses
            Path template = write(dir, "etl.yaml", """
                    Parameters:
                      Env: {Type: String}
                      Team: {Type: String}
                      VpcId: {Type: String}
                    Resources:
                      Job:
                        Type: AWS::Glue::Job
                        Properties:
                          Name: !Sub ${Env}-load
                          DefaultArguments:
                            '--team': !Ref Team
                      Group:
                        Type: AWS::EC2::SecurityGroup
                        Properties:
                          VpcId: !Ref VpcId
                    """);

            // WHEN / THEN the message names each one the import needs, and where
            assertThatThrownBy(() -> reader.read(template, Map.of()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("etl.yaml: no value for Env (used by Job Name), Team (used by Job "
                            + "DefaultArguments.--team): give each with --parameter NAME=VALUE (the template gives "
                            + "no Default)");
            assertThat(reader.read(template, Map.of("Env", "dev", "Team", "sales")).jobs())
                    .containsOnlyKeys("dev-load");
        }

        @Test
        void read_shouldNameResourceLineAndPropertyOfAMalformedFunction(@TempDir Path dir) throws IOException {
            Path template = write(dir, "etl.yaml", """
                    Resources:
                      Start:
                        Type: AWS::Glue::Trigger
                        Properties:
                          Type: ON_DEMAND
                          Actions:
                            - JobName: !Select [2, [a, b]]
                    """);

            assertThatThrownBy(() -> reader.read(template, Map.of()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("etl.yaml, resource Start (line 2), Actions[0].JobName: Fn::Select: index 2 is "
                            + "outside the list of 2");
        }

        @Test
        void read_shouldRefuseAConditionThatIsNotDeclared(@TempDir Path dir) throws IOException {
            Path template = write(dir, "etl.json", """
                    {"Resources": {
                       "Start": {"Type": "AWS::Glue::Trigger", "Condition": "IsProd",
                                 "Properties": {"Type": "ON_DEMAND", "Actions": [{"JobName": "a"}]}}}}
                    """);

            assertThatThrownBy(() -> reader.read(template, Map.of()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("etl.json, resource Start (line 2), Condition: Condition IsProd is not declared in the "
                            + "template's Conditions");
        }

        private static Path write(Path dir, String name, String text) throws IOException {
            return Files.writeString(dir.resolve(name), text);
        }
    }

    /** Trimmed copies of templates public projects deploy, with names of our own. */
    @Nested
    class RealWorld {

        @Test
        void read_shouldImportAWorkflowOfCrawlersAndJobsNamedThroughAParameter() {
            // GIVEN a workflow whose triggers name it through the parameter its Name comes from, crawler
            // conditions under Logical AND, and jobs whose arguments need the account and region
            GlueEstate estate = reader.read(TEMPLATES.resolve("real-world/pipeline-glue-workflow.yml"), Map.of());

            // THEN every trigger lands in the workflow, naming jobs and crawlers by their Names
            assertThat(estate.workflows()).extracting(workflow -> workflow.get("Name").asText())
                    .containsExactly("Weather");
            assertThat(estate.triggers()).extracting(trigger -> trigger.get("Name").asText() + " "
                            + trigger.get("WorkflowName").asText())
                    .containsExactly("t_Start Weather", "t_GroupA Weather", "t_Month Weather", "t_End Weather");
            assertThat(estate.triggers().get(0)).isEqualTo(json("""
                    {"Name": "t_Start", "Type": "SCHEDULED", "Schedule": "cron(0 8 * * ? *)",
                     "StartOnCreation": true, "WorkflowName": "Weather",
                     "Actions": [{"JobName": "j_Emit_Started_Event"}]}"""));
            assertThat(estate.triggers().get(2).get("Predicate")).isEqualTo(json("""
                    {"Logical": "AND", "Conditions": [
                       {"CrawlerName": "c_StationList", "CrawlState": "SUCCEEDED", "LogicalOperator": "EQUALS"},
                       {"CrawlerName": "c_observations", "CrawlState": "SUCCEEDED", "LogicalOperator": "EQUALS"}]}
                    """));
            // AND a YAML boolean argument arrives as Glue's string; the arguments built from the account and the
            // region are left out, each reported
            assertThat(estate.jobs().get("j_Monthly").get("DefaultArguments")).isEqualTo(json("""
                    {"--LOG_LEVEL": "INFO", "--PERIOD": "MONTHLY", "--enable-continuous-cloudwatch-log": "true",
                     "--enable-metrics": "", "--job-bookmark-option": "job-bookmark-disable"}"""));
            assertThat(estate.findings()).extracting(ImportFinding::subject)
                    .containsExactly("DefaultArguments.--S3_OUTPUT_BASE_PATH", "DefaultArguments.--TempDir");
            assertThat(estate.findings().get(0).message()).isEqualTo(JOB_NOT_READ + "Ref AWS::AccountId is known "
                    + "only at deployment: give --parameter AWS::AccountId=VALUE; Ref AWS::Region is known only at "
                    + "deployment: give --parameter AWS::Region=VALUE");
        }

        @Test
        void read_shouldImportATabIndentedJsonTemplateWithoutTheParametersOnlyOtherResourcesNeed() {
            // GIVEN a JSON template whose VpcId parameter (no Default) only a security group uses
            GlueEstate estate = reader.read(TEMPLATES.resolve("real-world/warehouse-glue-workflow.json"), Map.of());

            // THEN the workflow's triggers land, the crawler action by its Name, the database by its name
            assertThat(estate.triggers()).containsExactly(
                    json("""
                            {"Name": "Start-WF", "Type": "ON_DEMAND", "Description": "Starting the WF trigger",
                             "Actions": [{"JobName": "OrdersJob-Copy", "Arguments": {"--database": "ordersdb"}}],
                             "WorkflowName": "OrdersWorkflow"}"""),
                    json("""
                            {"Name": "Copy-complete", "Type": "CONDITIONAL",
                             "Description": "Description for a conditional job trigger",
                             "Actions": [{"JobName": "OrdersJob-Unload"}],
                             "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "OrdersJob-Copy",
                                                           "State": "SUCCEEDED"}]},
                             "WorkflowName": "OrdersWorkflow"}"""),
                    json("""
                            {"Name": "Unload-complete", "Type": "CONDITIONAL",
                             "Description": "Description for a conditional job trigger",
                             "Actions": [{"CrawlerName": "ordersCrawler"}],
                             "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS",
                                                           "JobName": "OrdersJob-Unload", "State": "SUCCEEDED"}]},
                             "WorkflowName": "OrdersWorkflow"}"""));
            // AND the number argument is Glue's string; the cluster's endpoint and the role's name are left out
            assertThat(estate.jobs().get("OrdersJob-Copy").get("DefaultArguments")).isEqualTo(json("""
                    {"--job-bookmark-option": "job-bookmark-enable", "--port": "8192", "--dbname": "orders"}"""));
            assertThat(estate.findings()).extracting(f -> f.source() + " " + f.subject()).containsExactly(
                    "warehouse-glue-workflow.json, CopyShellJob DefaultArguments.--host",
                    "warehouse-glue-workflow.json, CopyShellJob DefaultArguments.--iamrole",
                    "warehouse-glue-workflow.json, UnloadShellJob DefaultArguments.--s3location",
                    "warehouse-glue-workflow.json Resources");
            assertThat(estate.findings().get(1).message()).isEqualTo(JOB_NOT_READ + "Ref AWS::AccountId is known "
                    + "only at deployment: give --parameter AWS::AccountId=VALUE; Ref WarehouseRole (AWS::IAM::Role) "
                    + "is known only once the stack is deployed: the job keeps its value in Glue");
        }

        @Test
        void read_shouldImportASynthesizedCdkTemplateWhoseJobsAndCrawlersHaveNoNames() {
            // GIVEN a template the CDK synthesized: hashed logical ids, a workflow without properties, jobs and
            // crawlers without Name, a security configuration, an EVENT trigger, an SSM parameter, Rules
            GlueEstate estate = reader.read(TEMPLATES.resolve("real-world/cdk-glue-workflows.template.json"),
                    Map.of());

            // THEN every workflow and trigger lands, the security configuration by its Name
            assertThat(estate.workflows()).extracting(workflow -> workflow.get("Name").asText()).containsExactly(
                    "MyWorkflowTask5BAF3B32", "my_on_demand_workflow", "my_daily_workflow", "my_event_workflow");
            assertThat(estate.triggers()).extracting(trigger -> trigger.get("Name").asText() + " "
                            + trigger.get("Type").asText() + " " + trigger.get("WorkflowName").asText())
                    .containsExactly("my_on_demand_trigger ON_DEMAND my_on_demand_workflow",
                            "my_conditional_trigger CONDITIONAL my_on_demand_workflow",
                            "my_daily_schedule SCHEDULED my_daily_workflow",
                            "my_notify_event EVENT my_event_workflow");
            assertThat(estate.triggers().get(3)).isEqualTo(json("""
                    {"Name": "my_notify_event", "Type": "EVENT", "WorkflowName": "my_event_workflow",
                     "EventBatchingCondition": {"BatchSize": 10, "BatchWindow": 600},
                     "Actions": [
                       {"JobName": "MyJob8719E923", "Arguments": {"--arg1": "value1"}, "Timeout": 10,
                        "NotificationProperty": {"NotifyDelayAfter": 5},
                        "SecurityConfiguration": "awscdkglueworkflowMySecurityConfigurationBBF7B904"},
                       {"CrawlerName": "MyCrawler", "Timeout": 10, "NotificationProperty": {"NotifyDelayAfter": 5},
                        "SecurityConfiguration": "awscdkglueworkflowMySecurityConfigurationBBF7B904"}]}"""));
            assertThat(estate.jobs()).containsOnlyKeys("MyJob8719E923", "MyPredicateJobF30A7B45");
            // AND the jobs and crawlers, whose deployed names CloudFormation made up, need a decision; the
            // workflow named after its logical id and the resources left to the template are information
            assertThat(estate.findings()).extracting(f -> f.kind() + " " + f.source() + " " + f.subject())
                    .containsExactly(
                            "CARRIED_DIFFERENTLY cdk-glue-workflows.template.json, MyWorkflowTask5BAF3B32 Name",
                            "NEEDS_DECISION cdk-glue-workflows.template.json, MyJob8719E923 Name",
                            "NEEDS_DECISION cdk-glue-workflows.template.json, MyPredicateJobF30A7B45 Name",
                            "NEEDS_DECISION cdk-glue-workflows.template.json, MyCrawler Name",
                            "NEEDS_DECISION cdk-glue-workflows.template.json, MyPredicateCrawler Name",
                            "CARRIED_DIFFERENTLY cdk-glue-workflows.template.json Resources");
            assertThat(estate.findings().get(3).message()).isEqualTo("no Name in the template: CloudFormation "
                    + "named the deployed crawler itself (the stack's resources show that name); imported as "
                    + "MyCrawler: replace MyCrawler with the deployed name");
            assertThat(estate.findings().get(5).message()).isEqualTo("not imported, they stay with the template: "
                    + "AWS::Glue::SecurityConfiguration (MySecurityConfiguration4AB9DD39); AWS::IAM::Role "
                    + "(Role1ABCC5F0, MyJobServiceRoleE6853162, MyPredicateJobServiceRoleE1F838CC); the import reads "
                    + "workflows, triggers and jobs");
        }
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
