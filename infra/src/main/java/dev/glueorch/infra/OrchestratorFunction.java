package dev.glueorch.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One orchestrator function with what it runs on: its own role (no managed policy), its own log group, the
 * {@value #ALIAS_NAME} alias on the SnapStart-published version that its callers invoke, and, for a function invoked
 * asynchronously (by EventBridge), the dead-letter queue of those invocations and the alias's retry settings.
 */
public final class OrchestratorFunction extends Construct {

    static final String ALIAS_NAME = "live";

    private final Role role;
    private final LogGroup logGroup;
    /** {@code null} for a function invoked synchronously only. */
    private final AlarmedDeadLetterQueue deadLetterQueue;
    private final Function function;
    private final Alias alias;

    /**
     * What differs between the functions; the role is named {@code <functionRoleNamePrefix>-<roleNameSuffix>}.
     * {@code asyncRetryAttempts} and {@code maxAsyncEventAge} are both {@code null} for a function that is invoked
     * synchronously only (see {@link #synchronous}): it gets neither a dead-letter queue nor async settings.
     */
    record Spec(String handler, String description, Duration timeout, Integer asyncRetryAttempts,
                Duration maxAsyncEventAge, String roleNameSuffix) {

        Spec {
            if ((asyncRetryAttempts == null) != (maxAsyncEventAge == null)) {
                throw new IllegalArgumentException("asyncRetryAttempts and maxAsyncEventAge go together: both for a "
                        + "function invoked asynchronously, neither for one invoked synchronously only");
            }
        }

        /** A function whose callers wait for its answer: a failure goes back to them, nothing to dead-letter. */
        static Spec synchronous(String handler, String description, Duration timeout, String roleNameSuffix) {
            return new Spec(handler, description, timeout, null, null, roleNameSuffix);
        }

        boolean invokedAsynchronously() {
            return maxAsyncEventAge != null;
        }
    }

    OrchestratorFunction(Construct scope, String id, Spec spec, Code code, Map<String, String> environment,
                         GlueOrchestratorProps props) {
        super(scope, id);
        this.logGroup = LogGroup.Builder.create(this, "LogGroup")
                .retention(props.getLogRetention())
                .build();
        // A fixed name, so that a remote account's role can trust exactly this role before it exists.
        this.role = Role.Builder.create(this, "Role")
                .roleName(CrossAccount.functionRoleName(props.getFunctionRoleNamePrefix(), spec.roleNameSuffix()))
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("glue-orchestrator " + id + " function: least privilege, no AWS managed policy")
                .build();
        // What AWSLambdaBasicExecutionRole would grant, but only on this function's own log group.
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());
        this.deadLetterQueue = spec.invokedAsynchronously() ? new AlarmedDeadLetterQueue(this, "DeadLetterQueue",
                "the " + id + " function's asynchronous invocations", props.getAlarmActions()) : null;
        this.function = Function.Builder.create(this, "Function")
                .description(spec.description())
                .runtime(Runtime.JAVA_21)
                .architecture(props.getArchitecture())
                .handler(spec.handler())
                .code(code)
                .memorySize(props.getMemorySize())
                .timeout(spec.timeout())
                .environment(environment)
                .role(role)
                .logGroup(logGroup)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .deadLetterQueue(deadLetterQueue == null ? null : deadLetterQueue.queue())
                .build();
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-L1")
                .reason("java21 is the runtime this project targets: the code is Java 17 and SnapStart, the Lambda "
                        + "runtime client and Powertools v2 were verified on java21. Move to java25 once verified.")
                .build()));
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "SnapStart applies to the published current version, which the live alias points at");
        // The async retry settings belong to the alias: EventBridge invokes the alias, not $LATEST. Without them
        // (a synchronous-only function) the alias gets no EventInvokeConfig.
        this.alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .retryAttempts(spec.asyncRetryAttempts())
                .maxEventAge(spec.maxAsyncEventAge())
                .build();
    }

    /** The function's own role, named {@code <functionRoleNamePrefix>-<suffix>}. */
    public Role role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    /** @throws IllegalStateException for a function invoked synchronously only, which has no dead-letter queue */
    public Queue deadLetterQueue() {
        if (deadLetterQueue == null) {
            throw new IllegalStateException(getNode().getId() + " is invoked synchronously only: no dead-letter queue");
        }
        return deadLetterQueue.queue();
    }

    public Function function() {
        return function;
    }

    /** The {@value #ALIAS_NAME} alias its callers invoke. */
    public Alias alias() {
        return alias;
    }
}
