package dev.glueorch.infra;

import dev.glueorch.contract.DefinitionsBundle;
import dev.glueorch.contract.DefinitionsDeploymentProperties;
import dev.glueorch.model.Definitions;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * Brings a definitions version into the table at deploy time without putting it in the template: the CDK app writes
 * the validated workflow files as one {@link DefinitionsBundle} file, which travels as an S3 asset; a custom resource
 * names the asset and the version, and its handler ({@value #HANDLER}, in the functions package) validates the bundle
 * again, writes the version's items and moves the current pointer last. The template holds one resource and a few
 * short properties whatever the number of workflows.
 *
 * <p>CDK's provider framework answers CloudFormation: the handler's exception becomes the FAILED reason, and the stack
 * rolls back (the rollback's Update points back at the previous version, whose bundle is still in the asset bucket).
 */
public final class DefinitionsDeployment extends Construct {

    public static final String HANDLER = "dev.glueorch.handler.DefinitionsDeploymentHandler::handleRequest";
    /** The type of the custom resource that deploys a definitions version. */
    public static final String RESOURCE_TYPE = "Custom::GlueOrchestratorDefinitionsDeployment";

    private final Asset bundle;
    private final Function function;
    private final LogGroup logGroup;
    private final CustomResource resource;

    DefinitionsDeployment(Construct scope, String id, Definitions definitions, ITable table, Code code,
                          Map<String, String> environment, GlueOrchestratorProps props) {
        super(scope, id);
        this.bundle = Asset.Builder.create(this, "Bundle").path(writeBundle(definitions).toString()).build();
        this.logGroup = LogGroup.Builder.create(this, "LogGroup").retention(props.getLogRetention()).build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("glue-orchestrator definitions deployment: reads the bundle asset, writes the table")
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());
        // This version's object only: the asset bucket holds every other asset of the account's CDK apps.
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of(bundle.getBucket().arnForObjects(bundle.getS3ObjectKey())))
                .build());
        // BatchWriteItem for the version items, UpdateItem for the pointer (it keeps the deactivated triggers).
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:BatchWriteItem", "dynamodb:UpdateItem"))
                .resources(List.of(table.getTableArn()))
                .build());
        this.function = Function.Builder.create(this, "Function")
                .description("glue-orchestrator: deploys the definitions version " + definitions.version()
                        + " into the table")
                .runtime(Runtime.JAVA_21)
                .architecture(props.getArchitecture())
                .handler(HANDLER)
                .code(code)
                .memorySize(props.getMemorySize())
                // 1,000 workflows are 40 batch writes: seconds; the margin covers DynamoDB's throttling retries.
                .timeout(Duration.minutes(5))
                .environment(environment)
                .role(role)
                .logGroup(logGroup)
                .build();
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-L1")
                .reason("java21 is the runtime this project targets: the code is Java 17 and the Lambda runtime "
                        + "client and Powertools v2 were verified on java21. Move to java25 once verified.")
                .build()));
        Provider provider = Provider.Builder.create(this, "Provider")
                .onEventHandler(function)
                .build();
        suppressProviderFindings(provider);
        this.resource = CustomResource.Builder.create(this, "Resource")
                .serviceToken(provider.getServiceToken())
                .resourceType(RESOURCE_TYPE)
                .properties(Map.of(
                        DefinitionsDeploymentProperties.TABLE_NAME, table.getTableName(),
                        DefinitionsDeploymentProperties.BUCKET, bundle.getS3BucketName(),
                        DefinitionsDeploymentProperties.KEY, bundle.getS3ObjectKey(),
                        DefinitionsDeploymentProperties.VERSION, definitions.version()))
                .build();
    }

    /**
     * The bundle in a folder of its own, named by the version: CDK copies it into the cloud assembly by its hash, so
     * the same definitions give the same asset.
     */
    private static Path writeBundle(Definitions definitions) {
        try {
            Path folder = Files.createTempDirectory("glue-orchestrator-definitions-");
            Path file = folder.resolve("definitions-" + definitions.version() + ".json");
            Files.write(file, DefinitionsBundle.of(definitions).toBytes());
            file.toFile().deleteOnExit();
            folder.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the definitions bundle to a temporary folder", e);
        }
    }

    /** CDK's provider framework: a function of its own that invokes the handler and answers CloudFormation. */
    private static void suppressProviderFindings(Provider provider) {
        NagSuppressions.addResourceSuppressions(provider, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason("CDK's provider framework function writes its own logs with "
                                + "AWSLambdaBasicExecutionRole; its only other right is to invoke the definitions "
                                + "deployment function.")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AWSLambdaBasicExecutionRole"))
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("CDK's provider framework may invoke any version of the one definitions deployment "
                                + "function (function ARN followed by :*), nothing else.")
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-L1")
                        .reason("The provider framework function's Node.js runtime is the one CDK chooses and "
                                + "upgrades with the CDK version.")
                        .build()), true);
    }

    /** The S3 asset of the definitions bundle. */
    public Asset getBundle() {
        return bundle;
    }

    /** The function that writes the version into the table during a deployment. */
    public Function getFunction() {
        return function;
    }

    public LogGroup getLogGroup() {
        return logGroup;
    }

    /** The custom resource ({@value #RESOURCE_TYPE}): one per stack, whatever the number of workflows. */
    public CustomResource getResource() {
        return resource;
    }
}
