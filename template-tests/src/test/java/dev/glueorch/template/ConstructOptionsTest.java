package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.IConstruct;

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
                .reconcileIntervalMinutes(15)
                .notificationEmails(List.of("ops@example.com", "data-team@example.org"))
                .functionRoleNamePrefix("orders")
                .build());
        template = Template.fromStack(stack);
    }

    @Test
    void crawlerStateRule_shouldBeOmittedWhenNoCrawlerIsStarted() {
        // GIVEN workflows that start two jobs and no crawler
        // WHEN / THEN there are the job events rule (state changes and run delays), the tick, the reconciler and the
        // notification rule, no crawler rule and no crawler permission
        assertThat(orchestrator.getCrawlerStateRule()).isEmpty();
        assertThat(orchestrator.getGlueEventRules().getCrawlerEventRules()).isEmpty();
        template.resourceCountIs("AWS::Events::Rule", 4);
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
                "Environment", Map.of("Variables", Match.objectLike(Map.of("HISTORY_TTL_DAYS", "30")))), 5);
    }

    @Test
    void functionRoleNamePrefix_shouldNameTheFourFunctionRoles() {
        // GIVEN functionRoleNamePrefix("orders")
        // WHEN / THEN each function's role has the name a remote account's role trusts
        assertThat(List.of(orchestrator.getGlueEventFunction(), orchestrator.getScheduleTickFunction(),
                orchestrator.getReconcileFunction(), orchestrator.getOperationsFunction()).stream().map(function ->
                stack.resolve(((CfnRole) function.getRole().getNode().getDefaultChild()).getRoleName())))
                .containsExactly("orders-glue-event", "orders-schedule-tick", "orders-reconcile", "orders-operations");
    }

    @Test
    void deadLetterQueueAlarms_shouldNotifyTheGivenAlarmActions() {
        // GIVEN an SNS topic as alarm action
        Map<String, Object> topic = Map.of("Ref", stack.getLogicalId(
                (CfnElement) alarmTopic.getNode().getDefaultChild()));

        // WHEN / THEN each of the five dead-letter queue alarms (the start queue's included) notifies it
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "AlarmActions", List.of(topic)), 5);
    }

    @Test
    void reconcileIntervalMinutes_shouldSetTheReconcileRuleRate() {
        // GIVEN reconcileIntervalMinutes(15)
        // WHEN / THEN the reconciler's rule runs every fifteen minutes
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(15 minutes)",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", logicalId(orchestrator.getReconcileAlias())))))));
        template.resourcePropertiesCountIs("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(5 minutes)"), 0);
    }

    @Test
    void reconcileIntervalMinutes_shouldBeRefusedOutsideOneToSixty() {
        for (int minutes : new int[] {0, 61}) {
            // GIVEN an interval outside 1..60
            GlueOrchestratorProps.Builder builder = validProps().reconcileIntervalMinutes(minutes);

            // WHEN / THEN the props refuse it, naming the option and the value
            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reconcileIntervalMinutes must be at")
                    .hasMessageContaining("was " + minutes);
        }
    }

    @Test
    void notificationEmails_shouldEachBecomeAnEmailSubscriptionOfTheTopic() {
        // GIVEN two notification e-mail addresses
        Map<String, Object> topic = Map.of("Ref", logicalId(orchestrator.getNotificationTopic()));

        // WHEN / THEN the notification topic has exactly two e-mail subscriptions, one per address
        template.resourceCountIs("AWS::SNS::Subscription", 2);
        for (String email : List.of("ops@example.com", "data-team@example.org")) {
            template.hasResourceProperties("AWS::SNS::Subscription", Match.objectEquals(Map.of(
                    "Protocol", "email",
                    "Endpoint", email,
                    "TopicArn", topic)));
        }
    }

    @Test
    void notificationEmails_shouldRefuseAnEntryThatIsNoEmailAddress() {
        for (String invalid : List.of("ops.example.com", "ops@example", "ops@example.com,dev@example.com")) {
            // GIVEN an entry that is no single e-mail address
            GlueOrchestratorProps.Builder builder = validProps()
                    .notificationEmails(List.of("ops@example.com", invalid));

            // WHEN / THEN the props refuse it, quoting it
            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("notificationEmails: '" + invalid + "' is not an e-mail address");
        }
    }

    private static GlueOrchestratorProps.Builder validProps() {
        return GlueOrchestratorProps.builder()
                .definitions(new DefinitionLoader().load(SynthesizedStack.resource("jobs-only-workflows")))
                .lambdaPackage(SynthesizedStack.dummyLambdaPackage());
    }

    private static String logicalId(IConstruct construct) {
        return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }
}
