package dev.glueorch.infra;

import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.model.Definitions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnEventBus;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.EventBusProps;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The cross-account wiring on the orchestrator's bus: its resource policy, the rule of the trusted accounts' "Action
 * Completed" events, a rule per account (split as the pattern length needs) for the Glue job events of the accounts
 * that actions start jobs in through a RoleArn, and a forward rule per fed account.
 *
 * <p>Across accounts, the bus admits "Action Completed" events from the trusted accounts and Glue job events from the
 * accounts that actions start jobs in, each by a resource policy statement conditioned on the events' source and
 * detail-type. A trusted account's "Action Completed" is admitted only from that account's forward role,
 * {@code <trustedFunctionRoleNamePrefix>-forward}, as a rule forwards it: no other principal of the account can put
 * one. The orchestrator's own "Action Completed" events go to each fed account's bus by a rule that matches only
 * events of this account, with the forward role: an event received from another orchestrator is never sent on, so no
 * chain of orchestrators can loop.
 */
public final class CrossAccountEvents extends Construct {

    private final Rule trustedActionCompletedRule;
    private final Map<String, List<Rule>> remoteJobEventRules = new LinkedHashMap<>();
    private final Map<String, Rule> forwardRules = new LinkedHashMap<>();

    /**
     * @param forwardRole  {@code null} when no account is fed; created by the orchestrator, whose fixed name a
     *                     replacement would collide with
     * @param glueTarget   a new target of the Glue event function for each rule
     */
    CrossAccountEvents(Construct scope, String id, EventBus eventBus, Definitions definitions,
                       GlueOrchestratorProps props, Supplier<IRuleTarget> glueTarget, Role forwardRole,
                       IQueue deadLetterQueue) {
        super(scope, id);
        Set<String> remoteActionAccounts = definitions.remoteActionAccounts();
        admitCrossAccountEvents(eventBus, props, remoteActionAccounts);
        this.trustedActionCompletedRule = props.getTrustedAccounts().isEmpty() ? null
                : Rule.Builder.create(this, "TrustedActionCompletedRule")
                .description("\"Action Completed\" events of the orchestrators of the trusted accounts, to the Glue "
                        + "event function (remote conditions)")
                .eventBus(eventBus)
                .eventPattern(EventPattern.builder()
                        .source(List.of(OrchestratorEvent.SOURCE))
                        .detailType(List.of(GlueOrchestrator.ACTION_COMPLETED_DETAIL_TYPE))
                        .account(props.getTrustedAccounts())
                        .build())
                .targets(List.of(glueTarget.get()))
                .build();
        // Rules per account, so that each matches only the jobs started in that account.
        for (String account : remoteActionAccounts) {
            Function<List<Object>, Map<String, Object>> pattern = names -> Map.of(
                    "source", List.of(GlueOrchestrator.GLUE_SOURCE),
                    "detail-type", GlueOrchestrator.REMOTE_JOB_DETAIL_TYPES,
                    "account", List.of(account),
                    "detail", Map.of("jobName", names));
            List<List<Object>> chunks = EventPatternChunks.split(List.copyOf(definitions.remoteJobNames(account)),
                    pattern, props.getEventPatternMaxLength());
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                rules.add(Rule.Builder.create(this, "RemoteJobEventsRule" + account + (i == 0 ? "" : "-" + (i + 1)))
                        .description("Glue job events that account " + account + " forwards for the jobs started "
                                + "there through a RoleArn, to the Glue event function"
                                + (chunks.size() == 1 ? "" : ", part " + (i + 1) + " of " + chunks.size()))
                        .eventBus(eventBus)
                        .eventPattern(EventPattern.builder()
                                .source(List.of(GlueOrchestrator.GLUE_SOURCE))
                                .detailType(GlueOrchestrator.REMOTE_JOB_DETAIL_TYPES)
                                .account(List.of(account))
                                .detail(Map.of("jobName", chunks.get(i)))
                                .build())
                        .targets(List.of(glueTarget.get()))
                        .build());
            }
            remoteJobEventRules.put(account, List.copyOf(rules));
        }
        for (String account : props.getFedAccounts()) {
            forwardRules.put(account, forwardActionCompletedTo(account, eventBus, props, forwardRole,
                    deadLetterQueue));
        }
    }

    /**
     * The bus's resource policy, one statement per account and kind of event, each limited to the events' source and
     * detail-type: another account may put exactly what this orchestrator listens to, nothing else. It is the bus's
     * own {@code Policy}, written with the bus in one step, rather than a resource per statement that
     * CloudFormation would put concurrently.
     *
     * <p>"Action Completed" satisfies conditions here, so a trusted account may put it only through its
     * orchestrator's forward role. The role is named in an {@code aws:PrincipalArn} condition under the account
     * principal, not as the principal: a role principal must exist when the policy is saved (this bus is deployed
     * before the upstream stack that creates the role) and is pinned to the role's unique id, so a re-created role
     * would silently lose the trust.
     */
    private void admitCrossAccountEvents(EventBus eventBus, GlueOrchestratorProps props,
                                         Set<String> remoteActionAccounts) {
        Stack stack = Stack.of(this);
        // Formatted, not the bus's Arn attribute: a resource's property cannot reference the resource itself.
        String busArn = CrossAccount.eventBusArn(stack, stack.getAccount(), stack.getRegion(),
                props.getEventBusName());
        List<PolicyStatement> statements = new ArrayList<>();
        List<Object> measured = new ArrayList<>();
        String longestBusArn = AwsLimits.longestArn("events", "event-bus/" + props.getEventBusName());
        for (String account : props.getTrustedAccounts()) {
            Map<String, Object> conditions = eventsOf(OrchestratorEvent.SOURCE,
                    List.of(GlueOrchestrator.ACTION_COMPLETED_DETAIL_TYPE));
            String forwardRole = CrossAccount.forwardRoleName(props.getTrustedFunctionRoleNamePrefix());
            conditions.put("ArnEquals", Map.of("aws:PrincipalArn", CrossAccount.roleArns(stack, account,
                    List.of(forwardRole)).get(0)));
            // EventBridge sets events:eventBusInvocation to true only when a rule sends the event to a bus in
            // another account, false on a PutEvents call: the forward role's session cannot put one directly.
            conditions.put("Bool", Map.of("events:eventBusInvocation", "true"));
            statements.add(putEventsFrom(busArn, account, "ActionCompletedFrom" + account, conditions));
            Map<String, Object> longest = new TreeMap<>(conditions);
            longest.put("ArnEquals", Map.of("aws:PrincipalArn", "arn:" + AwsLimits.LONGEST_PARTITION + ":iam::"
                    + account + ":role/" + forwardRole));
            measured.add(measuredStatement(longestBusArn, account, "ActionCompletedFrom" + account, longest));
        }
        for (String account : remoteActionAccounts) {
            Map<String, Object> conditions = eventsOf(GlueOrchestrator.GLUE_SOURCE,
                    GlueOrchestrator.REMOTE_JOB_DETAIL_TYPES);
            statements.add(putEventsFrom(busArn, account, "GlueJobEventsFrom" + account, conditions));
            measured.add(measuredStatement(longestBusArn, account, "GlueJobEventsFrom" + account, conditions));
        }
        if (statements.isEmpty()) {
            return;
        }
        int length = AwsLimits.jsonLength(Map.of("Version", "2012-10-17", "Statement", measured));
        if (length > AwsLimits.EVENT_BUS_POLICY_LENGTH) {
            throw new IllegalArgumentException("trustedAccounts and the accounts of the actions' RoleArns: the bus "
                    + "policy admitting their events would be " + length + " characters, over EventBridge's "
                    + AwsLimits.EVENT_BUS_POLICY_LENGTH + " (" + props.getTrustedAccounts().size() + " trusted, "
                    + remoteActionAccounts.size() + " remote accounts); trust fewer accounts per orchestrator, or "
                    + "split the workflows across orchestrators");
        }
        ((CfnEventBus) eventBus.getNode().getDefaultChild()).setPolicy(PolicyDocument.Builder.create()
                .statements(statements)
                .build());
    }

    private static Map<String, Object> measuredStatement(String busArn, String account, String sid,
                                                         Map<String, Object> conditions) {
        return Map.of("Sid", sid, "Effect", "Allow",
                "Principal", Map.of("AWS", "arn:" + AwsLimits.LONGEST_PARTITION + ":iam::" + account + ":root"),
                "Action", "events:PutEvents", "Resource", busArn, "Condition", conditions);
    }

    /** EventBridge's own condition keys for the events a PutEvents call carries: their source and detail-type. */
    private static Map<String, Object> eventsOf(String source, List<String> detailTypes) {
        Map<String, Object> conditions = new TreeMap<>();
        conditions.put("StringEquals", new TreeMap<>(Map.of(
                "events:source", source,
                "events:detail-type", detailTypes)));
        return conditions;
    }

    private static PolicyStatement putEventsFrom(String busArn, String account, String sid,
                                                 Map<String, Object> conditions) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .principals(List.of(new AccountPrincipal(account)))
                .actions(List.of("events:PutEvents"))
                .resources(List.of(busArn))
                .conditions(conditions)
                .build();
    }

    /**
     * The pattern's {@code account} is this stack's: events this orchestrator received from another account keep
     * that account, so they are never forwarded, and A → B → A cannot loop whatever the fed accounts say.
     */
    private Rule forwardActionCompletedTo(String account, EventBus eventBus, GlueOrchestratorProps props,
                                          Role forwardRole, IQueue deadLetterQueue) {
        Stack stack = Stack.of(this);
        String region = props.getFedRegion() == null ? stack.getRegion() : props.getFedRegion();
        IEventBus fedBus = EventBus.fromEventBusArn(this, "FedEventBus" + account,
                CrossAccount.eventBusArn(stack, account, region, props.getFedEventBusName()));
        return Rule.Builder.create(this, "ForwardActionCompletedRule" + account)
                .description("This orchestrator's own \"Action Completed\" events to the orchestrator of account "
                        + account)
                .eventBus(eventBus)
                .eventPattern(EventPattern.builder()
                        .source(List.of(OrchestratorEvent.SOURCE))
                        .detailType(List.of(GlueOrchestrator.ACTION_COMPLETED_DETAIL_TYPE))
                        .account(List.of(stack.getAccount()))
                        .build())
                .targets(List.of(new software.amazon.awscdk.services.events.targets.EventBus(fedBus,
                        EventBusProps.builder()
                                .role(forwardRole)
                                .deadLetterQueue(deadLetterQueue)
                                .build())))
                .build();
    }

    /** Empty when no account is trusted. */
    public java.util.Optional<Rule> getTrustedActionCompletedRule() {
        return java.util.Optional.ofNullable(trustedActionCompletedRule);
    }

    /** The rules of each remote account's Glue job events, in order (one unless the names need more). */
    public Map<String, List<Rule>> getRemoteJobEventRules() {
        return Map.copyOf(remoteJobEventRules);
    }

    /** The rule that sends this orchestrator's "Action Completed" events to each fed account. */
    public Map<String, Rule> getForwardRules() {
        return Map.copyOf(forwardRules);
    }
}
