package dev.glueorch.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.contract.EventTriggerInput;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One EventBridge rule per EVENT trigger of the definitions: the trigger's {@code EventPattern} as it is, on its
 * {@code EventBusName} (an existing bus, imported by name; the orchestrator's own bus when it names that one) or the
 * default bus, targeting the Glue event function's live alias with {@link EventTriggerInput#inputTemplate}, so the
 * function learns which trigger matched without matching the pattern again, and with the dead-letter queue and
 * retries of the Glue event rules ({@link GlueEventTarget}).
 *
 * <p>The rules are named {@code <functionRoleNamePrefix>-event-<hash>}, the hash of the workflow and trigger names:
 * a Glue name has up to 255 characters, a rule name 64, and a hash keeps a rule's name (CloudFormation replaces a rule
 * whose name changes) when other triggers are added or removed, which an index would not. One Lambda permission and
 * one dead-letter queue condition value per bus, on {@code rule/<prefix>-event-*} (default bus) or
 * {@code rule/<bus>/<prefix>-event-*} (a rule on another bus has the bus's name in its ARN), cover every rule: a
 * permission per rule would outgrow the function's 20 KB resource policy, about fifty of them.
 */
public final class EventTriggerRules extends Construct {

    /** The rules' names: {@code <functionRoleNamePrefix>-event-<hash>}. */
    static final String RULE_NAME_INFIX = "-event-";
    /** 48 bits: a clash among a thousand triggers has odds of about one in 500 million, and fails the synth. */
    static final int HASH_LENGTH = 12;
    /** The shortest hash a long prefix leaves room for (a 50-character prefix leaves 7). */
    static final int MIN_HASH_LENGTH = 7;
    /**
     * Half the function's 20 KB resource policy, for the permissions of the EVENT rules' buses; the other half holds
     * the Glue event rules' one and the cross-account rules' few.
     */
    static final int PERMISSIONS_BUDGET = AwsLimits.FUNCTION_POLICY_LENGTH / 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The rule of one EVENT trigger, and the bus it is on ({@code null}: the default bus). */
    public record EventTriggerRule(String workflowName, String triggerName, String eventBusName, CfnRule rule) {
    }

    private final List<EventTriggerRule> rules = new ArrayList<>();
    private final String ruleNamePrefix;
    private final Map<String, String> sourceArnPatterns = new LinkedHashMap<>();

    /**
     * @param ownBus     the orchestrator's bus: a trigger naming it gets a rule on it (and waits for it), not an import
     * @param ownBusName its name as the props give it (the bus's own attribute is a token until deployed)
     * @throws IllegalArgumentException when a rule's input template is over EventBridge's 8,192 characters, two
     *                                  triggers' names hash alike, or the buses' permissions would outgrow their part
     *                                  of the function's resource policy
     */
    EventTriggerRules(Construct scope, String id, Definitions definitions, Alias glueEventAlias, Queue deadLetterQueue,
                      EventBus ownBus, String ownBusName, String functionRoleNamePrefix) {
        super(scope, id);
        this.ruleNamePrefix = functionRoleNamePrefix + RULE_NAME_INFIX;
        int hashLength = Math.min(HASH_LENGTH, AwsLimits.RULE_NAME_LENGTH - ruleNamePrefix.length());
        if (hashLength < MIN_HASH_LENGTH) {
            throw new IllegalArgumentException("functionRoleNamePrefix: '" + functionRoleNamePrefix + "' leaves "
                    + hashLength + " characters of EventBridge's 64 for the EVENT triggers' rule names "
                    + ruleNamePrefix + "<hash>; give a prefix of at most "
                    + (AwsLimits.RULE_NAME_LENGTH - RULE_NAME_INFIX.length() - MIN_HASH_LENGTH) + " characters");
        }
        Map<String, String> triggerOfName = new LinkedHashMap<>();
        Map<String, IEventBus> buses = new LinkedHashMap<>();
        for (WorkflowDefinition workflow : definitions.workflows().values()) {
            for (Trigger trigger : workflow.triggers()) {
                if (!(trigger instanceof Trigger.Event event)) {
                    continue;
                }
                String workflowName = workflow.workflow().name();
                String hash = hash(workflowName + "\u0000" + event.name()).substring(0, hashLength);
                String clash = triggerOfName.put(hash, workflowName + "/" + event.name());
                if (clash != null) {
                    throw new IllegalArgumentException("EVENT triggers " + clash + " and " + workflowName + "/"
                            + event.name() + " get the same rule name " + ruleNamePrefix + hash + "; rename one of "
                            + "them (or give a shorter functionRoleNamePrefix, for a longer hash)");
                }
                String busName = defaultBusAsNull(event.eventBusName());
                IEventBus bus = busName == null ? null : buses.computeIfAbsent(busName, name ->
                        name.equals(ownBusName) ? ownBus
                                : EventBus.fromEventBusName(this, "Bus" + hash(name).substring(0, HASH_LENGTH), name));
                rules.add(new EventTriggerRule(workflowName, event.name(), busName,
                        rule(hash, workflowName, event, bus, glueEventAlias, deadLetterQueue)));
            }
        }
        if (rules.isEmpty()) {
            return;
        }
        if (rules.stream().anyMatch(rule -> rule.eventBusName() == null)) {
            sourceArnPatterns.put(null, rulesArn(ruleNamePrefix + "*"));
        }
        buses.keySet().forEach(bus -> sourceArnPatterns.put(bus, rulesArn(bus + "/" + ruleNamePrefix + "*")));
        requirePermissionsFit();
        sourceArnPatterns.forEach((bus, pattern) -> glueEventAlias.addPermission(bus == null
                ? "EventTriggerRules" : "EventTriggerRules" + hash(bus).substring(0, HASH_LENGTH), Permission.builder()
                .principal(new ServicePrincipal("events.amazonaws.com"))
                .action("lambda:InvokeFunction")
                .sourceArn(pattern)
                .build()));
        // One statement whatever the number of buses: a queue policy allows 20 statements, and others use them.
        deadLetterQueue.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deadLetterQueue.getQueueArn()))
                .conditions(Map.of("ArnLike", Map.of("aws:SourceArn", sourceArnPatterns.size() == 1
                        ? sourceArnPatterns.values().iterator().next() : List.copyOf(sourceArnPatterns.values()))))
                .build());
    }

    private CfnRule rule(String hash, String workflowName, Trigger.Event event, IEventBus bus, Alias alias,
                         Queue deadLetterQueue) {
        String inputTemplate = EventTriggerInput.inputTemplate(workflowName, event.name());
        if (inputTemplate.length() > AwsLimits.INPUT_TEMPLATE_LENGTH) {
            throw new IllegalArgumentException("EVENT trigger " + workflowName + "/" + event.name() + ": its rule's "
                    + "input template is " + inputTemplate.length() + " characters, EventBridge allows "
                    + AwsLimits.INPUT_TEMPLATE_LENGTH + "; shorten the workflow or trigger name");
        }
        String description = "glue-orchestrator EVENT trigger " + event.name() + " of workflow " + workflowName;
        return CfnRule.Builder.create(this, "Rule" + hash)
                .name(ruleNamePrefix + hash)
                .description(description.length() <= 512 ? description : description.substring(0, 509) + "...")
                .eventBusName(bus == null ? null : bus.getEventBusName())
                .eventPattern(pattern(event))
                .state("ENABLED")
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id("GlueEvent")
                        .arn(alias.getFunctionArn())
                        .inputTransformer(CfnRule.InputTransformerProperty.builder()
                                .inputTemplate(inputTemplate)
                                .build())
                        .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder()
                                .arn(deadLetterQueue.getQueueArn())
                                .build())
                        .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(GlueEventTarget.RETRY_ATTEMPTS)
                                .maximumEventAgeInSeconds(GlueEventTarget.MAX_EVENT_AGE.toSeconds().intValue())
                                .build())
                        .build()))
                .build();
    }

    /** The validated pattern as a JSON object, keys in the user's order; CloudFormation passes it on as it is. */
    private static Map<String, Object> pattern(Trigger.Event event) {
        try {
            return JSON.readValue(event.eventPattern(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the validator accepted only JSON objects as EventPattern", e);
        }
    }

    /** EventBridge names the default bus "default" too; its rules' ARNs have no bus name. */
    private static String defaultBusAsNull(String busName) {
        return busName == null || busName.equals("default") ? null : busName;
    }

    private String rulesArn(String resourceName) {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("events")
                .resource("rule")
                .resourceName(resourceName)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    /** Each permission as Lambda writes it into the policy, with every ARN at its longest. */
    private void requirePermissionsFit() {
        String function = AwsLimits.longestArn("lambda", "function:" + "f".repeat(64) + ":"
                + OrchestratorFunction.ALIAS_NAME);
        int length = 0;
        for (String bus : sourceArnPatterns.keySet()) {
            String rules = AwsLimits.longestArn("events", "rule/" + (bus == null ? "" : bus + "/") + ruleNamePrefix
                    + "*");
            length += AwsLimits.jsonLength(Map.of(
                    "Sid", "x".repeat(100),
                    "Effect", "Allow",
                    "Principal", Map.of("Service", "events.amazonaws.com"),
                    "Action", "lambda:InvokeFunction",
                    "Resource", function,
                    "Condition", Map.of("ArnLike", Map.of("AWS:SourceArn", rules)))) + 1;
        }
        if (length > PERMISSIONS_BUDGET) {
            throw new IllegalArgumentException("EVENT triggers: their rules are on " + sourceArnPatterns.size()
                    + " event buses, and the Glue event function needs a permission for each: " + length
                    + " characters of its 20 KB resource policy, more than the " + PERMISSIONS_BUDGET + " the "
                    + "stack allows them; send the events to fewer buses (EventBusName), for example with rules that "
                    + "forward them to one bus");
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The rules, one per EVENT trigger, in the definitions' order; empty when there is no EVENT trigger. */
    public List<EventTriggerRule> getRules() {
        return List.copyOf(rules);
    }

    /** {@code <functionRoleNamePrefix>-event-}: every rule here is named with it. */
    public String getRuleNamePrefix() {
        return ruleNamePrefix;
    }
}
