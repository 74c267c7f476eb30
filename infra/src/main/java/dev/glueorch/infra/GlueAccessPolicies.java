package dev.glueorch.infra;

import dev.glueorch.model.Definitions;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The functions' rights on Glue jobs and crawlers, as {@link GlueAccess} says. With exact ARNs, the ARNs are packed
 * into customer managed policies of at most {@value AwsLimits#MANAGED_POLICY_LENGTH} characters (measured with the
 * longest partition and Region), one set shared by the roles that need the same rights, because a role's inline
 * policies hold only {@value AwsLimits#INLINE_POLICIES_PER_ROLE_LENGTH} characters and CDK cannot split a statement.
 */
public final class GlueAccessPolicies extends Construct {

    private final List<ManagedPolicy> managedPolicies = new ArrayList<>();

    /**
     * @param starters roles that start, watch and stop actions
     * @param lookups  roles that also look a job's runs up ({@link GlueOrchestrator#GLUE_JOB_RUN_LOOKUP_ACTIONS})
     * @throws IllegalArgumentException when exact ARNs need more managed policies than a role may have, or a name is
     *                                  outside the name prefixes
     */
    GlueAccessPolicies(Construct scope, String id, GlueAccess access, Definitions definitions, List<IRole> starters,
                       List<IRole> lookups, int maxManagedPoliciesPerRole) {
        super(scope, id);
        Set<String> jobs = definitions.jobNames();
        Set<String> crawlers = definitions.crawlerNames();
        List<String> lookupActions = new ArrayList<>(GlueOrchestrator.GLUE_JOB_ACTIONS);
        lookupActions.addAll(GlueOrchestrator.GLUE_JOB_RUN_LOOKUP_ACTIONS);
        if (access instanceof GlueAccess.ExactArns) {
            attachExact("Start", GlueOrchestrator.GLUE_JOB_ACTIONS, jobs, crawlers, starters, maxManagedPoliciesPerRole);
            attachExact("StartAndLookUp", lookupActions, jobs, crawlers, lookups, maxManagedPoliciesPerRole);
            return;
        }
        List<String> jobResources;
        List<String> crawlerResources;
        Map<String, Object> conditions = null;
        if (access instanceof GlueAccess.ResourceTag tag) {
            jobResources = List.of("job/*");
            crawlerResources = List.of("crawler/*");
            conditions = Map.of("StringEquals", Map.of("aws:ResourceTag/" + tag.key(), tag.value()));
        } else {
            List<String> prefixes = ((GlueAccess.NamePrefixes) access).prefixes();
            requireWithinPrefixes(jobs, "job", prefixes);
            requireWithinPrefixes(crawlers, "crawler", prefixes);
            jobResources = prefixes.stream().map(prefix -> "job/" + prefix + "*").toList();
            crawlerResources = prefixes.stream().map(prefix -> "crawler/" + prefix + "*").toList();
        }
        for (IRole role : starters) {
            addScoped(role, GlueOrchestrator.GLUE_JOB_ACTIONS, jobs, jobResources, crawlers, crawlerResources,
                    conditions);
        }
        for (IRole role : lookups) {
            addScoped(role, lookupActions, jobs, jobResources, crawlers, crawlerResources, conditions);
        }
    }

    /** The customer managed policies of exact ARNs, in the order created; empty with the other access kinds. */
    public List<ManagedPolicy> getManagedPolicies() {
        return List.copyOf(managedPolicies);
    }

    private void attachExact(String id, List<String> jobActions, Set<String> jobs, Set<String> crawlers,
                             List<IRole> roles, int maxManagedPoliciesPerRole) {
        List<Map<String, List<String>>> packed = pack(List.of(
                new Group(jobActions, "job", List.copyOf(jobs)),
                new Group(GlueOrchestrator.GLUE_CRAWLER_ACTIONS, "crawler", List.copyOf(crawlers))));
        if (packed.size() > maxManagedPoliciesPerRole) {
            throw new IllegalArgumentException("glueAccess: the exact ARNs of the " + jobs.size() + " jobs and "
                    + crawlers.size() + " crawlers the definitions name need " + packed.size() + " managed policies of "
                    + AwsLimits.MANAGED_POLICY_LENGTH + " characters per function role, and IAM attaches at most "
                    + maxManagedPoliciesPerRole + " to a role. Tag the orchestrated jobs and crawlers and set "
                    + "GlueOrchestratorProps.Builder#glueAccess(GlueAccess.resourceTag(key, value)) (context "
                    + "glueAccessTag=key=value), or name them with common prefixes and set GlueAccess.namePrefixes(...) "
                    + "(context glueAccessPrefixes=a-,b-), or, with IAM's quota raised to 20, "
                    + "maxManagedPoliciesPerRole(20); README \"Scale / AWS limits\" says what each gives up");
        }
        for (int i = 0; i < packed.size(); i++) {
            List<PolicyStatement> statements = new ArrayList<>();
            packed.get(i).forEach((actionsAndType, names) -> {
                String[] parts = actionsAndType.split(" ", 2);
                statements.add(PolicyStatement.Builder.create()
                        .actions(List.of(parts[1].split(",")))
                        .resources(names.stream().map(name -> arn(parts[0], name)).toList())
                        .build());
            });
            managedPolicies.add(ManagedPolicy.Builder.create(this, id + (i + 1))
                    .description("glue-orchestrator: the exact Glue jobs and crawlers the definitions name, part "
                            + (i + 1) + " of " + packed.size())
                    .statements(statements)
                    .roles(roles)
                    .build());
        }
    }

    private record Group(List<String> actions, String resourceType, List<String> names) {
    }

    /**
     * Fills policies in order, ARN by ARN, each up to the managed policy limit. Each policy maps
     * {@code "<resourceType> <action,action>"} to the names of its statement of that group.
     */
    private static List<Map<String, List<String>>> pack(List<Group> groups) {
        List<Map<String, List<String>>> policies = new ArrayList<>();
        Map<String, List<String>> current = new LinkedHashMap<>();
        for (Group group : groups) {
            String key = group.resourceType() + " " + String.join(",", group.actions());
            for (String name : group.names()) {
                current.computeIfAbsent(key, k -> new ArrayList<>()).add(name);
                if (measure(current) > AwsLimits.MANAGED_POLICY_LENGTH) {
                    List<String> names = current.get(key);
                    names.remove(names.size() - 1);
                    if (names.isEmpty()) {
                        current.remove(key);
                    }
                    policies.add(current);
                    current = new LinkedHashMap<>();
                    current.put(key, new ArrayList<>(List.of(name)));
                }
            }
        }
        if (!current.isEmpty()) {
            policies.add(current);
        }
        return policies;
    }

    /** The policy document as IAM will measure it: longest partition and Region, no whitespace. */
    private static int measure(Map<String, List<String>> policy) {
        List<Object> statements = new ArrayList<>();
        policy.forEach((key, names) -> {
            String[] parts = key.split(" ", 2);
            statements.add(Map.of("Effect", "Allow", "Action", List.of(parts[1].split(",")), "Resource",
                    names.stream().map(name -> AwsLimits.longestArn("glue", parts[0] + "/" + name)).toList()));
        });
        return AwsLimits.jsonLength(Map.of("Version", "2012-10-17", "Statement", statements));
    }

    /** {@code jobResources} and {@code crawlerResources} are ARN resource parts, {@code job/sales-*}. */
    private void addScoped(IRole role, List<String> jobActions, Set<String> jobs, List<String> jobResources,
                           Set<String> crawlers, List<String> crawlerResources, Map<String, Object> conditions) {
        List<String> wildcards = new ArrayList<>();
        if (!jobs.isEmpty()) {
            role.addToPrincipalPolicy(statement(jobActions, jobResources, conditions));
            wildcards.addAll(jobResources);
        }
        if (!crawlers.isEmpty()) {
            role.addToPrincipalPolicy(statement(GlueOrchestrator.GLUE_CRAWLER_ACTIONS, crawlerResources, conditions));
            wildcards.addAll(crawlerResources);
        }
        if (wildcards.isEmpty()) {
            return;
        }
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("The construct's glueAccess option chose it: Glue jobs and crawlers by "
                        + (conditions == null ? "name prefix" : "tag (aws:ResourceTag condition)")
                        + " instead of exact ARNs, for an estate whose ARNs exceed IAM's policy limits (README "
                        + "\"Scale / AWS limits\").")
                .appliesTo(wildcards.stream().map(resource -> "Resource::arn:<AWS::Partition>:glue:<AWS::Region>:"
                        + "<AWS::AccountId>:" + resource).toList())
                .build()), true);
    }

    private PolicyStatement statement(List<String> actions, List<String> resources, Map<String, Object> conditions) {
        PolicyStatement.Builder builder = PolicyStatement.Builder.create().actions(actions)
                .resources(resources.stream().map(resource -> arn(resource.substring(0, resource.indexOf('/')),
                        resource.substring(resource.indexOf('/') + 1))).toList());
        if (conditions != null) {
            builder.conditions(conditions);
        }
        return builder.build();
    }

    private static void requireWithinPrefixes(Set<String> names, String kind, List<String> prefixes) {
        List<String> outside = names.stream().filter(name -> prefixes.stream().noneMatch(name::startsWith)).toList();
        if (!outside.isEmpty()) {
            throw new IllegalArgumentException("glueAccess: the definitions start " + kind + (outside.size() > 1
                    ? "s " : " ") + outside + ", whose names start with none of the name prefixes " + prefixes
                    + ": add a prefix they start with, or rename them; the orchestrator could neither start them "
                    + "nor hear of their runs");
        }
    }

    private String arn(String resourceType, String name) {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("glue")
                .resource(resourceType)
                .resourceName(name)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }
}
