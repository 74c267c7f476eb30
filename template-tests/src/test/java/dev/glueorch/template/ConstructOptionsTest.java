package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.infra.GlueOrchestrator;
import dev.glueorch.infra.GlueOrchestratorProps;
import dev.glueorch.model.DefinitionLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.sns.Topic;

/** The construct reused with its options set, on workflows that start jobs but no crawler. */
class ConstructOptionsTest {

    private static Stack stack;
    private static Template template;
    private static GlueOrchestrator orchestrator;
    private static Topic alarmTopic;

    @BeforeAll
    static void synthesize() {
        stack = new Stack(new App(), "ReusedOrchestrator");
        alarmTopic = new Topic(stack, "AlarmTopic");
        orchestrator = new GlueOrchestrator(stack, "Orders", GlueOrchestratorProps.builder()
                .definitions(new DefinitionLoader().load(SynthesizedStack.resource("jobs-only-workflows")))
                .lambdaPackage(SynthesizedStack.dummyLambdaPackage())
                .tableName("orders-orchestrator")
                .eventBusName("orders-events")
                .historyTtlDays(30)
                .memorySize(1024)
                .architecture(Architecture.X86_64)
                .alarmActions(List.of(new SnsAction(alarmTopic)))
                .build());
        template = Template.fromStack(stack);
    }

    @Test
    void crawlerStateRule_shouldBeOmittedWhenNoCrawlerIsStarted() {
        // GIVEN workflows that start two jobs and no crawler
        // WHEN / THEN there is a job rule and the tick, no crawler rule and no crawler permission
        assertThat(orchestrator.getCrawlerStateRule()).isEmpty();
        template.resourceCountIs("AWS::Events::Rule", 2);
        template.resourcePropertiesCountIs("AWS::Events::Rule", Map.of("EventPattern", Map.of(
                "detail-type", List.of("Glue Crawler State Change"))), 0);
        template.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Map.of(
                "detail", Map.of("jobName", List.of("export-orders", "publish-orders")))));
        template.resourcePropertiesCountIs("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", GlueOrchestrator.GLUE_CRAWLER_ACTIONS)))))), 0);
    }

    @Test
    void props_shouldNameTableAndBusAndSizeTheFunctions() {
        // GIVEN the options above
        // WHEN / THEN the table and bus carry the given names, the functions the memory, architecture and TTL
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("TableName", "orders-orchestrator"));
        template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "orders-events"));
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "MemorySize", 1024,
                "Architectures", List.of("x86_64"),
                "Environment", Map.of("Variables", Match.objectLike(Map.of("HISTORY_TTL_DAYS", "30")))), 2);
    }

    @Test
    void deadLetterQueueAlarms_shouldNotifyTheGivenAlarmActions() {
        // GIVEN an SNS topic as alarm action
        Map<String, Object> topic = Map.of("Ref", stack.getLogicalId(
                (CfnElement) alarmTopic.getNode().getDefaultChild()));

        // WHEN / THEN each of the three dead-letter queue alarms notifies it
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "AlarmActions", List.of(topic)), 3);
    }
}
