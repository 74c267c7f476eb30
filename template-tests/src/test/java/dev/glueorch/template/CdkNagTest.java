package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.infra.GlueOrchestrator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

// Annotations#find* return cxapi.SynthesisMessage, deprecated in CDK without a replacement type in the assertions API.
@SuppressWarnings("deprecation")
class CdkNagTest {

    private static SynthesizedStack synthesized;
    private static Annotations annotations;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        synthesized = SynthesizedStack.shared();
        annotations = synthesized.annotations;
        template = synthesized.template;
    }

    @Test
    void template_shouldHaveNoCdkNagError() {
        // GIVEN the app's AwsSolutionsChecks aspect ran at synth
        // WHEN its errors are collected
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));

        // THEN there is none
        assertThat(errors).as("cdk-nag errors:%n%s", describe(errors)).isEmpty();
    }

    @Test
    void template_shouldHaveNoWarning() {
        // GIVEN cdk-nag and CDK itself both report warnings as annotations
        // WHEN every warning is collected
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.anyValue());

        // THEN there is none
        assertThat(warnings).as("warnings:%n%s", describe(warnings)).isEmpty();
    }

    @Test
    void nagSuppressions_shouldEachNameOneResourceAndGiveItsReason() {
        // GIVEN the suppressions the construct applies, resource by resource
        GlueOrchestrator orchestrator = synthesized.stack.getOrchestrator();
        Map<String, List<String>> expected = Map.of(
                synthesized.logicalId(orchestrator.getGlueEventFunction()), List.of("AwsSolutions-L1"),
                synthesized.logicalId(orchestrator.getScheduleTickFunction()), List.of("AwsSolutions-L1"),
                synthesized.logicalId(orchestrator.getReconcileFunction()), List.of("AwsSolutions-L1"),
                synthesized.logicalId(orchestrator.getRuleDeadLetterQueue()), List.of("AwsSolutions-SQS3"),
                providerRole(), List.of("AwsSolutions-IAM4"));

        // WHEN the suppressions are read from the resources' metadata
        Map<String, List<String>> suppressed = new HashMap<>();
        List<Map<?, ?>> entries = new ArrayList<>();
        Map<?, ?> resources = (Map<?, ?>) template.toJSON().get("Resources");
        resources.forEach((logicalId, resource) -> {
            Map<?, ?> metadata = (Map<?, ?>) ((Map<?, ?>) resource).get("Metadata");
            Map<?, ?> nag = metadata == null ? null : (Map<?, ?>) metadata.get("cdk_nag");
            if (nag != null) {
                for (Object entry : (List<?>) nag.get("rules_to_suppress")) {
                    entries.add((Map<?, ?>) entry);
                    suppressed.computeIfAbsent(logicalId.toString(), id -> new ArrayList<>())
                            .add(((Map<?, ?>) entry).get("id").toString());
                }
            }
        });

        // THEN exactly these resources carry exactly these rules, no stack-wide suppression, each with a reason
        assertThat(suppressed).isEqualTo(expected);
        assertThat(entries).allSatisfy(entry -> assertThat(entry.get("reason").toString()).hasSizeGreaterThan(40));
        assertThat(template.toJSON()).doesNotContainKey("Metadata");
    }

    private static String providerRole() {
        return template.findResources("AWS::IAM::Role").keySet().stream()
                .filter(id -> id.startsWith("AWS679f53fac002430cb0da5b7982bd2287ServiceRole"))
                .collect(Collectors.collectingAndThen(Collectors.toList(), ids -> {
                    assertThat(ids).hasSize(1);
                    return ids.get(0);
                }));
    }

    private static String describe(List<SynthesisMessage> messages) {
        return messages.stream().map(m -> m.getId() + ": " + m.getEntry().getData())
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
