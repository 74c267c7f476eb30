package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.infra.GlueOrchestratorRemoteAccess;
import dev.glueorch.infra.GlueOrchestratorRemoteAccessProps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack for an account whose jobs another account's orchestrator starts ({@code -c remoteAccessFor=...}). */
@Synthesized
class RemoteAccessStackTest {

    private static final List<String> FUNCTION_ROLES = List.of("glue-orchestrator-glue-event",
            "glue-orchestrator-schedule-tick", "glue-orchestrator-reconcile", "glue-orchestrator-operations",
            "glue-orchestrator-start-worker");

    private final SynthesizedRemoteAccessStack synthesized;
    private final Template template;
    private final GlueOrchestratorRemoteAccess remoteAccess;

    RemoteAccessStackTest(SynthesizedRemoteAccessStack synthesized) {
        this.synthesized = synthesized;
        this.template = synthesized.template;
        this.remoteAccess = synthesized.stack.getRemoteAccess();
    }

    @Test
    void role_shouldTrustOnlyTheOrchestratorsFourFunctionRolesWithTheExternalId() {
        // GIVEN the orchestrator's account, its function role names and the external id
        List<Object> functionRoleArns = FUNCTION_ROLES.stream().map(name -> SynthesizedStack.resolvedArn(
                synthesized.stack, ArnComponents.builder().service("iam").region("")
                        .account(SynthesizedRemoteAccessStack.ORCHESTRATOR_ACCOUNT).resource("role")
                        .resourceName(name).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())).toList();

        // WHEN / THEN the role, named as the actions' RoleArn says, may be assumed from that account only by those
        // four roles, the operations function's included (aws:PrincipalArn: IAM would refuse a principal naming a
        // role that does not exist yet), and only with the external id
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "RoleName", "glue-orchestrator-remote-actions",
                "AssumeRolePolicyDocument", Match.objectEquals(Map.of(
                        "Version", "2012-10-17",
                        "Statement", List.of(Map.of(
                                "Action", "sts:AssumeRole",
                                "Effect", "Allow",
                                "Principal", SynthesizedStack.accountRoot(
                                        SynthesizedRemoteAccessStack.ORCHESTRATOR_ACCOUNT),
                                "Condition", Map.of(
                                        "ArnEquals", Map.of("aws:PrincipalArn", functionRoleArns),
                                        "StringEquals", Map.of(
                                                "sts:ExternalId", SynthesizedRemoteAccessStack.EXTERNAL_ID))))))));
    }

    @Test
    void role_shouldAllowGlueActionsOnlyOnTheNamedJobsOfThisAccount() {
        // GIVEN the named jobs' ARNs in this account
        List<Object> jobArns = SynthesizedRemoteAccessStack.JOBS.stream().map(job -> SynthesizedStack.resolvedArn(
                synthesized.stack, ArnComponents.builder().service("glue").resource("job").resourceName(job)
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())).toList();

        // WHEN the role's policies are read
        List<Object> statements = SynthesizedStack.policyStatementsOf(template,
                synthesized.refOf(remoteAccess.getRole()));

        // THEN one statement allows start, get, list and stop on exactly those jobs, nothing else
        assertThat(statements).isEqualTo(List.of(Map.of(
                "Action", List.of("glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"),
                "Effect", "Allow",
                "Resource", jobArns)));
    }

    @Test
    void forwardRule_shouldSendOnlyThisAccountsEventsOfTheNamedJobsToTheOrchestratorsBus() {
        // GIVEN the orchestrator's bus in its account, same Region, default name
        // WHEN / THEN a rule on the default bus matches Glue's state-change and delay events of the named jobs of
        // this account, and puts them on that bus with the forward role, dead-lettering what it cannot deliver
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Match.objectEquals(Map.of(
                        "source", List.of("aws.glue"),
                        "detail-type", List.of("Glue Job State Change", "Glue Job Run Status"),
                        "account", List.of(Map.of("Ref", "AWS::AccountId")),
                        "detail", Map.of("jobName", SynthesizedRemoteAccessStack.JOBS))),
                "Targets", List.of(Match.objectEquals(Map.of(
                        "Id", "Target0",
                        "Arn", orchestratorBusArn(),
                        "RoleArn", synthesized.arnOf(remoteAccess.getForwardRole()),
                        "DeadLetterConfig", Map.of("Arn",
                                synthesized.arnOf(remoteAccess.getForwardDeadLetterQueue())))))));
        template.resourceCountIs("AWS::Events::Rule", 1);
    }

    @Test
    void forwardRole_shouldBeAssumedByEventBridgeAndPutEventsOnlyOnTheOrchestratorsBus() {
        // GIVEN the forward role
        // WHEN / THEN only EventBridge assumes it, and its one statement allows PutEvents on that bus alone
        assertThat(template.findResources("AWS::IAM::Role", Map.of("Properties", Map.of(
                "AssumeRolePolicyDocument", SynthesizedStack.ASSUMED_BY_EVENTBRIDGE_ONLY)))).containsOnlyKeys(
                synthesized.logicalId(remoteAccess.getForwardRole()));
        assertThat(SynthesizedStack.policyStatementsOf(template, synthesized.refOf(remoteAccess.getForwardRole())))
                .isEqualTo(List.of(Map.of(
                        "Action", "events:PutEvents",
                        "Effect", "Allow",
                        "Resource", orchestratorBusArn())));
        template.resourceCountIs("AWS::IAM::Role", 2);
    }

    @Test
    void stack_shouldOutputTheRoleArnForTheActions() {
        // GIVEN the value an action's RoleArn must give
        // WHEN / THEN the stack outputs it
        template.hasOutput("RoleArn", Map.of("Value", synthesized.arnOf(remoteAccess.getRole())));
    }

    @Test
    void role_shouldHaveNoExternalIdConditionWhenNoneIsGiven() {
        // GIVEN the construct without external id, for an orchestrator with its own role name prefix
        Stack stack = new Stack(new App(), "NoExternalId");
        new GlueOrchestratorRemoteAccess(stack, "RemoteAccess", validProps()
                .functionRoleNamePrefix("orders")
                .build());

        // WHEN / THEN its trust has only the aws:PrincipalArn condition, on the prefixed role names
        Template.fromStack(stack).hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Condition", Match.objectEquals(Map.of("ArnEquals", Map.of("aws:PrincipalArn", List.of(
                                roleArn(stack, "orders-glue-event"), roleArn(stack, "orders-schedule-tick"),
                                roleArn(stack, "orders-reconcile"), roleArn(stack, "orders-operations"),
                                roleArn(stack, "orders-start-worker")))))))))));
    }

    @Test
    void props_shouldRefuseMissingOrWildcardJobNames() {
        // GIVEN no job, then a job name with an IAM wildcard
        // WHEN / THEN the props refuse each, saying what to give
        assertThatThrownBy(validProps().jobNames(List.of())::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("jobNames: give the Glue jobs of this account that the orchestrator of "
                        + "account 222222222222 starts through the role");
        assertThatThrownBy(validProps().jobNames(List.of("archive-orders", "archive-*"))::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jobNames: 'archive-*' is no Glue job name: give each job's exact name, without the IAM "
                        + "wildcards * and ?");
    }

    @Test
    void props_shouldRefuseAnInvalidAccountOrExternalId() {
        // GIVEN an orchestrator account of 11 digits, then an external id of one character
        // WHEN / THEN the props refuse each
        assertThatThrownBy(validProps().orchestratorAccount("22222222222")::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orchestratorAccount: '22222222222' is not an AWS account id");
        assertThatThrownBy(validProps().externalId("x")::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("externalId: 'x' is no STS external id");
    }

    @Test
    void construct_shouldRefuseTheOrchestratorsOwnAccount() {
        // GIVEN a stack deployed to the orchestrator's own account
        Stack stack = new Stack(new App(), "Misplaced", StackProps.builder()
                .env(Environment.builder().account("222222222222").region("eu-west-1").build())
                .build());

        // WHEN / THEN the construct refuses it
        assertThatThrownBy(() -> new GlueOrchestratorRemoteAccess(stack, "RemoteAccess", validProps().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orchestratorAccount: '222222222222' is the account this stack is deployed "
                        + "to; deploy this stack to the account whose jobs the orchestrator starts");
    }

    private static GlueOrchestratorRemoteAccessProps.Builder validProps() {
        return GlueOrchestratorRemoteAccessProps.builder()
                .orchestratorAccount(SynthesizedRemoteAccessStack.ORCHESTRATOR_ACCOUNT)
                .jobNames(List.of("archive-orders"));
    }

    private Object orchestratorBusArn() {
        return SynthesizedStack.resolvedArn(synthesized.stack, ArnComponents.builder()
                .service("events").account(SynthesizedRemoteAccessStack.ORCHESTRATOR_ACCOUNT)
                .resource("event-bus").resourceName("glue-orchestrator")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    private static Object roleArn(Stack stack, String name) {
        return SynthesizedStack.resolvedArn(stack, ArnComponents.builder().service("iam").region("")
                .account(SynthesizedRemoteAccessStack.ORCHESTRATOR_ACCOUNT).resource("role").resourceName(name)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }
}
