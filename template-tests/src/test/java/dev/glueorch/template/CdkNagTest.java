package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.infra.DefinitionsDeployment;
import dev.glueorch.infra.GlueOrchestrator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

@Synthesized
// Annotations#find* return cxapi.SynthesisMessage, deprecated in CDK without a replacement type in the assertions API.
@SuppressWarnings("deprecation")
class CdkNagTest {

    private final SynthesizedStack synthesized;
    private final SynthesizedStack crossAccount;
    private final SynthesizedRemoteAccessStack remoteAccess;

    CdkNagTest(SynthesizedStack synthesized, @Synthesized(TestApp.CROSS_ACCOUNT) SynthesizedStack crossAccount,
            SynthesizedRemoteAccessStack remoteAccess) {
        this.synthesized = synthesized;
        this.crossAccount = crossAccount;
        this.remoteAccess = remoteAccess;
    }

    @Test
    void template_shouldHaveNoCdkNagError() {
        // GIVEN the app's AwsSolutionsChecks aspect ran at synth
        // WHEN its errors are collected
        List<SynthesisMessage> errors = nagErrors(synthesized.annotations);

        // THEN there is none
        assertThat(errors).as("cdk-nag errors:%n%s", describe(errors)).isEmpty();
    }

    @Test
    void template_shouldHaveNoWarning() {
        // GIVEN cdk-nag and CDK itself both report warnings as annotations
        // WHEN every warning is collected
        List<SynthesisMessage> warnings = synthesized.annotations.findWarning("*", Match.anyValue());

        // THEN there is none
        assertThat(warnings).as("warnings:%n%s", describe(warnings)).isEmpty();
    }

    @Test
    void nagSuppressions_shouldEachNameOneResourceAndGiveItsReason() {
        // GIVEN the suppressions the construct applies, resource by resource
        // WHEN / THEN exactly these resources carry exactly these rules, no stack-wide suppression, each with a reason
        assertOnlyOrchestratorSuppressions(synthesized);
    }

    @Test
    void crossAccountTemplate_shouldHaveNoCdkNagErrorOrWarningAndNoFurtherSuppression() {
        // GIVEN the orchestrator with a bus policy, trusted, remote-job and forward rules, forward roles, AssumeRole
        List<SynthesisMessage> errors = nagErrors(crossAccount.annotations);
        List<SynthesisMessage> warnings = crossAccount.annotations.findWarning("*", Match.anyValue());

        // WHEN / THEN cdk-nag finds nothing, and nothing of the cross-account part needed a suppression
        assertThat(errors).as("cdk-nag errors:%n%s", describe(errors)).isEmpty();
        assertThat(warnings).as("warnings:%n%s", describe(warnings)).isEmpty();
        assertOnlyOrchestratorSuppressions(crossAccount);
    }

    @Test
    void remoteAccessTemplate_shouldHaveNoCdkNagErrorOrWarning() {
        // GIVEN the remote-access stack, with the app's AwsSolutionsChecks
        List<SynthesisMessage> errors = nagErrors(remoteAccess.annotations);
        List<SynthesisMessage> warnings = remoteAccess.annotations.findWarning("*", Match.anyValue());

        // WHEN / THEN there is no error and no warning
        assertThat(errors).as("cdk-nag errors:%n%s", describe(errors)).isEmpty();
        assertThat(warnings).as("warnings:%n%s", describe(warnings)).isEmpty();
    }

    @Test
    void remoteAccessNagSuppressions_shouldBeOnlySqs3OnTheForwardDeadLetterQueue() {
        // GIVEN the forward rule's dead-letter queue, which cdk-nag does not recognise as one
        String queue = remoteAccess.logicalId(remoteAccess.stack.getRemoteAccess().getForwardDeadLetterQueue());

        // WHEN / THEN it alone carries a suppression, of SQS3, with its reason; nothing is suppressed stack-wide
        assertThat(TemplateChecks.nagSuppressedRules(remoteAccess.template))
                .isEqualTo(Map.of(queue, List.of("AwsSolutions-SQS3")));
        assertReasons(remoteAccess.template);
    }

    private static void assertOnlyOrchestratorSuppressions(SynthesizedStack stack) {
        GlueOrchestrator orchestrator = stack.stack.getOrchestrator();
        DefinitionsDeployment deployment = orchestrator.getDefinitionsDeployment();
        Map<String, List<String>> expected = new HashMap<>(Map.of(
                stack.logicalId(orchestrator.getGlueEventFunction()), List.of("AwsSolutions-L1"),
                stack.logicalId(orchestrator.getScheduleTickFunction()), List.of("AwsSolutions-L1"),
                stack.logicalId(orchestrator.getReconcileFunction()), List.of("AwsSolutions-L1"),
                stack.logicalId(orchestrator.getOperationsFunction()), List.of("AwsSolutions-L1"),
                stack.logicalId(deployment.getFunction()), List.of("AwsSolutions-L1"),
                stack.logicalId(orchestrator.getStartWorkers().getWorkerFunction()), List.of("AwsSolutions-L1"),
                stack.logicalId(orchestrator.getRuleDeadLetterQueue()), List.of("AwsSolutions-SQS3")));
        // CDK's provider framework (its function, role and policy), which answers CloudFormation for the deployment
        deployment.getNode().findChild("Provider").getNode().findAll().stream()
                .filter(CfnResource.class::isInstance)
                .forEach(resource -> expected.put(stack.stack.getLogicalId((CfnResource) resource),
                        List.of("AwsSolutions-IAM4", "AwsSolutions-IAM5", "AwsSolutions-L1")));

        assertThat(TemplateChecks.nagSuppressedRules(stack.template)).isEqualTo(expected);
        assertReasons(stack.template);
    }

    private static void assertReasons(Template template) {
        assertThat(TemplateChecks.nagSuppressions(template).values()).allSatisfy(entries -> assertThat(entries)
                .allSatisfy(entry -> assertThat(entry.get("reason").toString()).hasSizeGreaterThan(40)));
        assertThat(template.toJSON()).doesNotContainKey("Metadata");
    }

    private static List<SynthesisMessage> nagErrors(Annotations annotations) {
        return annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }

    private static String describe(List<SynthesisMessage> messages) {
        return messages.stream().map(m -> m.getId() + ": " + m.getEntry().getData())
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
