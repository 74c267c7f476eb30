package dev.glueorch.infra;

import dev.glueorch.contract.GlueAccessSlices;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.NodeType;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The functions' rights on Glue jobs and crawlers, as {@link GlueAccess} says. With exact ARNs, the ARNs are packed
 * into customer managed policies of at most {@value AwsLimits#MANAGED_POLICY_LENGTH} characters (measured with the
 * longest partition and Region), one set shared by the roles that need the same rights, because a role's inline
 * policies hold only {@value AwsLimits#INLINE_POLICIES_PER_ROLE_LENGTH} characters and CDK cannot split a statement.
 *
 * <p>A role takes at most {@code maxManagedPoliciesPerRole} managed policies, about 300 jobs with their crawlers. Beyond,
 * the exact ARNs are split into Glue access roles ("slices", {@code <functionRoleNamePrefix>-glue-access-<slice>}):
 * each job and crawler belongs to the slice {@link GlueAccessSlices#sliceOf} names, each slice's role holds exactly
 * its ARNs in its own managed policies and is trusted by the function roles only, and the function roles get nothing
 * on Glue but {@code sts:AssumeRole} on those roles. The functions learn the roles from
 * {@code GLUE_ACCESS_ROLE_ARNS} and call Glue for a name with its slice's role. A slice role allows the look-up
 * rights too ({@code glue:GetJobRuns}), to every function: one role per slice, not one per set of rights.
 */
public final class GlueAccessPolicies extends Construct {

    private final List<ManagedPolicy> managedPolicies = new ArrayList<>();
    private final List<Role> accessRoles = new ArrayList<>();

    /**
     * @param starters               roles that start, watch and stop actions
     * @param lookups                roles that also look a job's runs up
     *                               ({@link GlueOrchestrator#GLUE_JOB_RUN_LOOKUP_ACTIONS})
     * @param functionRoleNamePrefix names the Glue access roles, {@code <prefix>-glue-access-<slice>}
     * @throws IllegalArgumentException when exact ARNs need more Glue access roles than there may be, or a name is
     *                                  outside the name prefixes
     */
    GlueAccessPolicies(Construct scope, String id, GlueAccess access, Definitions definitions, List<IRole> starters,
                       List<IRole> lookups, int maxManagedPoliciesPerRole, String functionRoleNamePrefix) {
        super(scope, id);
        Set<String> jobs = definitions.jobNames();
        Set<String> crawlers = definitions.crawlerNames();
        List<String> lookupActions = new ArrayList<>(GlueOrchestrator.GLUE_JOB_ACTIONS);
        lookupActions.addAll(GlueOrchestrator.GLUE_JOB_RUN_LOOKUP_ACTIONS);
        if (access instanceof GlueAccess.ExactArns) {
            List<Map<String, List<String>>> starting = pack(groups(GlueOrchestrator.GLUE_JOB_ACTIONS, jobs, crawlers));
            List<Map<String, List<String>>> lookingUp = pack(groups(lookupActions, jobs, crawlers));
            if (starting.size() <= maxManagedPoliciesPerRole && lookingUp.size() <= maxManagedPoliciesPerRole) {
                attachExact("Start", "", starting, starters, this::arn);
                attachExact("StartAndLookUp", "", lookingUp, lookups, this::arn);
            } else {
                List<IRole> functionRoles = new ArrayList<>(starters);
                functionRoles.addAll(lookups);
                createAccessRoles(slices(lookupActions, jobs, crawlers, maxManagedPoliciesPerRole), functionRoles,
                        functionRoleNamePrefix);
            }
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

    /**
     * The Glue access roles, slice 0 first ({@link GlueAccessSlices}), when the exact ARNs do not fit the function
     * roles' own policies; empty when they do, and with the other access kinds.
     */
    public List<Role> getAccessRoles() {
        return List.copyOf(accessRoles);
    }

    /**
     * The smallest number of slices whose every slice's exact ARNs fit one role's managed policies, each slice's
     * policies packed. The hash spreads names evenly but not exactly, so each slice is measured, not estimated.
     */
    private static List<List<Map<String, List<String>>>> slices(List<String> jobActions, Set<String> jobs,
                                                              Set<String> crawlers, int maxManagedPoliciesPerRole) {
        int policies = pack(groups(jobActions, jobs, crawlers)).size();
        int fewest = Math.max(2, (policies + maxManagedPoliciesPerRole - 1) / maxManagedPoliciesPerRole);
        for (int count = fewest; count <= CrossAccount.MAX_GLUE_ACCESS_ROLES; count++) {
            List<List<Map<String, List<String>>>> slices = new ArrayList<>();
            for (int slice = 0; slice < count; slice++) {
                List<Map<String, List<String>>> packed = pack(groups(jobActions,
                        inSlice(jobs, NodeType.JOB, slice, count), inSlice(crawlers, NodeType.CRAWLER, slice, count)));
                if (packed.size() > maxManagedPoliciesPerRole) {
                    break;
                }
                slices.add(packed);
            }
            if (slices.size() == count) {
                return slices;
            }
        }
        throw new IllegalArgumentException("glueAccess: the exact ARNs of the " + jobs.size() + " jobs and "
                + crawlers.size() + " crawlers the definitions name need " + policies + " managed policies of "
                + AwsLimits.MANAGED_POLICY_LENGTH + " characters, more than " + CrossAccount.MAX_GLUE_ACCESS_ROLES
                + " Glue access roles of " + maxManagedPoliciesPerRole + " managed policies each hold. Tag the "
                + "orchestrated jobs and crawlers and set GlueOrchestratorProps.Builder#glueAccess("
                + "GlueAccess.resourceTag(key, value)) (context glueAccessTag=key=value), or name them with common "
                + "prefixes and set GlueAccess.namePrefixes(...) (context glueAccessPrefixes=a-,b-), or, with IAM's "
                + "quota raised to 20, maxManagedPoliciesPerRole(20); README \"Scale / AWS limits\" says what each "
                + "gives up");
    }

    private static Set<String> inSlice(Set<String> names, NodeType type, int slice, int count) {
        Set<String> inSlice = new LinkedHashSet<>();
        names.stream().filter(name -> GlueAccessSlices.sliceOf(type, name, count) == slice).forEach(inSlice::add);
        return inSlice;
    }

    /**
     * One role per slice, {@code <prefix>-glue-access-<slice>}, with exactly its slice's ARNs, trusted by the function
     * roles only (each by its ARN); the function roles may assume exactly these roles and call Glue with nothing else.
     */
    private void createAccessRoles(List<List<Map<String, List<String>>>> slices, List<IRole> functionRoles,
                                   String functionRoleNamePrefix) {
        for (int slice = 0; slice < slices.size(); slice++) {
            Role role = Role.Builder.create(this, "AccessRole" + slice)
                    .roleName(CrossAccount.glueAccessRoleName(functionRoleNamePrefix, slice))
                    .assumedBy(new CompositePrincipal(functionRoles.toArray(IPrincipal[]::new)))
                    .description("glue-orchestrator: Glue access slice " + slice + " of " + slices.size()
                            + ", the exact jobs and crawlers whose names hash to it; assumed by the function roles")
                    .build();
            attachExact("AccessRole" + slice + "Policy", " of Glue access slice " + slice, slices.get(slice),
                    List.of(role), GlueAccessPolicies::compactArn);
            accessRoles.add(role);
        }
        List<String> roleArns = accessRoles.stream().map(Role::getRoleArn).toList();
        for (IRole role : functionRoles) {
            role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(GlueOrchestrator.ASSUME_ROLE_ACTIONS)
                    .resources(roleArns)
                    .build());
        }
    }

    /** @param arn formats a Glue ARN from the resource type and the name */
    private void attachExact(String id, String ofWhat, List<Map<String, List<String>>> packed, List<IRole> roles,
                             BiFunction<String, String, String> arn) {
        for (int i = 0; i < packed.size(); i++) {
            List<PolicyStatement> statements = new ArrayList<>();
            packed.get(i).forEach((actionsAndType, names) -> {
                String[] parts = actionsAndType.split(" ", 2);
                statements.add(PolicyStatement.Builder.create()
                        .actions(List.of(parts[1].split(",")))
                        .resources(names.stream().map(name -> arn.apply(parts[0], name)).toList())
                        .build());
            });
            managedPolicies.add(ManagedPolicy.Builder.create(this, id + (i + 1))
                    .description("glue-orchestrator: the exact Glue jobs and crawlers the definitions name" + ofWhat
                            + ", part " + (i + 1) + " of " + packed.size())
                    .statements(statements)
                    .roles(roles)
                    .build());
        }
    }

    private static List<Group> groups(List<String> jobActions, Set<String> jobs, Set<String> crawlers) {
        return List.of(new Group(jobActions, "job", List.copyOf(jobs)),
                new Group(GlueOrchestrator.GLUE_CRAWLER_ACTIONS, "crawler", List.copyOf(crawlers)));
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

    /**
     * The ARN as one {@code Fn::Sub} of the pseudo parameters: a third of the template text of the {@code Fn::Join}
     * {@link Stack#formatArn} writes, which matters at a thousand ARNs against CloudFormation's 1 MB template. A
     * {@code ${} in a name is written {@code ${!}}, Fn::Sub's literal.
     */
    private static String compactArn(String resourceType, String name) {
        return Fn.sub("arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:" + resourceType + "/"
                + name.replace("${", "${!"));
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
