package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.contract.DefinitionsBundle;
import dev.glueorch.contract.DefinitionsDeploymentProperties;
import dev.glueorch.infra.DefinitionsDeployment;
import dev.glueorch.infra.GlueOrchestrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/** The definitions travel as an S3 asset and reach the table through one custom resource. */
@Synthesized
class DefinitionsCustomResourceTest {

    private final SynthesizedStack synthesized;
    private final Template template;
    private final GlueOrchestrator orchestrator;
    private final DefinitionsDeployment deployment;

    DefinitionsCustomResourceTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.orchestrator = orchestrator;
        this.deployment = orchestrator.getDefinitionsDeployment();
    }

    @Test
    void definitions_shouldBeOneCustomResourceNamingTheAssetTableAndVersion() {
        // GIVEN two workflow files (and a scenario file) in the test folder
        Capture bucket = new Capture();
        Capture key = new Capture();

        // WHEN / THEN one custom resource of the deployment's type names the table, the asset and the version, and
        // carries no workflow document
        template.resourceCountIs(GlueOrchestrator.DEFINITIONS_RESOURCE_TYPE, 1);
        template.hasResourceProperties(GlueOrchestrator.DEFINITIONS_RESOURCE_TYPE, Match.objectEquals(Map.of(
                "ServiceToken", Match.anyValue(),
                DefinitionsDeploymentProperties.TABLE_NAME, synthesized.refOf(orchestrator.getTable()),
                DefinitionsDeploymentProperties.BUCKET, bucket,
                DefinitionsDeploymentProperties.KEY, key,
                DefinitionsDeploymentProperties.VERSION, synthesized.definitions.version())));
        assertThat(key.asString()).endsWith(".json");
        assertThat(template.findResources("Custom::GlueOrchestratorDefinitions")).isEmpty();
        assertThat(template.findResources("Custom::AWS")).isEmpty();
    }

    @Test
    void bundleAsset_shouldHoldTheValidatedWorkflowFilesOfTheVersion() throws IOException {
        // GIVEN the cloud assembly, where CDK staged the asset
        CloudAssembly assembly = software.amazon.awscdk.App.of(synthesized.stack).synth();
        Path staged = Path.of(assembly.getDirectory(), deployment.getBundle().getAssetPath());

        // WHEN the staged bundle is read as the handler reads it
        DefinitionsBundle bundle = DefinitionsBundle.parse(Files.readAllBytes(staged), staged.toString());

        // THEN it holds the two workflow files, not the scenario, under the template's version
        assertThat(bundle.version()).isEqualTo(synthesized.definitions.version());
        assertThat(bundle.files().keySet()).hasSize(2)
                .allSatisfy(source -> assertThat(source).doesNotContain("scenario"));
        assertThat(bundle).isEqualTo(DefinitionsBundle.of(synthesized.definitions));
    }

    @Test
    void deploymentFunction_shouldRunTheHandlerOfTheFunctionsPackage() {
        // GIVEN the definitions deployment's function
        String function = synthesized.logicalId(deployment.getFunction());

        // WHEN / THEN it runs the functions package's handler, on Java 21
        assertThat(template.findResources("AWS::Lambda::Function").get(function)).isNotNull();
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", DefinitionsDeployment.HANDLER,
                "Runtime", "java21"));
    }

    @Test
    void deploymentRole_shouldReadOnlyTheBundleObjectAndWriteOnlyTheTable() {
        // GIVEN the deployment function's role
        Map<String, Object> role = Map.of("Ref", synthesized.logicalId(deployment.getFunction().getRole()));

        // WHEN its statements are collected
        List<Object> statements = SynthesizedStack.policyStatementsOf(template, role);

        // THEN it may write its logs, get the one bundle object, and batch-write and update the table, nothing else
        assertThat(statements).hasSize(3);
        assertThat(statements).anySatisfy(statement -> assertThat(SynthesizedStack.asMap(statement))
                .containsEntry("Action", "s3:GetObject"));
        assertThat(statements).anySatisfy(statement -> assertThat(SynthesizedStack.asMap(statement))
                .containsEntry("Action", List.of("dynamodb:BatchWriteItem", "dynamodb:UpdateItem"))
                .containsEntry("Resource", synthesized.arnOf(orchestrator.getTable())));
        Map<?, ?> getObject = statements.stream().map(SynthesizedStack::asMap)
                .filter(statement -> "s3:GetObject".equals(statement.get("Action"))).findFirst().orElseThrow();
        assertThat(getObject.get("Resource").toString()).contains(".json").doesNotContain("*");
    }

    @Test
    void scenarioFiles_shouldNotBeDeployedAsDefinitions() {
        // GIVEN a simulator scenario kept beside its workflow
        assertThat(Files.isRegularFile(SynthesizedStack.resource("workflows").resolve("sales-hourly.scenario.json")))
                .isTrue();

        // WHEN / THEN the version the template deploys is that of the two workflows alone
        assertThat(synthesized.definitions.workflows().keySet()).containsExactlyInAnyOrder("inventory-daily",
                "sales-hourly");
        assertThat(DefinitionsBundle.of(synthesized.definitions).files()).hasSize(2);
    }
}
