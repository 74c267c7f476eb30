package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.infra.GlueOrchestrator;
import dev.glueorch.infra.GlueOrchestratorApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * The stack at Glue's default quotas ({@link GeneratedEstate}: 1,000 jobs with names up to 255 characters, 1,000
 * triggers, 125 workflows, 200 crawlers, conditions on a trusted account, a job started through a RoleArn, a fed
 * account), synthesized by the app as {@code cdk synth} does, and every AWS hard limit checked on the template it
 * writes, each value resolved as CloudFormation would ({@link CloudFormationValues}).
 *
 * <p>At that size the exact ARNs no longer fit IAM's limits: the app refuses them, naming the options; the estate is
 * synthesized with tag-based access and with name prefixes. Exact ARNs are checked on the largest part of the estate
 * they fit (240 jobs, 60 crawlers, names as long).
 */
// Annotations#find* return cxapi.SynthesisMessage, deprecated in CDK without a replacement type in the assertions API.
@SuppressWarnings("deprecation")
class TemplateLimitsTest {

    private static final int EVENT_PATTERN_LENGTH = 2_048;
    private static final int RULES_PER_BUS = 300;
    private static final int TARGETS_PER_RULE = 5;
    private static final int MANAGED_POLICY_LENGTH = 6_144;
    private static final int MANAGED_POLICIES_PER_ROLE = 10;
    private static final int INLINE_POLICIES_PER_ROLE_LENGTH = 10_240;
    private static final int TEMPLATE_BYTES = 1_048_576;
    private static final int RESOURCES = 500;
    private static final int ENVIRONMENT_BYTES = 4_096;
    private static final int BUS_POLICY_LENGTH = 10_240;
    /** The exact-ARN part of the estate: the first 30 workflows. */
    private static final int EXACT_WORKFLOWS = 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SynthesizedStack tagged;
    private static SynthesizedStack prefixed;
    private static SynthesizedStack exact;
    private static Path estate;

    @BeforeAll
    static void synthesize() {
        estate = GeneratedEstate.write("full");
        tagged = SynthesizedStack.of(estate, context(Map.of("glueAccessTag", "glue-orchestrator=managed")));
        prefixed = SynthesizedStack.of(estate, context(Map.of("glueAccessPrefixes",
                String.join(",", GeneratedEstate.TEAM_PREFIXES))));
        exact = SynthesizedStack.of(GeneratedEstate.write("exact", EXACT_WORKFLOWS), context(Map.of()));
    }

    private static Map<String, String> context(Map<String, String> more) {
        Map<String, String> context = new LinkedHashMap<>(more);
        context.put("trustedAccounts", GeneratedEstate.UPSTREAM_ACCOUNT);
        context.put("fedAccounts", SynthesizedStack.FED_ACCOUNT);
        return context;
    }

    @Test
    void estate_shouldBeAtGluesDefaultQuotas() {
        // GIVEN / WHEN the generated estate is loaded by the one validator
        // THEN it has 1,000 jobs (a tenth with 255-character names), 1,000 triggers, 125 workflows, 200 crawlers
        assertThat(tagged.definitions.jobNames()).hasSize(GeneratedEstate.JOBS);
        assertThat(tagged.definitions.jobNames().stream().filter(name -> name.length() == 255)).hasSize(100);
        assertThat(tagged.definitions.crawlerNames()).hasSize(GeneratedEstate.CRAWLERS);
        assertThat(tagged.definitions.workflows()).hasSize(GeneratedEstate.WORKFLOWS);
        assertThat(tagged.definitions.workflows().values().stream().mapToInt(w -> w.triggers().size()).sum())
                .isEqualTo(1_000);
        assertThat(tagged.definitions.upstreamAccounts()).containsExactly(GeneratedEstate.UPSTREAM_ACCOUNT);
        assertThat(tagged.definitions.remoteActionAccounts()).containsExactly(GeneratedEstate.REMOTE_ACCOUNT);
    }

    @Test
    void exactArns_shouldBeRefusedAtThisSizeNamingTheOptions() {
        // GIVEN the estate with the default access, exact ARNs
        // WHEN / THEN the synth fails before anything is written, saying how many policies it needs and what to set
        assertThatThrownBy(() -> GlueOrchestratorApp.create(SynthesizedStack.app(estate, context(Map.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("glueAccess")
                .hasMessageContaining("1000 jobs and 200 crawlers")
                .hasMessageContaining("IAM attaches at most 10")
                .hasMessageContaining("GlueAccess.resourceTag")
                .hasMessageContaining("glueAccessTag=key=value")
                .hasMessageContaining("namePrefixes");
    }

    @Test
    void taggedEstate_shouldStayInsideEveryLimit() throws IOException {
        Figures figures = assertWithinLimits(tagged, "tagged");

        // AND the job names need many default-bus rules, which still leave most of the bus's 300 to the user
        assertThat(figures.defaultBusRules()).isGreaterThan(10).isLessThanOrEqualTo(150);
        assertThat(figures.managedPolicies()).isZero();
    }

    @Test
    void prefixedEstate_shouldStayInsideEveryLimitWithAFewRules() throws IOException {
        Figures figures = assertWithinLimits(prefixed, "prefixed");

        // AND ten prefixes need one job rule and one crawler rule, beside the tick and the reconciler
        assertThat(figures.defaultBusRules()).isEqualTo(4);
    }

    @Test
    void exactEstate_shouldPackTheArnsIntoManagedPoliciesInsideTheLimits() throws IOException {
        Figures figures = assertWithinLimits(exact, "exact");

        // AND the exact ARNs of 240 jobs and 60 crawlers take several full policies per role, none wildcard
        assertThat(exact.definitions.jobNames()).hasSize(EXACT_WORKFLOWS * GeneratedEstate.TRIGGERS_PER_WORKFLOW);
        assertThat(figures.managedPoliciesPerRole()).isGreaterThan(1);
        assertThat(figures.largestManagedPolicy()).isGreaterThan(MANAGED_POLICY_LENGTH * 3 / 4);
    }

    @Test
    void definitions_shouldNotGrowTheTemplate() {
        // GIVEN the 125 workflows of the estate and the 30 of its exact part
        // WHEN / THEN each template has one definitions resource, with the same properties but the version
        for (SynthesizedStack synthesized : List.of(tagged, exact)) {
            synthesized.template.resourceCountIs(GlueOrchestrator.DEFINITIONS_RESOURCE_TYPE, 1);
            Map<String, Map<String, Object>> resources = synthesized.template.findResources(
                    GlueOrchestrator.DEFINITIONS_RESOURCE_TYPE);
            Map<?, ?> properties = (Map<?, ?>) resources.values().iterator().next().get("Properties");
            assertThat(properties.keySet().stream().map(Object::toString).toList()).containsExactlyInAnyOrder(
                    "ServiceToken", "TableName", "Bucket", "Key",
                    "Version");
            assertThat(length(CloudFormationValues.resolve(properties))).isLessThan(600);
        }
    }

    /** What the test measures on a template, written to target/template-limits/ for the README. */
    record Figures(int largestEventPattern, long defaultBusRules, long rules, int mostTargets, long managedPolicies,
                   int largestManagedPolicy, long managedPoliciesPerRole, int largestInlinePolicies, long templateBytes,
                   int resources, int largestEnvironment, int busPolicy) {
    }

    private static Figures assertWithinLimits(SynthesizedStack synthesized, String name) throws IOException {
        Map<?, ?> resources = (Map<?, ?>) synthesized.template.toJSON().get("Resources");
        Map<String, Map<String, Object>> rules = synthesized.template.findResources("AWS::Events::Rule");

        // Event patterns: at most 2,048 characters each; at most five targets per rule
        int largestPattern = 0;
        int mostTargets = 0;
        for (Map<String, Object> rule : rules.values()) {
            Map<?, ?> properties = (Map<?, ?>) rule.get("Properties");
            if (properties.get("EventPattern") != null) {
                largestPattern = Math.max(largestPattern,
                        length(CloudFormationValues.resolve(properties.get("EventPattern"))));
            }
            mostTargets = Math.max(mostTargets, ((List<?>) properties.get("Targets")).size());
        }
        assertThat(largestPattern).as("%s: largest event pattern", name).isLessThanOrEqualTo(EVENT_PATTERN_LENGTH);
        assertThat(mostTargets).as("%s: most targets of a rule", name).isLessThanOrEqualTo(TARGETS_PER_RULE);

        // Rules per bus: the default bus's 300 are shared with the user's own rules
        long defaultBusRules = rules.values().stream()
                .filter(rule -> ((Map<?, ?>) rule.get("Properties")).get("EventBusName") == null).count();
        assertThat(defaultBusRules).as("%s: rules on the default bus", name).isLessThanOrEqualTo(RULES_PER_BUS);
        Map<Object, Long> rulesPerOtherBus = rules.values().stream()
                .map(rule -> ((Map<?, ?>) rule.get("Properties")).get("EventBusName"))
                .filter(bus -> bus != null)
                .collect(Collectors.groupingBy(bus -> bus, Collectors.counting()));
        assertThat(rulesPerOtherBus.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(300));

        // Managed policies: at most 6,144 characters each, at most 10 per role
        Map<String, Map<String, Object>> managed = synthesized.template.findResources("AWS::IAM::ManagedPolicy");
        int largestManaged = 0;
        Map<Object, Long> managedPerRole = new LinkedHashMap<>();
        for (Map<String, Object> policy : managed.values()) {
            Map<?, ?> properties = (Map<?, ?>) policy.get("Properties");
            largestManaged = Math.max(largestManaged,
                    length(CloudFormationValues.resolve(properties.get("PolicyDocument"))));
            for (Object role : (Collection<?>) properties.get("Roles")) {
                managedPerRole.merge(role, 1L, Long::sum);
            }
        }
        for (Map.Entry<String, Map<String, Object>> role
                : synthesized.template.findResources("AWS::IAM::Role").entrySet()) {
            Object arns = ((Map<?, ?>) role.getValue().get("Properties")).get("ManagedPolicyArns");
            if (arns != null) {
                managedPerRole.merge(Map.of("Ref", role.getKey()), (long) ((List<?>) arns).size(), Long::sum);
            }
        }
        long mostManagedPerRole = managedPerRole.values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertThat(largestManaged).as("%s: largest managed policy", name).isLessThanOrEqualTo(MANAGED_POLICY_LENGTH);
        assertThat(mostManagedPerRole).as("%s: managed policies of a role", name)
                .isLessThanOrEqualTo(MANAGED_POLICIES_PER_ROLE);

        // Inline policies: at most 10,240 characters per role, all of them together (the provider's role included)
        Map<Object, Integer> inlinePerRole = new LinkedHashMap<>();
        for (Map<String, Object> policy : synthesized.template.findResources("AWS::IAM::Policy").values()) {
            Map<?, ?> properties = (Map<?, ?>) policy.get("Properties");
            int policyLength = length(CloudFormationValues.resolve(properties.get("PolicyDocument")));
            for (Object role : (Collection<?>) properties.get("Roles")) {
                inlinePerRole.merge(role, policyLength, Integer::sum);
            }
        }
        int largestInline = inlinePerRole.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(largestInline).as("%s: inline policies of a role", name)
                .isLessThanOrEqualTo(INLINE_POLICIES_PER_ROLE_LENGTH);

        // Template: at most 1 MB as written to the cloud assembly, at most 500 resources
        Path templateFile = Path.of(Stage.of(synthesized.stack).synth()
                .getStackByName(synthesized.stack.getStackName()).getTemplateFullPath());
        long templateBytes = Files.size(templateFile);
        assertThat(templateBytes).as("%s: template bytes", name).isLessThanOrEqualTo(TEMPLATE_BYTES);
        assertThat(resources.size()).as("%s: resources", name).isGreaterThan(50).isLessThanOrEqualTo(RESOURCES);

        // Lambda environment: at most 4 KB per function
        int largestEnvironment = 0;
        for (Map<String, Object> function : synthesized.template.findResources("AWS::Lambda::Function").values()) {
            Object environment = ((Map<?, ?>) function.get("Properties")).get("Environment");
            if (environment != null) {
                largestEnvironment = Math.max(largestEnvironment,
                        length(CloudFormationValues.resolve(((Map<?, ?>) environment).get("Variables"))));
            }
        }
        assertThat(largestEnvironment).as("%s: Lambda environment", name).isLessThanOrEqualTo(ENVIRONMENT_BYTES);

        // The bus's resource policy: at most 10,240 characters
        int busPolicy = 0;
        for (Map<String, Object> bus : synthesized.template.findResources("AWS::Events::EventBus").values()) {
            Object policy = ((Map<?, ?>) bus.get("Properties")).get("Policy");
            busPolicy = Math.max(busPolicy, policy == null ? 0 : length(CloudFormationValues.resolve(policy)));
        }
        assertThat(busPolicy).as("%s: bus policy", name).isLessThanOrEqualTo(BUS_POLICY_LENGTH);

        // cdk-nag and cfn-lint find nothing
        List<SynthesisMessage> nag = new ArrayList<>(synthesized.annotations.findError("*",
                Match.stringLikeRegexp("AwsSolutions-.*")));
        nag.addAll(synthesized.annotations.findWarning("*", Match.anyValue()));
        assertThat(nag).as("%s: cdk-nag errors and warnings: %s", name, nag.stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData()).toList()).isEmpty();
        try {
            TemplateChecks.assertPassesCfnLint(synthesized.template, "Estate-" + name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }

        Figures figures = new Figures(largestPattern, defaultBusRules, rules.size(), mostTargets, managed.size(),
                largestManaged, mostManagedPerRole, largestInline, templateBytes, resources.size(),
                largestEnvironment, busPolicy);
        Path report = Path.of("target", "template-limits", name + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, figures + System.lineSeparator(), StandardCharsets.UTF_8);
        System.out.println("Template limits, " + name + ": " + figures);
        return figures;
    }

    /** Characters AWS counts: the compact JSON text (whitespace is not counted), in UTF-8 bytes. */
    private static int length(Object resolved) {
        try {
            return JSON.writeValueAsString(resolved).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
