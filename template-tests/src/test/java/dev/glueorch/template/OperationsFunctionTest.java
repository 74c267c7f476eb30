package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.infra.GlueOrchestrator;
import dev.glueorch.infra.GlueOrchestratorProps;
import dev.glueorch.model.DefinitionLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.CfnPermission;

/**
 * The operations function, which Step Functions, a schedule or another AWS service invoke synchronously with IAM
 * permission only: how it runs, that nothing but an identity policy lets anyone invoke it, and the grant helper.
 */
@Synthesized
class OperationsFunctionTest {

    /** The construct on its own, with a caller's role granted invoke by {@code grantInvokeOperations}. */
    private static Stack callerStack;
    private static GlueOrchestrator callerOrchestrator;
    private static Role caller;
    private static Template callerTemplate;

    private final SynthesizedStack synthesized;
    private final Template template;
    private final GlueOrchestrator orchestrator;

    @BeforeAll
    static void synthesizeCaller() {
        callerStack = new Stack(new App(), "OperationsCaller");
        callerOrchestrator = new GlueOrchestrator(callerStack, "Orchestrator", GlueOrchestratorProps.builder()
                .definitions(new DefinitionLoader().load(SynthesizedStack.resource("jobs-only-workflows")))
                .lambdaPackage(SynthesizedStack.dummyLambdaPackage())
                .build());
        caller = Role.Builder.create(callerStack, "StateMachineRole")
                .assumedBy(new ServicePrincipal("states.amazonaws.com"))
                .build();
        callerOrchestrator.grantInvokeOperations(caller);
        callerTemplate = Template.fromStack(callerStack);
    }

    OperationsFunctionTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.orchestrator = orchestrator;
    }

    @Test
    void operationsFunction_shouldRunJava21OnArmWithSnapStartAnd60SecondTimeoutWithoutDeadLetterQueue() {
        // GIVEN the operations handler class, named as a string: the construct does not load it
        String handler = "dev.glueorch.handler.OperationsHandler::handleRequest";

        // WHEN / THEN its function runs it on java21, arm64, 512 MB, SnapStart on published versions, for up to a
        // minute, logging to its own log group; invoked synchronously, it has no dead-letter queue
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", handler,
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "MemorySize", 512,
                "Timeout", 60,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "LoggingConfig", Map.of("LogGroup", synthesized.refOf(orchestrator.getOperationsLogGroup())),
                "DeadLetterConfig", Match.absent(),
                "Role", synthesized.arnOf(orchestrator.getOperationsFunction().getRole())));
        assertThat(GlueOrchestrator.OPERATIONS_HANDLER).isEqualTo(handler);
    }

    @Test
    void operationsAlias_shouldPointLiveAtThePublishedVersionWithoutAsyncSettings() {
        // GIVEN the operations function's one published version
        Map<String, Map<String, Object>> versions = template.findResources("AWS::Lambda::Version", Map.of(
                "Properties", Map.of("FunctionName", synthesized.refOf(orchestrator.getOperationsFunction()))));
        assertThat(versions).hasSize(1);

        // WHEN / THEN the "live" alias points at it, and no EventInvokeConfig is on the function or its alias
        template.hasResourceProperties("AWS::Lambda::Alias", Match.objectEquals(Map.of(
                "Name", "live",
                "FunctionName", synthesized.refOf(orchestrator.getOperationsFunction()),
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(versions.keySet().iterator().next(), "Version")))));
        template.resourcePropertiesCountIs("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", synthesized.refOf(orchestrator.getOperationsFunction())), 0);
    }

    @Test
    void operationsRole_shouldHaveTheFixedOperationsName() {
        // GIVEN the default functionRoleNamePrefix
        // WHEN / THEN the operations function's role is glue-orchestrator-operations, trusted by Lambda only
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "RoleName", "glue-orchestrator-operations",
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "lambda.amazonaws.com"))))));
        assertThat(synthesized.logicalId(orchestrator.getOperationsFunction().getRole()))
                .isEqualTo(template.findResources("AWS::IAM::Role", Map.of("Properties", Map.of(
                        "RoleName", "glue-orchestrator-operations"))).keySet().iterator().next());
    }

    @Test
    void operationsFunction_shouldHaveNoResourceBasedPermissionAndNoFunctionUrl(
            @Synthesized(TestApp.CROSS_ACCOUNT) SynthesizedStack crossAccount) {
        for (SynthesizedStack stack : List.of(synthesized, crossAccount)) {
            // GIVEN the operations function and its alias
            String function = stack.logicalId(stack.stack.getOrchestrator().getOperationsFunction());
            String alias = stack.logicalId(stack.stack.getOrchestrator().getOperationsAlias());

            // WHEN / THEN no Lambda permission (for any principal) and no function URL names either: access is
            // IAM-only, by the callers' identity policies
            assertThat(stack.template.findResources("AWS::Lambda::Permission").values())
                    .allSatisfy(permission -> assertThat(referencedIds(permission.get("Properties")))
                            .doesNotContain(function, alias));
            stack.template.resourceCountIs("AWS::Lambda::Url", 0);
        }
    }

    @Test
    void stack_shouldOutputTheOperationsAliasArnAndFunctionName() {
        // GIVEN callers grant themselves lambda:InvokeFunction on the alias ARN
        // WHEN / THEN the stack outputs it, and the function's name
        template.hasOutput("OperationsAliasArn", Map.of("Value", synthesized.refOf(orchestrator.getOperationsAlias())));
        template.hasOutput("OperationsFunctionName", Map.of(
                "Value", synthesized.refOf(orchestrator.getOperationsFunction())));
    }

    @Test
    void grantInvokeOperations_shouldAllowInvokeOnExactlyTheAliasArnInTheCallersPolicy() {
        // GIVEN a state machine's role granted by grantInvokeOperations
        Map<String, Object> callerRole = SynthesizedStack.refOf(callerStack, caller);
        Map<String, Object> aliasArn = SynthesizedStack.refOf(callerStack, callerOrchestrator.getOperationsAlias());

        // WHEN its policies are read
        List<Object> statements = SynthesizedStack.policyStatementsOf(callerTemplate, callerRole);

        // THEN one statement allows lambda:InvokeFunction on the alias ARN (the Ref of an alias), not the function,
        // not its versions; the function gets no resource-based permission for it
        assertThat(statements).isEqualTo(List.of(Map.of(
                "Action", "lambda:InvokeFunction",
                "Effect", "Allow",
                "Resource", aliasArn)));
        String function = SynthesizedStack.logicalId(callerStack, callerOrchestrator.getOperationsFunction());
        String alias = SynthesizedStack.logicalId(callerStack, callerOrchestrator.getOperationsAlias());
        assertThat(callerTemplate.findResources("AWS::Lambda::Permission").values())
                .allSatisfy(permission -> assertThat(referencedIds(permission.get("Properties")))
                        .doesNotContain(function, alias));
        callerTemplate.resourceCountIs("AWS::Lambda::Url", 0);
    }

    @Test
    void grantInvokeOperations_shouldRefuseAPrincipalWithoutIdentityPolicy() {
        for (IGrantable grantee : List.<IGrantable>of(new ServicePrincipal("scheduler.amazonaws.com"),
                new AccountPrincipal("444455556666"))) {
            // GIVEN a principal that only a resource-based permission could let in
            long permissionsBefore = permissions();

            // WHEN / THEN the grant is refused, saying what to grant instead, and no permission is added
            assertThatThrownBy(() -> callerOrchestrator.grantInvokeOperations(grantee))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("grantInvokeOperations: ")
                    .hasMessageContaining("no resource-based permission");
            assertThat(permissions()).isEqualTo(permissionsBefore);
        }
    }

    private static long permissions() {
        return callerStack.getNode().findAll().stream().filter(CfnPermission.class::isInstance).count();
    }

    /** Every logical ID a Ref or Fn::GetAtt inside {@code value} names. */
    private static List<String> referencedIds(Object value) {
        List<String> ids = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                if ("Ref".equals(key) && inner instanceof String id) {
                    ids.add(id);
                } else if ("Fn::GetAtt".equals(key) && inner instanceof List<?> getAtt) {
                    ids.add(getAtt.get(0).toString());
                } else {
                    ids.addAll(referencedIds(inner));
                }
            });
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> ids.addAll(referencedIds(inner)));
        }
        return ids;
    }
}
