package dev.glueorch.infra;

import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The CDK app: validates the workflow definitions and builds {@link GlueOrchestratorStack} from them, with the
 * cdk-nag AWS Solutions checks; or, with the context value {@code remoteAccessFor}, builds
 * {@link GlueOrchestratorRemoteAccessStack} for an account whose jobs another account's orchestrator starts.
 *
 * <p>Both stacks take the account and Region that {@code cdk deploy} resolves from the credentials
 * ({@code CDK_DEFAULT_ACCOUNT}, {@code CDK_DEFAULT_REGION}), so that an account that must be another one is checked
 * at synth; {@code cdk synth} without credentials builds an environment-agnostic template.
 *
 * <p>Context values of the orchestrator stack (relative paths are relative to {@code infra/}, where cdk runs):
 * <ul>
 *   <li>{@code workflows}: the definitions folder, default {@value #DEFAULT_WORKFLOWS};</li>
 *   <li>{@code lambdaPackage}: the deployment zip, default {@value #DEFAULT_LAMBDA_PACKAGE} (copied there by
 *       {@code mvn package});</li>
 *   <li>{@code stackName}: default {@value #DEFAULT_STACK_NAME};</li>
 *   <li>{@code notificationEmails}: comma-separated addresses subscribed to the notification topic, default none;</li>
 *   <li>{@code reconcileIntervalMinutes}: 1 to 60, default
 *       {@value GlueOrchestratorProps#DEFAULT_RECONCILE_INTERVAL_MINUTES};</li>
 *   <li>{@code trustedAccounts}: comma-separated accounts of upstream orchestrators whose "Action Completed" events
 *       are accepted, default none;</li>
 *   <li>{@code trustedFunctionRoleNamePrefix}: the upstream orchestrators' {@code functionRoleNamePrefix}, whose
 *       role {@code <prefix>-forward} alone may put their "Action Completed" events, default
 *       {@value GlueOrchestratorProps#DEFAULT_FUNCTION_ROLE_NAME_PREFIX};</li>
 *   <li>{@code fedAccounts}: comma-separated accounts of downstream orchestrators that get this one's "Action
 *       Completed" events, default none;</li>
 *   <li>{@code functionRoleNamePrefix}: of the function roles, the forward role and the Glue event rules, default
 *       {@value GlueOrchestratorProps#DEFAULT_FUNCTION_ROLE_NAME_PREFIX};</li>
 *   <li>{@code glueAccessTag}: {@code key=value}, the functions may use the Glue jobs and crawlers with that tag
 *       ({@link GlueAccess#resourceTag}) instead of the exact ARNs;</li>
 *   <li>{@code glueAccessPrefixes}: comma-separated name prefixes ({@link GlueAccess#namePrefixes}), in IAM and in
 *       the event rules;</li>
 *   <li>{@code eventPatternMaxLength}: 2048 (default) to 4096, once EventBridge's quota was raised;</li>
 *   <li>{@code maxManagedPoliciesPerRole}: 10 (default) to 20, once IAM's quota was raised;</li>
 *   <li>{@code rulesPerBusQuota}: the account's EventBridge "Rules per event bus" quota, default 300 (100 in
 *       af-south-1 and eu-south-1).</li>
 * </ul>
 *
 * <p>Context values of the remote-access stack:
 * <ul>
 *   <li>{@code remoteAccessFor}: the orchestrator's account (required for this mode);</li>
 *   <li>{@code remoteJobs}: comma-separated names of this account's Glue jobs it starts (required);</li>
 *   <li>{@code externalId}: the actions' {@code ExternalId}, default none;</li>
 *   <li>{@code orchestratorRegion}: default the Region deployed to;</li>
 *   <li>{@code functionRoleNamePrefix}: the orchestrator's, default
 *       {@value GlueOrchestratorProps#DEFAULT_FUNCTION_ROLE_NAME_PREFIX};</li>
 *   <li>{@code stackName}: default {@value #DEFAULT_REMOTE_ACCESS_STACK_NAME}.</li>
 * </ul>
 */
public final class GlueOrchestratorApp {

    public static final String DEFAULT_WORKFLOWS = "../workflows/examples/hourly";
    public static final String DEFAULT_LAMBDA_PACKAGE = "target/lambda/functions.zip";
    public static final String DEFAULT_STACK_NAME = "GlueOrchestrator";
    public static final String DEFAULT_REMOTE_ACCESS_STACK_NAME = "GlueOrchestratorRemoteAccess";

    private GlueOrchestratorApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            if (isRemoteAccess(app)) {
                createRemoteAccess(app);
            } else {
                create(app);
            }
            synthesize(app);
        } catch (DefinitionException e) {
            // The user's fix is in the message (file, object, field, reason); a stack trace would bury it.
            System.err.println("Synth refused: the workflow definitions are invalid, nothing was synthesized.\n"
                    + e.getMessage());
            System.exit(1);
        } catch (IllegalArgumentException e) {
            // A missing Lambda package, an invalid context value, a template too large: the message says what to
            // change.
            System.err.println("Synth refused: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Writes the cloud assembly, then refuses a stack template CloudFormation would refuse at deploy: its size is
     * only known once written (it grows with the names of jobs, crawlers and triggers).
     *
     * @throws IllegalArgumentException naming the stack, its size, the limit and what makes it smaller
     */
    public static CloudAssembly synthesize(App app) {
        CloudAssembly assembly = app.synth();
        for (CloudFormationStackArtifact stack : assembly.getStacks()) {
            long bytes;
            try {
                bytes = Files.size(Path.of(stack.getTemplateFullPath()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (bytes > AwsLimits.TEMPLATE_BYTES) {
                throw new IllegalArgumentException(String.format("the template of stack %s is %,d bytes; "
                        + "CloudFormation accepts at most %,d (1 MB). It grows with the names of the jobs, crawlers "
                        + "and EVENT triggers (exact ARNs in IAM policies, job names in event patterns, one rule per "
                        + "EVENT trigger): name the jobs by prefix or tag (-c glueAccessPrefixes=... or "
                        + "-c glueAccessTag=...), shorten the longest names, or split the workflows between two "
                        + "stacks", stack.getStackName(), bytes, AwsLimits.TEMPLATE_BYTES));
            }
        }
        return assembly;
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
                .notificationEmails(commaSeparated(context(app, "notificationEmails", "")))
                .reconcileIntervalMinutes(reconcileIntervalMinutes(context(app, "reconcileIntervalMinutes",
                        Integer.toString(GlueOrchestratorProps.DEFAULT_RECONCILE_INTERVAL_MINUTES))))
                .trustedAccounts(commaSeparated(context(app, "trustedAccounts", "")))
                .trustedFunctionRoleNamePrefix(context(app, "trustedFunctionRoleNamePrefix",
                        GlueOrchestratorProps.DEFAULT_FUNCTION_ROLE_NAME_PREFIX))
                .fedAccounts(commaSeparated(context(app, "fedAccounts", "")))
                .functionRoleNamePrefix(context(app, "functionRoleNamePrefix",
                        GlueOrchestratorProps.DEFAULT_FUNCTION_ROLE_NAME_PREFIX))
                .glueAccess(glueAccess(app))
                .eventPatternMaxLength(wholeNumber(context(app, "eventPatternMaxLength", "2048"),
                        "eventPatternMaxLength"))
                .maxManagedPoliciesPerRole(wholeNumber(context(app, "maxManagedPoliciesPerRole", "10"),
                        "maxManagedPoliciesPerRole"))
                .rulesPerBusQuota(wholeNumber(context(app, "rulesPerBusQuota", "300"), "rulesPerBusQuota"))
                .build();
        GlueOrchestratorStack stack = new GlueOrchestratorStack(app, context(app, "stackName", DEFAULT_STACK_NAME),
                StackProps.builder()
                        .description("glue-orchestrator: event-driven orchestration of AWS Glue jobs and crawlers "
                                + "(definitions version " + definitions.version() + ")")
                        .env(deployEnvironment())
                        // No indentation: CloudFormation counts the template's bytes (1 MB), and an estate at Glue's
                        // quotas with names of 255 characters writes every name twice (rules and ARNs)
                        .suppressTemplateIndentation(true)
                        .build(),
                props);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }

    /** Whether {@code app}'s context asks for the remote-access stack ({@code -c remoteAccessFor=<account>}). */
    public static boolean isRemoteAccess(App app) {
        return app.getNode().tryGetContext("remoteAccessFor") != null;
    }

    /**
     * Adds the remote-access stack named by {@code app}'s context, and the cdk-nag checks, to it.
     *
     * @throws IllegalArgumentException when a context value is missing or invalid
     */
    public static GlueOrchestratorRemoteAccessStack createRemoteAccess(App app) {
        String orchestratorAccount = CrossAccount.requireAccountId(context(app, "remoteAccessFor", "").strip(),
                "context remoteAccessFor");
        List<String> jobNames = commaSeparated(context(app, "remoteJobs", ""));
        if (jobNames.isEmpty()) {
            throw new IllegalArgumentException("context remoteJobs is required with remoteAccessFor: give the "
                    + "comma-separated names of this account's Glue jobs that the orchestrator of account "
                    + orchestratorAccount + " starts, e.g. -c remoteJobs=archive-orders");
        }
        GlueOrchestratorRemoteAccessProps props = GlueOrchestratorRemoteAccessProps.builder()
                .orchestratorAccount(orchestratorAccount)
                .orchestratorRegion(optionalContext(app, "orchestratorRegion"))
                .functionRoleNamePrefix(context(app, "functionRoleNamePrefix",
                        GlueOrchestratorProps.DEFAULT_FUNCTION_ROLE_NAME_PREFIX))
                .jobNames(jobNames)
                .externalId(optionalContext(app, "externalId"))
                .build();
        GlueOrchestratorRemoteAccessStack stack = new GlueOrchestratorRemoteAccessStack(app,
                context(app, "stackName", DEFAULT_REMOTE_ACCESS_STACK_NAME),
                StackProps.builder()
                        .description("glue-orchestrator: lets the orchestrator of account " + orchestratorAccount
                                + " run Glue jobs of this account")
                        .env(deployEnvironment())
                        // No indentation: CloudFormation counts the template's bytes (1 MB), and an estate at Glue's
                        // quotas with names of 255 characters writes every name twice (rules and ARNs)
                        .suppressTemplateIndentation(true)
                        .build(),
                props);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }

    /**
     * The account and Region {@code cdk deploy} resolved from the credentials, where it did; otherwise the stack is
     * environment-agnostic (the account is then known to CloudFormation only).
     */
    private static Environment deployEnvironment() {
        return Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
    }

    /** {@code -c fedAccounts=111111111111,222222222222}: blanks around the commas and empty entries are ignored. */
    private static List<String> commaSeparated(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }

    private static GlueAccess glueAccess(App app) {
        String tag = optionalContext(app, "glueAccessTag");
        List<String> prefixes = commaSeparated(context(app, "glueAccessPrefixes", ""));
        if (tag != null && !prefixes.isEmpty()) {
            throw new IllegalArgumentException("context glueAccessTag and glueAccessPrefixes exclude each other: give "
                    + "one");
        }
        if (tag != null) {
            int equals = tag.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("context glueAccessTag must be key=value, like "
                        + "glue-orchestrator=managed, was '" + tag + "'");
            }
            return GlueAccess.resourceTag(tag.substring(0, equals), tag.substring(equals + 1));
        }
        return prefixes.isEmpty() ? GlueAccess.exactArns() : GlueAccess.namePrefixes(prefixes);
    }

    private static int wholeNumber(String value, String key) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context " + key + " must be a whole number, was '" + value + "'", e);
        }
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

    /** {@code null} when not given or blank. */
    private static String optionalContext(App app, String key) {
        String value = context(app, key, "").strip();
        return value.isEmpty() ? null : value;
    }
}
