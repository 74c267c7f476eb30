package dev.glueorch.infra;

import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
 *   <li>{@code stackName}: default {@value #DEFAULT_STACK_NAME};</li>
 *   <li>{@code notificationEmails}: comma-separated addresses subscribed to the notification topic, default none;</li>
 *   <li>{@code reconcileIntervalMinutes}: 1 to 60, default
 *       {@value GlueOrchestratorProps#DEFAULT_RECONCILE_INTERVAL_MINUTES}.</li>
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
        } catch (IllegalArgumentException e) {
            // A missing Lambda package or an invalid context value: the message says what to change.
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
     * @throws IllegalArgumentException when a context value is invalid
     */
    public static GlueOrchestratorStack create(App app) {
        Definitions definitions = new DefinitionLoader().load(Path.of(context(app, "workflows", DEFAULT_WORKFLOWS)));
        GlueOrchestratorProps props = GlueOrchestratorProps.builder()
                .definitions(definitions)
                .lambdaPackage(Path.of(context(app, "lambdaPackage", DEFAULT_LAMBDA_PACKAGE)))
                .notificationEmails(notificationEmails(context(app, "notificationEmails", "")))
                .reconcileIntervalMinutes(reconcileIntervalMinutes(context(app, "reconcileIntervalMinutes",
                        Integer.toString(GlueOrchestratorProps.DEFAULT_RECONCILE_INTERVAL_MINUTES))))
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

    /** {@code -c notificationEmails=a@example.com,b@example.com}: blanks around the commas are ignored. */
    private static List<String> notificationEmails(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(email -> !email.isEmpty()).toList();
    }

    private static int reconcileIntervalMinutes(String minutes) {
        try {
            return Integer.parseInt(minutes.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context reconcileIntervalMinutes must be a whole number of minutes "
                    + "from 1 to 60, was '" + minutes + "'", e);
        }
    }

    private static String context(App app, String key, String defaultValue) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? defaultValue : value.toString();
    }
}
