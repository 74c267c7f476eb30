package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.infra.GlueOrchestratorApp;
import dev.glueorch.infra.GlueOrchestratorStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The app's context values, as `cdk -c` sets them. */
class AppContextTest {

    @Test
    void context_shouldSubscribeTheCommaSeparatedEmailsAndSetTheReconcileRate() {
        // GIVEN `-c notificationEmails="ops@example.com, data-team@example.org" -c reconcileIntervalMinutes=10`
        App app = SynthesizedStack.app(SynthesizedStack.resource("jobs-only-workflows"), Map.of(
                "notificationEmails", "ops@example.com, data-team@example.org",
                "reconcileIntervalMinutes", "10"));

        // WHEN the app builds its stack
        GlueOrchestratorStack stack = GlueOrchestratorApp.create(app);
        Template template = Template.fromStack(stack);

        // THEN each address is an e-mail subscription, and the reconciler runs every ten minutes
        template.resourceCountIs("AWS::SNS::Subscription", 2);
        for (String email : List.of("ops@example.com", "data-team@example.org")) {
            template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                    "Protocol", "email",
                    "Endpoint", email));
        }
        String reconcileAlias = stack.getLogicalId(
                (CfnElement) stack.getOrchestrator().getReconcileAlias().getNode().getDefaultChild());
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(10 minutes)",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", reconcileAlias))))));
    }

    @Test
    void context_shouldRefuseAnInvalidEmailBeforeBuildingAnything() {
        // GIVEN an address without a domain in the comma-separated list
        App app = SynthesizedStack.app(SynthesizedStack.resource("jobs-only-workflows"), Map.of(
                "notificationEmails", "ops@example.com,ops"));

        // WHEN / THEN the app refuses it, quoting the entry
        assertThatThrownBy(() -> GlueOrchestratorApp.create(app))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notificationEmails: 'ops' is not an e-mail address");
    }

    @Test
    void context_shouldRefuseAReconcileIntervalThatIsNoNumber() {
        // GIVEN `-c reconcileIntervalMinutes=five`
        App app = SynthesizedStack.app(SynthesizedStack.resource("jobs-only-workflows"), Map.of(
                "reconcileIntervalMinutes", "five"));

        // WHEN / THEN the app says what it expects
        assertThatThrownBy(() -> GlueOrchestratorApp.create(app))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context reconcileIntervalMinutes must be a whole number of minutes from 1 to 60, "
                        + "was 'five'");
    }

    @Test
    void context_shouldRefuseAnAccountIdThatIsNotTwelveDigits() {
        // GIVEN `-c fedAccounts="222222222222, 22222222222"`: the second entry misses a digit
        App app = SynthesizedStack.app(SynthesizedStack.resource("jobs-only-workflows"), Map.of(
                "fedAccounts", "222222222222, 22222222222"));

        // WHEN / THEN the app refuses it, quoting the entry
        assertThatThrownBy(() -> GlueOrchestratorApp.create(app))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fedAccounts: '22222222222' is not an AWS account id");
    }

    @Test
    void context_shouldAdmitTheTrustedAccountsEventsFromTheForwardRoleOfTheGivenPrefix() {
        // GIVEN `-c trustedAccounts=111111111111 -c trustedFunctionRoleNamePrefix=orders`
        App app = SynthesizedStack.app(SynthesizedStack.resource("cross-account/consumer"), Map.of(
                "trustedAccounts", "111111111111",
                "trustedFunctionRoleNamePrefix", "orders"));

        // WHEN the app builds its stack
        GlueOrchestratorStack stack = GlueOrchestratorApp.create(app);
        Template template = Template.fromStack(stack);

        // THEN the bus admits that account's "Action Completed" only from its role orders-forward
        Capture principalArn = new Capture();
        template.hasResourceProperties("AWS::Events::EventBus", Map.of("Policy", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "ActionCompletedFrom111111111111",
                        "Condition", Match.objectLike(Map.of(
                                "ArnEquals", Map.of("aws:PrincipalArn", principalArn)))))))))));
        assertThat(principalArn.asObject()).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                "arn:", Map.of("Ref", "AWS::Partition"), ":iam::111111111111:role/orders-forward"))));
    }

    @Test
    void remoteAccessContext_shouldRequireTheJobs() {
        // GIVEN `-c remoteAccessFor=222222222222` without remoteJobs
        App app = new App(AppProps.builder().context(Map.of("remoteAccessFor", "222222222222")).build());

        // WHEN / THEN the app is in its remote-access mode, and refuses to build a role for no job
        assertThat(GlueOrchestratorApp.isRemoteAccess(app)).isTrue();
        assertThatThrownBy(() -> GlueOrchestratorApp.createRemoteAccess(app))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context remoteJobs is required with remoteAccessFor: give the comma-separated names of "
                        + "this account's Glue jobs that the orchestrator of account 222222222222 starts, e.g. "
                        + "-c remoteJobs=archive-orders");
    }

    @Test
    void remoteAccessContext_shouldRefuseAnOrchestratorAccountThatIsNoAccountId() {
        // GIVEN `-c remoteAccessFor=orders-producer`
        App app = new App(AppProps.builder().context(Map.of(
                "remoteAccessFor", "orders-producer",
                "remoteJobs", "archive-orders")).build());

        // WHEN / THEN the app names the context value
        assertThatThrownBy(() -> GlueOrchestratorApp.createRemoteAccess(app))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("context remoteAccessFor: 'orders-producer' is not an AWS account id");
    }
}
