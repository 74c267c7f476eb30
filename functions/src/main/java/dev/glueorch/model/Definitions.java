package dev.glueorch.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A validated, immutable set of workflow definitions. {@link #version()} is a digest of their JSON, so the same
 * files always give the same version and a run can keep the version it started with.
 */
public final class Definitions {

    /** Characters of every {@link #version()}: the size of a stored definition does not depend on its version. */
    public static final int VERSION_LENGTH = 16;

    private final Map<String, WorkflowDefinition> workflows;
    private final String version;
    private final Map<String, List<Trigger.Conditional>> listenersByNode;
    private final Set<String> remoteActionAccounts;
    private final Set<String> jobNames;

    private Definitions(Map<String, WorkflowDefinition> workflows, String version) {
        this.workflows = workflows;
        this.version = version;
        Map<String, List<Trigger.Conditional>> listeners = new LinkedHashMap<>();
        for (WorkflowDefinition definition : workflows.values()) {
            for (Trigger trigger : definition.triggers()) {
                if (trigger instanceof Trigger.Conditional conditional) {
                    for (Condition condition : conditional.predicate().conditions()) {
                        if (condition.isRemote()) {
                            continue;
                        }
                        List<Trigger.Conditional> list = listeners.computeIfAbsent(
                                key(condition.type(), condition.name()), k -> new ArrayList<>());
                        if (!list.contains(conditional)) {
                            list.add(conditional);
                        }
                    }
                }
            }
        }
        this.listenersByNode = listeners;
        Set<String> accounts = new TreeSet<>();
        remoteJobActions().forEach(a -> accounts.add(a.account()));
        this.remoteActionAccounts = java.util.Collections.unmodifiableSet(accounts);
        this.jobNames = java.util.Collections.unmodifiableSet(nodeNames(NodeType.JOB));
    }

    /** Builds the set from already validated workflows; the version is derived from their JSON text. */
    public static Definitions of(Collection<WorkflowDefinition> definitions) {
        Map<String, WorkflowDefinition> byName = new LinkedHashMap<>();
        definitions.stream().sorted(java.util.Comparator.comparing(WorkflowDefinition::name))
                .forEach(d -> byName.put(d.name(), d));
        return new Definitions(byName, digest(byName));
    }

    public String version() {
        return version;
    }

    public Map<String, WorkflowDefinition> workflows() {
        return workflows;
    }

    public Optional<WorkflowDefinition> workflow(String name) {
        return Optional.ofNullable(workflows.get(name));
    }

    /** The CONDITIONAL triggers, across all workflows, with a condition on this job or crawler. */
    public List<Trigger.Conditional> listenersOf(NodeType type, String name) {
        return listenersByNode.getOrDefault(key(type, name), List.of());
    }

    /** Every SCHEDULED trigger of every workflow. */
    public List<Trigger.Scheduled> scheduledTriggers() {
        List<Trigger.Scheduled> scheduled = new ArrayList<>();
        for (WorkflowDefinition definition : workflows.values()) {
            for (Trigger trigger : definition.triggers()) {
                if (trigger instanceof Trigger.Scheduled s) {
                    scheduled.add(s);
                }
            }
        }
        return scheduled;
    }

    /**
     * Names of this account's jobs that actions start, sorted: what IAM and event rules are scoped to (jobs started
     * through a RoleArn run in another account and are not among them); computed once, as every job state event
     * asks whether its job is one of them.
     */
    public Set<String> jobNames() {
        return jobNames;
    }

    /** The accounts whose orchestrators remote conditions listen to, sorted. */
    public Set<String> upstreamAccounts() {
        Set<String> accounts = new TreeSet<>();
        conditionalTriggers().forEach(t -> t.predicate().conditions().stream().filter(Condition::isRemote)
                .forEach(c -> accounts.add(c.account())));
        return accounts;
    }

    /** The RoleArns that actions start jobs through, sorted. */
    public Set<String> remoteRoleArns() {
        Set<String> roles = new TreeSet<>();
        remoteJobActions().forEach(a -> roles.add(a.roleArn()));
        return roles;
    }

    /**
     * The accounts that actions start jobs in through a RoleArn, sorted; computed once, as every job state event
     * asks for it.
     */
    public Set<String> remoteActionAccounts() {
        return remoteActionAccounts;
    }

    /** Names of the jobs started through a RoleArn in {@code account}, sorted. */
    public Set<String> remoteJobNames(String account) {
        Set<String> names = new TreeSet<>();
        remoteJobActions().filter(a -> a.account().equals(account)).forEach(a -> names.add(a.jobName()));
        return names;
    }

    /** The CONDITIONAL triggers with a remote condition that a completion in {@code account} of the node meets. */
    public List<Trigger.Conditional> remoteListenersOf(String account, String region, NodeType type, String name) {
        return conditionalTriggers().filter(t -> t.predicate().conditions().stream()
                .anyMatch(c -> c.isRemote() && c.account().equals(account)
                        && (c.region() == null || c.region().equals(region))
                        && c.type() == type && c.name().equals(name))).toList();
    }

    private java.util.stream.Stream<Trigger.Conditional> conditionalTriggers() {
        return workflows.values().stream().flatMap(w -> w.triggers().stream())
                .filter(Trigger.Conditional.class::isInstance).map(Trigger.Conditional.class::cast);
    }

    private java.util.stream.Stream<Action.JobAction> remoteJobActions() {
        return workflows.values().stream().flatMap(w -> w.triggers().stream()).flatMap(t -> t.actions().stream())
                .filter(a -> a instanceof Action.JobAction job && job.roleArn() != null)
                .map(Action.JobAction.class::cast);
    }

    /** Names of the crawlers that actions start or conditions watch, sorted. */
    public Set<String> crawlerNames() {
        return nodeNames(NodeType.CRAWLER);
    }

    private Set<String> nodeNames(NodeType type) {
        Set<String> names = new TreeSet<>();
        for (WorkflowDefinition definition : workflows.values()) {
            for (Trigger trigger : definition.triggers()) {
                trigger.actions().stream().filter(a -> a.type() == type)
                        .filter(a -> !(a instanceof Action.JobAction job) || job.roleArn() == null)
                        .forEach(a -> names.add(a.name()));
            }
        }
        return names;
    }

    private static String key(NodeType type, String name) {
        return type + ":" + name;
    }

    private static String digest(Map<String, WorkflowDefinition> workflows) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (WorkflowDefinition definition : workflows.values()) {
                sha.update(definition.name().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(definition.json().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, VERSION_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
