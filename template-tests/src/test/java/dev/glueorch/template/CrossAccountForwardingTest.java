package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.infra.GlueOrchestrator;
import dev.glueorch.infra.GlueOrchestratorProps;
import dev.glueorch.model.DefinitionLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;

/** The sending side: this orchestrator's own "Action Completed" events to the fed accounts' buses, never others'. */
@Synthesized(TestApp.CROSS_ACCOUNT)
class CrossAccountForwardingTest {

    private static final String PRODUCER = "111111111111";
    private static final String CONSUMER = "222222222222";
    private static final String REGION = "eu-west-1";

    /** A (the producer) and B (the consumer), each trusting and feeding the other, with the default prefixes. */
    private static Stack producer;
    private static Stack consumer;
    private static Template producerTemplate;
    private static Template consumerTemplate;

    private final SynthesizedStack synthesized;
    private final Template template;
    private final GlueOrchestrator orchestrator;

    @BeforeAll
    static void synthesizeProducerAndConsumer() {
        App app = new App();
        producer = orchestratorStack(app, "Producer", PRODUCER, "cross-account/producer", CONSUMER);
        consumer = orchestratorStack(app, "Consumer", CONSUMER, "cross-account/consumer", PRODUCER);
        producerTemplate = Template.fromStack(producer);
        consumerTemplate = Template.fromStack(consumer);
    }

    CrossAccountForwardingTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.orchestrator = orchestrator;
    }

    @Test
    void forwardRule_shouldMatchOnlyOwnAccountEvents() {
        // GIVEN the fed account
        // WHEN / THEN a rule on the orchestrator's bus matches "Action Completed" events whose account is this
        // stack's own, so what other orchestrators sent here is never sent on
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", synthesized.refOf(orchestrator.getEventBus()),
                "EventPattern", Match.objectEquals(Map.of(
                        "source", List.of("glue-orchestrator"),
                        "detail-type", List.of("Action Completed"),
                        "account", List.of(Map.of("Ref", "AWS::AccountId"))))));
        assertThat(orchestrator.getForwardRules()).containsOnlyKeys(SynthesizedStack.FED_ACCOUNT);
    }

    @Test
    void forwardRule_shouldTargetTheFedBusWithItsOwnRoleAndTheRuleDeadLetterQueue() {
        // GIVEN the fed account's orchestrator bus: same Region, same bus name
        Role role = orchestrator.getForwardRole().orElseThrow();

        // WHEN / THEN the forward rule's one target is that bus, put to with the forward role, dead-lettered
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Match.objectLike(Map.of("account", List.of(Map.of("Ref", "AWS::AccountId")))),
                "Targets", List.of(Match.objectEquals(Map.of(
                        "Id", "Target0",
                        "Arn", fedBusArn(),
                        "RoleArn", synthesized.arnOf(role),
                        "DeadLetterConfig", Map.of("Arn",
                                synthesized.arnOf(orchestrator.getRuleDeadLetterQueue())))))));
    }

    @Test
    void forwardRole_shouldBeAssumedByEventBridgeAndPutEventsOnlyOnTheFedBus() {
        // GIVEN the forward role
        Role role = orchestrator.getForwardRole().orElseThrow();

        // WHEN / THEN only EventBridge assumes it, and its one statement allows PutEvents on the fed bus alone
        assertThat(template.findResources("AWS::IAM::Role", Map.of("Properties", Map.of(
                "AssumeRolePolicyDocument", SynthesizedStack.ASSUMED_BY_EVENTBRIDGE_ONLY)))).containsOnlyKeys(
                synthesized.logicalId(role));
        assertThat(SynthesizedStack.policyStatementsOf(template, synthesized.refOf(role))).isEqualTo(List.of(Map.of(
                "Action", "events:PutEvents",
                "Effect", "Allow",
                "Resource", fedBusArn())));
    }

    @Test
    void forwardRole_shouldHaveTheFixedNameTheFedAccountsBusTrusts() {
        // GIVEN the default functionRoleNamePrefix
        // WHEN the role EventBridge assumes is looked up by its fixed name
        Map<String, Map<String, Object>> named = template.findResources("AWS::IAM::Role", Map.of("Properties", Map.of(
                "RoleName", "glue-orchestrator-forward",
                "AssumeRolePolicyDocument", SynthesizedStack.ASSUMED_BY_EVENTBRIDGE_ONLY)));

        // THEN it is the one the forward rule puts on the fed bus with
        assertThat(named).hasSize(1);
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Match.objectLike(Map.of("account", List.of(Map.of("Ref", "AWS::AccountId")))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", fedBusArn(),
                        "RoleArn", Map.of("Fn::GetAtt", List.of(named.keySet().iterator().next(), "Arn")))))));
    }

    @Test
    void consumerBus_shouldAdmitActionCompletedOnlyFromTheRoleTheProducerForwardsWith() {
        // GIVEN the producer feeding the consumer, and the consumer trusting the producer, both with the defaults
        // WHEN the producer's forward role name and the principal the consumer's bus admits are captured
        Capture roleName = new Capture();
        producerTemplate.hasResourceProperties("AWS::IAM::Role", Map.of(
                "RoleName", roleName,
                "AssumeRolePolicyDocument", SynthesizedStack.ASSUMED_BY_EVENTBRIDGE_ONLY));
        Capture principalArn = new Capture();
        consumerTemplate.hasResourceProperties("AWS::Events::EventBus", Map.of("Policy", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "ActionCompletedFrom" + PRODUCER,
                        "Condition", Match.objectLike(Map.of(
                                "ArnEquals", Map.of("aws:PrincipalArn", principalArn)))))))))));

        // THEN the consumer admits exactly the producer's forward role: no other principal of that account
        assertThat(principalArn.asObject()).isEqualTo(SynthesizedStack.resolvedArn(consumer, ArnComponents.builder()
                .service("iam").region("").account(PRODUCER).resource("role").resourceName(roleName.asString())
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build()));
    }

    @Test
    void trustedFunctionRoleNamePrefix_shouldNameTheForwardRoleOfAProducerWithItsOwnPrefix() {
        // GIVEN a producer with functionRoleNamePrefix "orders", and a consumer told so
        App app = new App();
        Stack ordersProducer = orchestratorStack(app, "Producer", PRODUCER, props("cross-account/producer")
                .fedAccounts(List.of(CONSUMER))
                .functionRoleNamePrefix("orders"));
        Stack ordersConsumer = orchestratorStack(app, "Consumer", CONSUMER, props("cross-account/consumer")
                .trustedAccounts(List.of(PRODUCER))
                .trustedFunctionRoleNamePrefix("orders"));

        // WHEN both templates are synthesized
        Template ordersProducerTemplate = Template.fromStack(ordersProducer);
        Template ordersConsumerTemplate = Template.fromStack(ordersConsumer);

        // THEN the producer forwards with orders-forward, and the consumer's bus admits that role and no other
        ordersProducerTemplate.hasResourceProperties("AWS::IAM::Role", Map.of(
                "RoleName", "orders-forward",
                "AssumeRolePolicyDocument", SynthesizedStack.ASSUMED_BY_EVENTBRIDGE_ONLY));
        Object ordersForward = SynthesizedStack.resolvedArn(ordersConsumer, ArnComponents.builder()
                .service("iam").region("").account(PRODUCER).resource("role").resourceName("orders-forward")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        ordersConsumerTemplate.hasResourceProperties("AWS::Events::EventBus", Map.of("Policy", Match.objectLike(
                Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "ActionCompletedFrom" + PRODUCER,
                        "Condition", Match.objectLike(Map.of(
                                "ArnEquals", Map.of("aws:PrincipalArn", ordersForward)))))))))));
    }

    @Test
    void ruleDeadLetterQueue_shouldAcceptTheForwardRulesUndeliveredEvents() {
        // GIVEN the forward rule
        Object ruleArn = synthesized.arnOf(orchestrator.getForwardRules().get(SynthesizedStack.FED_ACCOUNT));

        // WHEN / THEN EventBridge may send that rule's undelivered events to the rule dead-letter queue
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(synthesized.refOf(orchestrator.getRuleDeadLetterQueue())),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", "sqs:SendMessage",
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", ruleArn))))))))));
    }

    @Test
    void forwardRules_shouldMakeALoopBetweenTwoOrchestratorsFeedingEachOtherImpossible() {
        // GIVEN A (the producer) and B (the consumer), each trusting and feeding the other
        // WHEN an "Action Completed" event of A reaches B's bus (its account stays A), and one of B reaches A's
        List<Object> consumerTargets = targetsMatching(consumerTemplate, actionCompletedFrom(PRODUCER));
        List<Object> producerTargets = targetsMatching(producerTemplate, actionCompletedFrom(CONSUMER));

        // THEN each goes to the receiver's Glue event function only, never on to a bus: no rule can send it back
        assertThat(consumerTargets).containsExactly(glueEventAlias(consumer));
        assertThat(producerTargets).containsExactly(glueEventAlias(producer));
        // ... while each orchestrator's own events do go to the other's bus (the forward rules work)
        assertThat(targetsMatching(producerTemplate, actionCompletedFrom(PRODUCER)))
                .containsExactly(busArn(producer, CONSUMER));
        assertThat(targetsMatching(consumerTemplate, actionCompletedFrom(CONSUMER)))
                .containsExactly(busArn(consumer, PRODUCER));
    }

    /** An orchestrator of {@code workflows} in {@code account} that trusts and feeds {@code other}. */
    private static Stack orchestratorStack(App app, String id, String account, String workflows, String other) {
        return orchestratorStack(app, id, account, props(workflows)
                .trustedAccounts(List.of(other))
                .fedAccounts(List.of(other)));
    }

    private static Stack orchestratorStack(App app, String id, String account, GlueOrchestratorProps.Builder props) {
        Stack stack = new Stack(app, id, StackProps.builder()
                .env(Environment.builder().account(account).region(REGION).build())
                .build());
        new GlueOrchestrator(stack, "Orchestrator", props.build());
        return stack;
    }

    private static GlueOrchestratorProps.Builder props(String workflows) {
        return GlueOrchestratorProps.builder()
                .definitions(new DefinitionLoader().load(SynthesizedStack.resource(workflows)))
                .lambdaPackage(SynthesizedStack.dummyLambdaPackage());
    }

    private static Map<String, String> actionCompletedFrom(String account) {
        return Map.of("source", "glue-orchestrator", "detail-type", "Action Completed", "account", account);
    }

    /**
     * The targets of the rules on the orchestrator's bus that match {@code event}. A pattern field this check does
     * not model ({@code detail}) counts as matching, so the answer can only be too large, never too small.
     */
    private static List<Object> targetsMatching(Template template, Map<String, String> event) {
        List<Object> targets = new ArrayList<>();
        template.findResources("AWS::Events::Rule").values().forEach(rule -> {
            Map<String, Object> properties = SynthesizedStack.asMap(rule.get("Properties"));
            Object pattern = properties.get("EventPattern");
            if (properties.containsKey("EventBusName") && pattern != null
                    && matches(SynthesizedStack.asMap(pattern), event)) {
                SynthesizedStack.asList(properties.get("Targets"))
                        .forEach(target -> targets.add(SynthesizedStack.asMap(target).get("Arn")));
            }
        });
        return targets;
    }

    private static boolean matches(Map<String, Object> pattern, Map<String, String> event) {
        return pattern.entrySet().stream().allMatch(field -> !event.containsKey(field.getKey())
                || SynthesizedStack.asList(field.getValue()).contains(event.get(field.getKey())));
    }

    private static Object glueEventAlias(Stack stack) {
        GlueOrchestrator orchestrator = (GlueOrchestrator) stack.getNode().findChild("Orchestrator");
        return SynthesizedStack.refOf(stack, orchestrator.getGlueEventAlias());
    }

    private Object fedBusArn() {
        return busArn(synthesized.stack, SynthesizedStack.FED_ACCOUNT);
    }

    private static Object busArn(Stack stack, String account) {
        return SynthesizedStack.resolvedArn(stack, ArnComponents.builder()
                .service("events").account(account).resource("event-bus").resourceName("glue-orchestrator")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }
}
