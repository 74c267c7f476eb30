package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.contract.FunctionEnvironment;
import dev.glueorch.contract.GlueAccessSlices;
import dev.glueorch.infra.GlueOrchestrator;
import dev.glueorch.infra.GlueOrchestratorApp;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * The stack at Glue's default quotas ({@link GeneratedEstate}: 1,000 jobs with names up to 255 characters, 1,000
 * triggers, 125 workflows, 200 crawlers, conditions on a trusted account, a job started through a RoleArn, a fed
 * account), synthesized by the app as {@code cdk synth} does, and every AWS hard limit checked on the template it
 * writes, each value resolved as CloudFormation would ({@link CloudFormationValues}).
 *
 * <p>The estate is synthesized with the default props: at that size the exact ARNs no longer fit the function roles'
 * own policies, so they are split into Glue access roles ("slices") the functions assume. It is also synthesized with
 * tag-based access and with name prefixes, and exact ARNs are checked on the largest part of the estate that fits the
 * function roles directly (240 jobs, 60 crawlers, names as long).
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
    /** CloudFormation's "1 MB", as CDK and cfn-lint count it. */
    private static final int TEMPLATE_BYTES = 1_000_000;
    private static final int RESOURCES = 500;
    private static final int ENVIRONMENT_BYTES = 4_096;
    private static final int BUS_POLICY_LENGTH = 10_240;
    private static final int INPUT_TEMPLATE_LENGTH = 8_192;
    private static final int RULE_NAME_LENGTH = 64;
    /** Lambda: a function's (an alias's) resource-based policy. */
    private static final int FUNCTION_POLICY_LENGTH = 20_480;
    /** SQS: a queue policy's bytes and statements. */
    private static final int QUEUE_POLICY_BYTES = 8_192;
    private static final int QUEUE_POLICY_STATEMENTS = 20;
    /** The ARN of a function alias, as long as CloudFormation's generated names make it. */
    private static final String LONGEST_ALIAS_ARN = "arn:" + CloudFormationValues.PARTITION + ":lambda:"
            + CloudFormationValues.REGION + ":" + CloudFormationValues.ACCOUNT + ":function:" + "f".repeat(64) + ":live";
    /** The exact-ARN part of the estate: the first 30 workflows. */
    private static final int EXACT_WORKFLOWS = 30;

    /** A Glue ARN of the stack's account and Region, as {@link CloudFormationValues} resolves it. */
    private static final String GLUE_ARN = "arn:" + CloudFormationValues.PARTITION + ":glue:"
            + CloudFormationValues.REGION + ":" + CloudFormationValues.ACCOUNT + ":";
    private static final String ACCESS_ROLE_NAME = "glue-orchestrator-glue-access-";
    private static final List<String> FUNCTION_ROLE_NAMES = List.of("glue-orchestrator-glue-event",
            "glue-orchestrator-schedule-tick", "glue-orchestrator-reconcile", "glue-orchestrator-operations",
            "glue-orchestrator-start-worker");

    /** CDK's own warning at 80 % of CloudFormation's template size limit. */
    private static final String TEMPLATE_SIZE_WARNING = "@aws-cdk/core:Stack.templateSize";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SynthesizedStack tagged;
    private static SynthesizedStack prefixed;
    private static SynthesizedStack exact;
    private static SynthesizedStack sliced;
    private static SynthesizedStack longest;
    private static Path estate;

    @BeforeAll
    static void synthesize() {
        estate = GeneratedEstate.write("full");
        tagged = SynthesizedStack.of(estate, context(Map.of("glueAccessTag", "glue-orchestrator=managed")));
        prefixed = SynthesizedStack.of(estate, context(Map.of("glueAccessPrefixes",
                String.join(",", GeneratedEstate.TEAM_PREFIXES))));
        exact = SynthesizedStack.of(GeneratedEstate.write("exact", EXACT_WORKFLOWS), context(Map.of()));
        sliced = SynthesizedStack.of(estate, context(Map.of()));
        longest = SynthesizedStack.of(GeneratedEstate.writeLongestNames("longest"), context(Map.of()));
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
        // AND 100 of its 125 workflows start from EVENT triggers with 255-character names, half on two custom buses
        List<Trigger.Event> events = tagged.definitions.workflows().values().stream()
                .flatMap(workflow -> workflow.triggers().stream())
                .filter(Trigger.Event.class::isInstance).map(Trigger.Event.class::cast).toList();
        assertThat(events).hasSize(GeneratedEstate.EVENT_TRIGGERS)
                .allSatisfy(event -> assertThat(event.name()).hasSize(255));
        assertThat(events.stream().filter(event -> event.eventBusName() != null)).hasSize(50);
        assertThat(tagged.definitions.remoteActionAccounts()).containsExactly(GeneratedEstate.REMOTE_ACCOUNT);
    }

    @Test
    void defaultEstate_shouldStayInsideEveryLimitWithGlueAccessRoles() throws IOException {
        // GIVEN / WHEN the estate synthesized with the default props, exact ARNs
        Figures figures = assertWithinLimits(sliced, "default");

        // THEN the exact ARNs went into a few Glue access roles, each within its managed policies
        List<String> accessRoles = accessRoleIds(sliced);
        assertThat(accessRoles).hasSizeBetween(2, 10);
        assertThat(figures.managedPoliciesPerRole()).isLessThanOrEqualTo(MANAGED_POLICIES_PER_ROLE);
        System.out.println("Template limits, default: " + accessRoles.size() + " Glue access roles");
    }

    @Test
    void defaultEstate_shouldPutEveryJobAndCrawlerArnInExactlyOneGlueAccessRole() {
        // GIVEN the Glue access roles of the default estate, slice 0 first
        List<String> accessRoles = accessRoleIds(sliced);

        // WHEN the ARNs of each role's managed policies are collected, resolved as CloudFormation would
        Map<String, Integer> sliceOfArn = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (int slice = 0; slice < accessRoles.size(); slice++) {
            for (Map<?, ?> statement : managedStatementsOf(sliced, accessRoles.get(slice))) {
                List<String> actions = actionsOf(statement);
                boolean jobs = actions.contains("glue:StartJobRun");
                // a job statement allows what any function does to a job run, a crawler statement to a crawler
                assertThat(actions).containsExactlyInAnyOrderElementsOf(jobs
                        ? List.of("glue:StartJobRun", "glue:GetJobRun", "glue:BatchStopJobRun", "glue:GetJobRuns")
                        : GlueOrchestrator.GLUE_CRAWLER_ACTIONS);
                for (Object resource : (List<?>) statement.get("Resource")) {
                    String arn = CloudFormationValues.resolve(resource).toString();
                    assertThat(arn).startsWith(jobs ? GLUE_ARN + "job/" : GLUE_ARN + "crawler/").doesNotContain("*");
                    if (sliceOfArn.put(arn, slice) != null) {
                        duplicates.add(arn);
                    }
                }
            }
        }

        // THEN every job and crawler the definitions name is in exactly one role, the one of its slice, and
        // nothing else is
        assertThat(duplicates).isEmpty();
        Map<String, Integer> expected = new LinkedHashMap<>();
        sliced.definitions.jobNames().forEach(name -> expected.put(GLUE_ARN + "job/" + name,
                GlueAccessSlices.sliceOf(NodeType.JOB, name, accessRoles.size())));
        sliced.definitions.crawlerNames().forEach(name -> expected.put(GLUE_ARN + "crawler/" + name,
                GlueAccessSlices.sliceOf(NodeType.CRAWLER, name, accessRoles.size())));
        assertThat(sliceOfArn).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void defaultEstate_shouldLetTheFunctionRolesOnlyAssumeTheGlueAccessRoles() {
        // GIVEN the five function roles and the Glue access roles of the default estate
        List<String> accessRoles = accessRoleIds(sliced);
        List<Object> accessRoleArns = accessRoles.stream()
                .<Object>map(id -> Map.of("Fn::GetAtt", List.of(id, "Arn"))).toList();
        Map<String, Object> roles = new LinkedHashMap<>();
        sliced.template.findResources("AWS::IAM::Role").forEach((id, role) -> roles.put(id, role));
        List<String> functionRoles = roles.entrySet().stream()
                .filter(role -> FUNCTION_ROLE_NAMES.contains(String.valueOf(((Map<?, ?>) ((Map<?, ?>) role.getValue())
                        .get("Properties")).get("RoleName"))))
                .map(Map.Entry::getKey).toList();
        assertThat(functionRoles).hasSize(FUNCTION_ROLE_NAMES.size());

        for (String functionRole : functionRoles) {
            // WHEN the statements of its policies are collected
            List<Map<?, ?>> statements = SynthesizedStack.policyStatementsOf(sliced.template,
                    Map.of("Ref", functionRole)).stream().<Map<?, ?>>map(Map.class::cast).toList();

            // THEN none allows a Glue action, no managed policy is attached, and one statement allows
            // sts:AssumeRole on exactly the Glue access roles
            assertThat(statements).as(functionRole).noneSatisfy(statement -> assertThat(
                    actionsOf(statement).stream().anyMatch(action -> action.startsWith("glue:"))).isTrue());
            assertThat(managedStatementsOf(sliced, functionRole)).as(functionRole).isEmpty();
            assertThat(statements).as(functionRole).filteredOn(statement -> accessRoleArns.stream()
                            .anyMatch(arn -> resourcesOf(statement).contains(arn)))
                    .singleElement().satisfies(statement -> {
                        assertThat(actionsOf(statement)).containsExactly("sts:AssumeRole");
                        assertThat(resourcesOf(statement)).containsExactlyElementsOf(accessRoleArns);
                    });
        }

        // AND each Glue access role is named for its slice and trusted by exactly the function roles, by ARN
        for (int slice = 0; slice < accessRoles.size(); slice++) {
            Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) roles.get(accessRoles.get(slice))).get("Properties");
            assertThat(properties.get("RoleName")).isEqualTo("glue-orchestrator-glue-access-" + slice);
            assertThat(properties.get("Policies")).isNull();
            List<?> trust = (List<?>) ((Map<?, ?>) properties.get("AssumeRolePolicyDocument")).get("Statement");
            List<Object> principals = new ArrayList<>();
            for (Object statement : trust) {
                Map<?, ?> allow = (Map<?, ?>) statement;
                assertThat(allow.get("Action")).isEqualTo("sts:AssumeRole");
                assertThat(allow.get("Effect")).isEqualTo("Allow");
                assertThat(allow.get("Condition")).isNull();
                Map<?, ?> principal = (Map<?, ?>) allow.get("Principal");
                assertThat(principal.keySet().stream().map(Object::toString).toList()).containsExactly("AWS");
                principals.addAll(resourcesOf(Map.of("Resource", principal.get("AWS"))));
            }
            assertThat(principals).containsExactlyInAnyOrderElementsOf(functionRoles.stream()
                    .<Object>map(id -> Map.of("Fn::GetAtt", List.of(id, "Arn"))).toList());
        }

        // AND every function learns the roles, slice 0 first, from its environment
        String expectedEnvironment = String.join(",", accessRoleArns.stream()
                .map(arn -> CloudFormationValues.resolve(arn).toString()).toList());
        Map<String, Map<String, Object>> functions = sliced.template.findResources("AWS::Lambda::Function");
        long withRoles = functions.values().stream()
                .map(function -> (Map<?, ?>) ((Map<?, ?>) function.get("Properties")).get("Environment"))
                .filter(environment -> environment != null && ((Map<?, ?>) environment.get("Variables"))
                        .containsKey(FunctionEnvironment.GLUE_ACCESS_ROLE_ARNS))
                .peek(environment -> assertThat(CloudFormationValues.resolve(((Map<?, ?>) environment
                        .get("Variables")).get(FunctionEnvironment.GLUE_ACCESS_ROLE_ARNS)))
                        .isEqualTo(expectedEnvironment))
                .count();
        assertThat(withRoles).isEqualTo(FUNCTION_ROLE_NAMES.size());
    }

    @Test
    void longestNamesEstate_shouldStayInsideEveryLimitWithGlueAccessRoles() throws IOException {
        // GIVEN / WHEN the estate with every one of its 1,000 job and 200 crawler names 255 characters long, default
        // props, and no EVENT trigger (100 with 255-character names would add 131 KB: 1,046 KB, over the 1 MB, which
        // the synth refuses: see the next test)
        // THEN it still fits every AWS limit; CDK warns that the template passed 80 % of CloudFormation's 1 MB,
        // which is all the warning says
        Figures figures = assertWithinLimits(longest, "longest", TEMPLATE_SIZE_WARNING);
        assertThat(accessRoleIds(longest)).hasSizeBetween(2, 10);
        assertThat(figures.templateBytes()).isGreaterThan(TEMPLATE_BYTES * 8L / 10);
    }

    @Test
    void longestNamesWithEventTriggers_shouldBeRefusedAtSynthNamingTheSizeAndWhatMakesItSmaller() {
        // GIVEN every job and crawler name 255 characters long and the estate's 100 EVENT triggers with 255-character
        // names: about 1,046 KB of template
        App app = SynthesizedStack.app(GeneratedEstate.writeLongestNamesWithEventTriggers("longest-events"),
                context(Map.of()));
        GlueOrchestratorApp.create(app);

        // WHEN / THEN the synth refuses it, as CloudFormation would at deploy
        assertThatThrownBy(() -> GlueOrchestratorApp.synthesize(app))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("the template of stack GlueOrchestrator is 1,0[4-9]\\d,\\d{3} bytes; CloudFormation "
                        + "accepts at most 1,000,000 \\(1 MB\\)\\..*")
                .hasMessageContaining("-c glueAccessPrefixes=")
                .hasMessageContaining("split the workflows between two stacks");
    }

    @Test
    void exactArns_shouldBeRefusedBeyondTenGlueAccessRolesNamingTheOptions() {
        // GIVEN 2,000 jobs and 200 crawlers, every name 255 characters long: about 120 managed policies of ARNs
        Path beyond = GeneratedEstate.writeLongestNames("beyond", 2 * GeneratedEstate.WORKFLOWS);

        // WHEN / THEN the synth fails before anything is written, saying why and what to set instead
        assertThatThrownBy(() -> GlueOrchestratorApp.create(SynthesizedStack.app(beyond, context(Map.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("glueAccess")
                .hasMessageContaining("2000 jobs and 200 crawlers")
                .hasMessageContaining("more than 10 Glue access roles of 10 managed policies")
                .hasMessageContaining("GlueAccess.resourceTag")
                .hasMessageContaining("glueAccessTag=key=value")
                .hasMessageContaining("namePrefixes");
    }

    @Test
    void smallerEstates_shouldKeepTheExactArnsOnTheFunctionRoles() {
        // GIVEN the exact part of the estate (240 jobs, 60 crawlers), which fits the function roles directly
        // WHEN / THEN it has no Glue access role and no function learns of one
        assertThat(accessRoleIds(exact)).isEmpty();
        exact.template.findResources("AWS::Lambda::Function").values().forEach(function -> {
            Map<?, ?> environment = (Map<?, ?>) ((Map<?, ?>) function.get("Properties")).get("Environment");
            if (environment != null) {
                assertThat(SynthesizedStack.asMap(environment.get("Variables")))
                        .doesNotContainKey(FunctionEnvironment.GLUE_ACCESS_ROLE_ARNS);
            }
        });
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

        // AND ten prefixes need one job rule and one crawler rule, beside the tick, the reconciler and the 50 EVENT
        // triggers on the default bus
        assertThat(figures.defaultBusRules()).isEqualTo(4 + 50);
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
        for (SynthesizedStack synthesized : List.of(tagged, exact, sliced)) {
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

    /** The logical IDs of the Glue access roles, slice 0 first (named {@code glue-orchestrator-glue-access-<n>}). */
    private static List<String> accessRoleIds(SynthesizedStack synthesized) {
        Map<Integer, String> bySlice = new TreeMap<>();
        synthesized.template.findResources("AWS::IAM::Role").forEach((id, role) -> {
            Object name = ((Map<?, ?>) role.get("Properties")).get("RoleName");
            if (name instanceof String text && text.startsWith(ACCESS_ROLE_NAME)) {
                bySlice.put(Integer.parseInt(text.substring(ACCESS_ROLE_NAME.length())), id);
            }
        });
        return List.copyOf(bySlice.values());
    }

    /** The statements of the customer managed policies attached to the role {@code roleId}. */
    private static List<Map<?, ?>> managedStatementsOf(SynthesizedStack synthesized, String roleId) {
        List<Map<?, ?>> statements = new ArrayList<>();
        synthesized.template.findResources("AWS::IAM::ManagedPolicy").values().stream()
                .map(policy -> (Map<?, ?>) policy.get("Properties"))
                .filter(properties -> ((List<?>) properties.get("Roles")).contains(Map.of("Ref", roleId)))
                .forEach(properties -> ((List<?>) ((Map<?, ?>) properties.get("PolicyDocument")).get("Statement"))
                        .forEach(statement -> statements.add((Map<?, ?>) statement)));
        return statements;
    }

    private static List<String> actionsOf(Map<?, ?> statement) {
        Object actions = statement.get("Action");
        return actions instanceof List<?> list ? list.stream().map(Object::toString).toList()
                : List.of(actions.toString());
    }

    private static List<Object> resourcesOf(Map<?, ?> statement) {
        Object resources = statement.get("Resource");
        return resources instanceof List<?> list ? List.copyOf(list) : List.of(resources);
    }

    /** What the test measures on a template, written to target/template-limits/ for the README. */
    record Figures(int largestEventPattern, long defaultBusRules, long rules, int mostTargets, long managedPolicies,
                   int largestManagedPolicy, long managedPoliciesPerRole, int largestInlinePolicies, long templateBytes,
                   int resources, int largestEnvironment, int busPolicy, int eventTriggerRules, long mostOtherBusRules,
                   int largestInputTemplate, int largestFunctionPolicy, int ruleQueuePolicyBytes,
                   int ruleQueuePolicyStatements) {
    }

    private static Figures assertWithinLimits(SynthesizedStack synthesized, String name) throws IOException {
        return assertWithinLimits(synthesized, name, null);
    }

    /** @param acknowledged the id of the one CDK warning this estate is expected to raise, or {@code null} */
    private static Figures assertWithinLimits(SynthesizedStack synthesized, String name, String acknowledged)
            throws IOException {
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
        long mostOtherBusRules = rulesPerOtherBus.values().stream().mapToLong(Long::longValue).max().orElse(0);

        // EVENT triggers: one rule each, named within 64 characters, its input template within 8,192
        int eventTriggerRules = 0;
        int largestInputTemplate = 0;
        for (Map<String, Object> rule : rules.values()) {
            Map<?, ?> properties = (Map<?, ?>) rule.get("Properties");
            if (properties.get("Name") != null) {
                assertThat(properties.get("Name").toString()).as("%s: rule name", name)
                        .hasSizeLessThanOrEqualTo(RULE_NAME_LENGTH);
            }
            for (Object target : (List<?>) properties.get("Targets")) {
                Object transformer = ((Map<?, ?>) target).get("InputTransformer");
                if (transformer != null) {
                    eventTriggerRules++;
                    largestInputTemplate = Math.max(largestInputTemplate, ((Map<?, ?>) transformer)
                            .get("InputTemplate").toString().length());
                }
            }
        }
        assertThat(eventTriggerRules).as("%s: EVENT trigger rules", name)
                .isEqualTo(synthesized.stack.getOrchestrator().getEventTriggerRules().getRules().size());
        assertThat(largestInputTemplate).as("%s: largest input template", name)
                .isLessThanOrEqualTo(INPUT_TEMPLATE_LENGTH);

        // Resource policies: each function's at most 20 KB, each queue's at most 8,192 bytes and 20 statements
        int largestFunctionPolicy = largestFunctionPolicy(synthesized);
        assertThat(largestFunctionPolicy).as("%s: largest function policy", name)
                .isLessThanOrEqualTo(FUNCTION_POLICY_LENGTH);
        Object ruleQueue = Map.of("Ref", synthesized.logicalId(synthesized.stack.getOrchestrator().getRuleDeadLetterQueue()));
        int ruleQueuePolicyBytes = 0;
        int ruleQueuePolicyStatements = 0;
        for (Map<String, Object> policy : synthesized.template.findResources("AWS::SQS::QueuePolicy").values()) {
            Map<?, ?> properties = (Map<?, ?>) policy.get("Properties");
            int bytes = length(CloudFormationValues.resolve(properties.get("PolicyDocument")));
            int statements = ((List<?>) ((Map<?, ?>) properties.get("PolicyDocument")).get("Statement")).size();
            assertThat(bytes).as("%s: queue policy bytes", name).isLessThanOrEqualTo(QUEUE_POLICY_BYTES);
            assertThat(statements).as("%s: queue policy statements", name).isLessThanOrEqualTo(QUEUE_POLICY_STATEMENTS);
            if (((List<?>) properties.get("Queues")).contains(ruleQueue)) {
                ruleQueuePolicyBytes = bytes;
                ruleQueuePolicyStatements = statements;
            }
        }

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
        synthesized.annotations.findWarning("*", Match.anyValue()).stream()
                .filter(warning -> acknowledged == null || !String.valueOf(warning.getEntry().getData())
                        .contains(acknowledged))
                .forEach(nag::add);
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
                largestEnvironment, busPolicy, eventTriggerRules, mostOtherBusRules, largestInputTemplate,
                largestFunctionPolicy, ruleQueuePolicyBytes, ruleQueuePolicyStatements);
        Path report = Path.of("target", "template-limits", name + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, figures + System.lineSeparator(), StandardCharsets.UTF_8);
        System.out.println("Template limits, " + name + ": " + figures);
        return figures;
    }

    /**
     * The largest resource-based policy Lambda writes for a function or alias from the template's permissions: one
     * statement each, with a 100-character Sid (CloudFormation's generated ones are shorter) and the alias's ARN at
     * its longest.
     */
    private static int largestFunctionPolicy(SynthesizedStack synthesized) {
        Map<String, List<Object>> statementsOfFunction = new LinkedHashMap<>();
        for (Map<String, Object> permission : synthesized.template.findResources("AWS::Lambda::Permission").values()) {
            Map<?, ?> properties = (Map<?, ?>) permission.get("Properties");
            Map<String, Object> statement = new LinkedHashMap<>();
            statement.put("Sid", "s".repeat(100));
            statement.put("Effect", "Allow");
            statement.put("Principal", Map.of("Service", properties.get("Principal")));
            statement.put("Action", properties.get("Action"));
            statement.put("Resource", LONGEST_ALIAS_ARN);
            if (properties.get("SourceArn") != null) {
                statement.put("Condition", Map.of("ArnLike", Map.of("AWS:SourceArn",
                        CloudFormationValues.resolve(properties.get("SourceArn")))));
            }
            statementsOfFunction.computeIfAbsent(String.valueOf(properties.get("FunctionName")),
                    function -> new ArrayList<>()).add(statement);
        }
        return statementsOfFunction.values().stream().mapToInt(statements -> length(Map.of(
                "Version", "2012-10-17", "Id", "default", "Statement", statements))).max().orElse(0);
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
