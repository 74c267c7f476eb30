package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.contract.EventTriggerInput;
import dev.glueorch.infra.EventTriggerRules.EventTriggerRule;
import dev.glueorch.infra.GlueOrchestrator;
import dev.glueorch.infra.GlueOrchestratorApp;
import dev.glueorch.model.Trigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The test workflows' two EVENT triggers: {@code sales-hourly/sales-partner-file} (S3 "Object Created" on the default
 * bus) and {@code inventory-daily/inventory-export-ready} (a custom event on the existing bus {@code erp-events}).
 */
@Synthesized
class EventTriggerRulesTest {

    private static final String SALES_RULE = "sales-hourly/sales-partner-file";
    private static final String INVENTORY_RULE = "inventory-daily/inventory-export-ready";
    private static final Pattern RULE_NAME = Pattern.compile("glue-orchestrator-event-[0-9a-f]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SynthesizedStack synthesized;
    private final Template template;
    private final GlueOrchestrator orchestrator;

    EventTriggerRulesTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.orchestrator = orchestrator;
    }

    @Test
    void eachEventTrigger_shouldGetExactlyOneRuleWithItsPatternAsItIsOnItsBus() throws IOException {
        // GIVEN the EVENT triggers of the test workflows
        List<Trigger.Event> events = eventTriggers();
        assertThat(events).hasSize(2);

        for (Trigger.Event event : events) {
            // WHEN its rule is looked up by its workflow and trigger
            EventTriggerRule rule = ruleOf(event.workflowName() + "/" + event.name());
            Map<?, ?> properties = propertiesOf(rule);

            // THEN its pattern is the trigger's EventPattern, unchanged, on the trigger's bus or the default one
            JsonNode pattern = JSON.valueToTree(properties.get("EventPattern"));
            assertThat(pattern).isEqualTo(JSON.readTree(event.eventPattern()));
            assertThat(properties.get("EventBusName")).isEqualTo(event.eventBusName());
            assertThat(properties.get("State")).isEqualTo("ENABLED");
        }
        assertThat(ruleOf(INVENTORY_RULE).eventBusName()).isEqualTo("erp-events");
        assertThat(ruleOf(SALES_RULE).eventBusName()).isNull();
        template.resourcePropertiesCountIs("AWS::Events::Rule", Map.of(
                "Name", Match.stringLikeRegexp("glue-orchestrator-event-.*")), 2);
    }

    @Test
    void ruleNames_shouldBeShortDeterministicAndDistinct() {
        // GIVEN / WHEN the rules' names
        List<String> names = orchestrator.getEventTriggerRules().getRules().stream()
                .map(rule -> rule.rule().getName()).toList();

        // THEN each is the prefix and a 12-character hash of workflow and trigger, well within EventBridge's 64
        assertThat(names).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches(RULE_NAME).hasSizeLessThanOrEqualTo(64));
        assertThat(orchestrator.getEventTriggerRules().getRuleNamePrefix()).isEqualTo("glue-orchestrator-event-");
    }

    @Test
    void target_shouldBeTheGlueEventAliasWithTheContractsInputTemplateDeadLetterQueueAndRetries() {
        for (EventTriggerRule rule : orchestrator.getEventTriggerRules().getRules()) {
            // GIVEN the rule of an EVENT trigger
            // WHEN / THEN its only target is the Glue event function's live alias, with the input template the
            // function's parser reads, the rules' dead-letter queue and a day of retries, as the Glue event rules
            template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "Name", rule.rule().getName(),
                    "Targets", List.of(Match.objectEquals(Map.of(
                            "Id", "GlueEvent",
                            "Arn", synthesized.refOf(orchestrator.getGlueEventAlias()),
                            "InputTransformer", Map.of("InputTemplate",
                                    EventTriggerInput.inputTemplate(rule.workflowName(), rule.triggerName())),
                            "DeadLetterConfig", Map.of("Arn",
                                    synthesized.arnOf(orchestrator.getRuleDeadLetterQueue())),
                            "RetryPolicy", Map.of("MaximumRetryAttempts", 185,
                                    "MaximumEventAgeInSeconds", 86_400))))));
        }
    }

    @Test
    void inputTemplate_shouldGiveTheFunctionJsonNamingWorkflowTriggerAndTheWholeEvent() throws IOException {
        // GIVEN the S3 trigger's input template as the template holds it, and a real "Object Created" event
        Capture inputTemplate = new Capture();
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Name", ruleOf(SALES_RULE).rule().getName(),
                "Targets", List.of(Match.objectLike(Map.of(
                        "InputTransformer", Map.of("InputTemplate", inputTemplate))))));
        String event = Files.readString(SynthesizedStack.resource("sample-events/s3-object-created.json"),
                StandardCharsets.UTF_8);

        // WHEN EventBridge fills in the predefined variable with the event as JSON
        String input = inputTemplate.asString().replace("<" + EventTriggerInput.EVENT_VARIABLE + ">", event);

        // THEN the function gets JSON: the envelope, the workflow and trigger of the rule, and the event, detail
        // included
        JsonNode delivered = JSON.readTree(input);
        assertThat(delivered.path(EventTriggerInput.ENVELOPE_FIELD).asText()).isEqualTo(EventTriggerInput.ENVELOPE);
        assertThat(delivered.path(EventTriggerInput.WORKFLOW_FIELD).asText()).isEqualTo("sales-hourly");
        assertThat(delivered.path(EventTriggerInput.TRIGGER_FIELD).asText()).isEqualTo("sales-partner-file");
        assertThat(delivered.path(EventTriggerInput.EVENT_FIELD)).isEqualTo(JSON.readTree(event));
        assertThat(delivered.at("/event/detail/object/key").asText())
                .isEqualTo("sales/dt=2026-11-21/hr=13/part-0001.csv");
    }

    @Test
    void permissions_shouldBeOnePerBusAndCoverEveryRuleAndNoOther() {
        // GIVEN the ARNs of the two rules as EventBridge gives them: a custom bus's rule has the bus in its ARN
        String rules = "arn:aws:events:" + CloudFormationValues.REGION + ":" + CloudFormationValues.ACCOUNT + ":rule/";
        String salesArn = rules + ruleOf(SALES_RULE).rule().getName();
        String inventoryArn = rules + "erp-events/" + ruleOf(INVENTORY_RULE).rule().getName();

        // WHEN the Lambda permissions of the Glue event alias for the EVENT rules are collected
        List<String> sourceArns = new ArrayList<>();
        template.findResources("AWS::Lambda::Permission", Map.of("Properties", Map.of(
                "FunctionName", synthesized.refOf(orchestrator.getGlueEventAlias())))).values().forEach(permission -> {
                    Map<?, ?> properties = (Map<?, ?>) permission.get("Properties");
                    assertThat(properties.get("Principal")).isEqualTo("events.amazonaws.com");
                    assertThat(properties.get("Action")).isEqualTo("lambda:InvokeFunction");
                    sourceArns.add(CloudFormationValues.resolve(properties.get("SourceArn")).toString());
                });

        // THEN one for the default bus, one for erp-events, besides the Glue event rules' one; each rule is covered
        // by exactly one, and neither covers the Glue event rules or another bus's rules
        assertThat(sourceArns).containsExactlyInAnyOrder(rules + "glue-orchestrator-glue-*",
                rules + "glue-orchestrator-event-*", rules + "erp-events/glue-orchestrator-event-*");
        assertThat(sourceArns).filteredOn(pattern -> arnLike(pattern, salesArn)).hasSize(1);
        assertThat(sourceArns).filteredOn(pattern -> arnLike(pattern, inventoryArn)).hasSize(1);
        assertThat(arnLike(rules + "glue-orchestrator-event-*", rules + "glue-orchestrator-glue-j1")).isFalse();
        assertThat(arnLike(rules + "erp-events/glue-orchestrator-event-*",
                rules + "other-bus/" + ruleOf(INVENTORY_RULE).rule().getName())).isFalse();
        template.resourceCountIs("AWS::Lambda::Permission", 5);
    }

    @Test
    void deadLetterQueue_shouldAcceptTheRulesOfEveryBusInOneStatement() {
        // GIVEN the rule name patterns of the default bus and of erp-events
        String rules = "arn:aws:events:" + CloudFormationValues.REGION + ":" + CloudFormationValues.ACCOUNT + ":rule/";
        List<Object> statements = new ArrayList<>();
        template.findResources("AWS::SQS::QueuePolicy", Map.of("Properties", Map.of(
                "Queues", List.of(synthesized.refOf(orchestrator.getRuleDeadLetterQueue()))))).values()
                .forEach(policy -> statements.addAll((List<?>) ((Map<?, ?>) ((Map<?, ?>) policy.get("Properties"))
                        .get("PolicyDocument")).get("Statement")));

        // WHEN the statement of the EVENT rules is picked out of the queue's policy
        List<Object> eventRuleStatements = statements.stream().filter(statement -> String.valueOf(
                CloudFormationValues.resolve(statement)).contains("glue-orchestrator-event-*")).toList();

        // THEN it is one statement: EventBridge may send to the queue from those rules, and nothing else
        assertThat(eventRuleStatements).singleElement().satisfies(statement -> {
            Map<?, ?> resolved = (Map<?, ?>) CloudFormationValues.resolve(statement);
            assertThat(resolved.get("Effect")).isEqualTo("Allow");
            assertThat(resolved.get("Action")).isEqualTo("sqs:SendMessage");
            assertThat(resolved.get("Principal")).isEqualTo(Map.of("Service", "events.amazonaws.com"));
            assertThat(resolved.get("Condition")).isEqualTo(Map.of("ArnLike", Map.of("aws:SourceArn", List.of(
                    rules + "glue-orchestrator-event-*", rules + "erp-events/glue-orchestrator-event-*"))));
        });
    }

    @Test
    void synth_shouldFailNamingCountAndQuotaWhenABusWouldHoldMoreRulesThanTheQuota() {
        // GIVEN an account whose quota of rules per bus is 4, and the test workflows' five rules on the default bus
        // (job events, crawler events, tick, reconciler and the S3 trigger's)
        Map<String, String> context = Map.of("rulesPerBusQuota", "4");

        // WHEN / THEN the synth fails before anything is deployed, saying how many, on which bus, and what to do
        assertThatThrownBy(() -> GlueOrchestratorApp.create(SynthesizedStack.app(
                SynthesizedStack.resource("workflows"), context)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 rules on the event bus 'default' (1 of them for EVENT triggers)")
                .hasMessageContaining("quota is 4 rules per bus")
                .hasMessageContaining("rulesPerBusQuota")
                .hasMessageContaining("EventBusName");
    }

    /** IAM's ArnLike: {@code *} matches any characters, {@code ?} one. */
    static boolean arnLike(String pattern, String arn) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return arn.matches(regex.toString());
    }

    private List<Trigger.Event> eventTriggers() {
        return synthesized.definitions.workflows().values().stream()
                .flatMap(workflow -> workflow.triggers().stream())
                .filter(Trigger.Event.class::isInstance).map(Trigger.Event.class::cast).toList();
    }

    private EventTriggerRule ruleOf(String workflowAndTrigger) {
        return orchestrator.getEventTriggerRules().getRules().stream()
                .filter(rule -> (rule.workflowName() + "/" + rule.triggerName()).equals(workflowAndTrigger))
                .findFirst().orElseThrow();
    }

    private Map<?, ?> propertiesOf(EventTriggerRule rule) {
        Map<?, ?> resources = (Map<?, ?>) template.toJSON().get("Resources");
        return (Map<?, ?>) ((Map<?, ?>) resources.get(synthesized.stack.getLogicalId(rule.rule()))).get("Properties");
    }
}
