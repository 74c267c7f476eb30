package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.infra.GlueOrchestrator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Function;

/**
 * The receiving side of cross-account pipelines, on {@code fan-in-hourly}: conditions on jobs of the orchestrators of
 * 111111111111 and 333333333333 (both trusted), actions through roles in 111111111111 and 444444444444.
 */
@Synthesized(TestApp.CROSS_ACCOUNT)
class CrossAccountReceivingTest {

    private static final Map<String, List<String>> REMOTE_JOBS = Map.of(
            "111111111111", List.of("archive-orders"),
            "444444444444", List.of("export-report", "publish-report"));
    private static final List<String> ROLE_ARNS = List.of(
            "arn:aws:iam::111111111111:role/glue-orchestrator-remote-actions",
            "arn:aws:iam::444444444444:role/glue-orchestrator-remote-actions",
            "arn:aws:iam::444444444444:role/reporting-runner");
    /** The forward role of the trusted accounts' orchestrators, which have the default functionRoleNamePrefix. */
    private static final String FORWARD_ROLE = "glue-orchestrator-forward";
    private static final List<String> GLUE_JOB_DETAIL_TYPES = List.of("Glue Job State Change", "Glue Job Run Status");

    private final SynthesizedStack synthesized;
    private final Template template;
    private final GlueOrchestrator orchestrator;

    CrossAccountReceivingTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.orchestrator = orchestrator;
    }

    @Test
    void busPolicy_shouldAdmitActionCompletedFromTrustedAccountsAndGlueJobEventsFromRemoteActionAccountsOnly() {
        // GIVEN per trusted account its "Action Completed", per account of a RoleArn its Glue job events
        List<Object> expected = List.of(
                actionCompletedStatement("111111111111"),
                actionCompletedStatement("333333333333"),
                putEventsStatement("GlueJobEventsFrom111111111111", "111111111111", Map.of("StringEquals", Map.of(
                        "events:source", "aws.glue",
                        "events:detail-type", GLUE_JOB_DETAIL_TYPES))),
                putEventsStatement("GlueJobEventsFrom444444444444", "444444444444", Map.of("StringEquals", Map.of(
                        "events:source", "aws.glue",
                        "events:detail-type", GLUE_JOB_DETAIL_TYPES))));

        // WHEN the orchestrator bus's resource policy is read
        Map<String, Object> policy = busPolicy();

        // THEN it holds exactly these statements: PutEvents, on this bus, by that account, of those events only
        assertThat(policy).containsEntry("Version", "2012-10-17");
        assertThat(policy.get("Statement")).isEqualTo(expected);
    }

    @Test
    void busPolicy_shouldAdmitActionCompletedFromATrustedAccountOnlyFromItsForwardRole() {
        for (String account : SynthesizedStack.TRUSTED_ACCOUNTS) {
            // GIVEN a trusted account, whose orchestrator forwards with its role glue-orchestrator-forward
            Object forwardRole = SynthesizedStack.resolvedArn(synthesized.stack, ArnComponents.builder()
                    .service("iam").region("").account(account).resource("role").resourceName(FORWARD_ROLE)
                    .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());

            // WHEN / THEN the bus admits its "Action Completed" only from that role (any other principal of the
            // account is refused), only as forwarded by a rule, never from a direct PutEvents
            template.hasResourceProperties("AWS::Events::EventBus", Map.of("Policy", Match.objectLike(Map.of(
                    "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Sid", "ActionCompletedFrom" + account,
                            "Principal", SynthesizedStack.accountRoot(account),
                            "Condition", Match.objectLike(Map.of(
                                    "ArnEquals", Map.of("aws:PrincipalArn", forwardRole),
                                    "Bool", Map.of("events:eventBusInvocation", "true")))))))))));
        }
    }

    @Test
    void busPolicy_shouldNameOnlyTheListedAccountsAsPrincipalsAndConditionEveryStatement() {
        // GIVEN the accounts the bus may receive events from
        List<Object> allowed = new ArrayList<>();
        for (String account : List.of("111111111111", "333333333333", "444444444444")) {
            allowed.add(SynthesizedStack.accountRoot(account));
        }

        // WHEN / THEN every statement allows one of them, never "*", only PutEvents, with source and detail-type
        assertThat(SynthesizedStack.asList(busPolicy().get("Statement"))).allSatisfy(statement -> {
            Map<String, Object> fields = SynthesizedStack.asMap(statement);
            assertThat(fields.get("Principal")).isIn(allowed).isNotEqualTo(Map.of("AWS", "*"));
            assertThat(fields).containsEntry("Effect", "Allow").containsEntry("Action", "events:PutEvents");
            assertThat(SynthesizedStack.asMap(SynthesizedStack.asMap(fields.get("Condition")).get("StringEquals")))
                    .containsOnlyKeys("events:source", "events:detail-type");
        });
    }

    @Test
    void trustedActionCompletedRule_shouldRouteOnlyTheTrustedAccountsEventsToTheGlueEventAlias() {
        // GIVEN the trusted accounts
        // WHEN / THEN one rule on the orchestrator's bus matches their "Action Completed" events, and only theirs,
        // retried for a day into the Glue event function, then dead-lettered
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", synthesized.refOf(orchestrator.getEventBus()),
                "EventPattern", Match.objectEquals(Map.of(
                        "source", List.of("glue-orchestrator"),
                        "detail-type", List.of("Action Completed"),
                        "account", SynthesizedStack.TRUSTED_ACCOUNTS)),
                "Targets", List.of(glueEventTarget())));
        assertThat(orchestrator.getTrustedActionCompletedRule()).isPresent();
    }

    @Test
    void remoteJobEventsRules_shouldMatchPerAccountOnlyTheJobsStartedThroughItsRoles() {
        REMOTE_JOBS.forEach((account, jobs) -> {
            // GIVEN an account that actions start jobs in through a RoleArn
            // WHEN / THEN a rule on the orchestrator's bus matches Glue's events from that account of those jobs
            // only, into the Glue event function
            template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "EventBusName", synthesized.refOf(orchestrator.getEventBus()),
                    "EventPattern", Match.objectEquals(Map.of(
                            "source", List.of("aws.glue"),
                            "detail-type", GLUE_JOB_DETAIL_TYPES,
                            "account", List.of(account),
                            "detail", Map.of("jobName", jobs))),
                    "Targets", List.of(glueEventTarget())));
        });
        assertThat(orchestrator.getRemoteJobEventRules()).containsOnlyKeys(REMOTE_JOBS.keySet());
    }

    @Test
    void localJobRules_shouldNameOnlyTheJobsOfThisAccount() {
        // GIVEN jobs started through a RoleArn run elsewhere, and remote conditions' jobs are other orchestrators'
        // WHEN / THEN the default-bus rule and the Glue permissions name only build-report and prepare-reference
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Match.objectEquals(Map.of(
                        "source", List.of("aws.glue"),
                        "detail-type", List.of("Glue Job State Change", "Glue Job Run Status"),
                        "detail", Map.of(
                                "jobName", List.of("build-report", "prepare-reference"))))));
        for (List<String> actions : List.of(GlueOrchestrator.GLUE_JOB_ACTIONS, List.of("glue:StartJobRun",
                "glue:GetJobRun", "glue:BatchStopJobRun", "glue:GetJobRuns"))) {
            template.resourcePropertiesCountIs("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of(
                    "Statement", Match.arrayWith(List.of(Map.of(
                            "Action", actions,
                            "Effect", "Allow",
                            "Resource", List.of(localJobArn("build-report"), localJobArn("prepare-reference"))))))),
                    1);
        }
    }

    @Test
    void assumeRole_shouldBeAllowedToEachFunctionOnExactlyTheActionsRoleArns() {
        for (Function function : List.of(orchestrator.getGlueEventFunction(), orchestrator.getScheduleTickFunction(),
                orchestrator.getReconcileFunction(), orchestrator.getOperationsFunction())) {
            // GIVEN a function, which may start, watch or stop a remote action
            // WHEN / THEN its role's policy allows sts:AssumeRole on the three RoleArns, nothing else
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(synthesized.refOf(function.getRole())),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                            "Action", "sts:AssumeRole",
                            "Effect", "Allow",
                            "Resource", ROLE_ARNS))))));
        }
        template.resourcePropertiesCountIs("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Action", "sts:AssumeRole")))))), 5);
    }

    @Test
    void roles_shouldHaveTheFixedNamesOtherAccountsTrust() {
        // GIVEN the default functionRoleNamePrefix, and a fed account
        // WHEN the named roles are collected
        List<Object> names = template.findResources("AWS::IAM::Role", Map.of("Properties", Map.of(
                "RoleName", Match.anyValue()))).values().stream()
                .map(role -> SynthesizedStack.asMap(role.get("Properties")).get("RoleName")).toList();

        // THEN the five function roles (a remote account's role trusts them) and the forward role (the fed
        // account's bus trusts it) have their fixed names, and no other role has a name
        assertThat(names).containsExactlyInAnyOrder("glue-orchestrator-glue-event",
                "glue-orchestrator-schedule-tick", "glue-orchestrator-reconcile", "glue-orchestrator-operations",
                "glue-orchestrator-start-worker", FORWARD_ROLE);
    }

    @Test
    void functions_shouldKnowTheirAccountTheTrustedAccountsAndTheBusArn() {
        // GIVEN what the handlers check another orchestrator's events against
        // WHEN / THEN the five functions get the stack's account, the trusted accounts and the bus ARN
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "ACCOUNT_ID", Map.of("Ref", "AWS::AccountId"),
                        "TRUSTED_ACCOUNTS", "111111111111,333333333333",
                        "EVENT_BUS_ARN", synthesized.arnOf(orchestrator.getEventBus()))))), 5);
    }

    private Map<String, Object> busPolicy() {
        Map<String, Map<String, Object>> buses = template.findResources("AWS::Events::EventBus");
        assertThat(buses).hasSize(1);
        Map<String, Object> properties = SynthesizedStack.asMap(buses.values().iterator().next().get("Properties"));
        return SynthesizedStack.asMap(properties.get("Policy"));
    }

    private Map<String, Object> actionCompletedStatement(String account) {
        Object forwardRole = SynthesizedStack.resolvedArn(synthesized.stack, ArnComponents.builder()
                .service("iam").region("").account(account).resource("role").resourceName(FORWARD_ROLE)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        return putEventsStatement("ActionCompletedFrom" + account, account, Map.of(
                "StringEquals", Map.of(
                        "events:source", "glue-orchestrator",
                        "events:detail-type", List.of("Action Completed")),
                "ArnEquals", Map.of("aws:PrincipalArn", forwardRole),
                "Bool", Map.of("events:eventBusInvocation", "true")));
    }

    private Map<String, Object> putEventsStatement(String sid, String account, Map<String, Object> condition) {
        // The bus's ARN is formatted from its name: a property of the bus cannot reference the bus's own ARN.
        Object busArn = SynthesizedStack.resolvedArn(synthesized.stack, ArnComponents.builder()
                .service("events").resource("event-bus").resourceName("glue-orchestrator")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        return Map.of(
                "Sid", sid,
                "Effect", "Allow",
                "Principal", SynthesizedStack.accountRoot(account),
                "Action", "events:PutEvents",
                "Resource", busArn,
                "Condition", condition);
    }

    private Object glueEventTarget() {
        return Match.objectEquals(Map.of(
                "Id", "Target0",
                "Arn", synthesized.refOf(orchestrator.getGlueEventAlias()),
                "DeadLetterConfig", Map.of("Arn", synthesized.arnOf(orchestrator.getRuleDeadLetterQueue())),
                "RetryPolicy", Map.of("MaximumRetryAttempts", 185, "MaximumEventAgeInSeconds", 86_400)));
    }

    private Object localJobArn(String jobName) {
        return SynthesizedStack.resolvedArn(synthesized.stack, ArnComponents.builder()
                .service("glue").resource("job").resourceName(jobName)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }
}
