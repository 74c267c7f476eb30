package dev.glueorch.infra;

import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: validates the workflow definitions and builds {@link GlueOrchestratorStack} from them, with the
 * cdk-nag AWS Solutions checks. Context values (relative paths are relative to {@code infra/}, where cdk runs):
 * <ul>
 *   <li>{@code workflows}: the definitions folder, default {@value #DEFAULT_WORKFLOWS};</li>
 *   <li>{@code lambdaPackage}: the deployment zip, default {@value #DEFAULT_LAMBDA_PACKAGE} (copied there by
 *       {@code mvn package});</li>
 *   <li>{@code stackName}: default {@value #DEFAULT_STACK_NAME}.</li>
 * </ul>
 */
public final class GlueOrchestratorApp {

    public static final String DEFAULT_WORKFLOWS = "../workflows";
    public static final String DEFAULT_LAMBDA_PACKAGE = "target/lambda/functions.zip";
    public static final String DEFAULT_STACK_NAME = "GlueOrchestrator";

    private GlueOrchestratorApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            create(app);
        } catch (DefinitionException e) {
            // The user's fix is in the message (file, object, field, reason); a stack trace would bury it.
            System.err.println("Synth refused: the workflow definitions are invalid, nothing was synthesized.\n"
                    + e.getMessage());
            System.exit(1);
        } catch (MissingLambdaPackageException e) {
            System.err.println("Synth refused: " + e.getMessage());
            System.exit(1);
        }
        app.synth();
    }

    /**
     * Loads the definitions named by {@code app}'s context and adds the stack and the cdk-nag checks to it.
     *
     * @throws DefinitionException with every definition error
     * @throws MissingLambdaPackageException when the Lambda package is missing
     */
    public static GlueOrchestratorStack create(App app) {
        Definitions definitions = new DefinitionLoader().load(Path.of(context(app, "workflows", DEFAULT_WORKFLOWS)));
        GlueOrchestratorProps props = GlueOrchestratorProps.builder()
                .definitions(definitions)
                .lambdaPackage(Path.of(context(app, "lambdaPackage", DEFAULT_LAMBDA_PACKAGE)))
                .build();
        GlueOrchestratorStack stack = new GlueOrchestratorStack(app, context(app, "stackName", DEFAULT_STACK_NAME),
                StackProps.builder()
                        .description("glue-orchestrator: event-driven orchestration of AWS Glue jobs and crawlers "
                                + "(definitions version " + definitions.version() + ")")
                        .build(),
                props);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }

    private static String context(App app, String key, String defaultValue) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? defaultValue : value.toString();
    }
}
