package dev.glueorch.template;

import dev.glueorch.infra.GlueOrchestrator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sqs.Queue;

@Synthesized
class QueuesAlarmsAndBusTest {

    private final SynthesizedStack synthesized;
    private final Template template;
    private final GlueOrchestrator orchestrator;
    private final List<Queue> deadLetterQueues;

    QueuesAlarmsAndBusTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.orchestrator = orchestrator;
        this.deadLetterQueues = List.of(orchestrator.getGlueEventDeadLetterQueue(),
                orchestrator.getScheduleTickDeadLetterQueue(), orchestrator.getReconcileDeadLetterQueue(),
                orchestrator.getRuleDeadLetterQueue());
    }

    @Test
    void eventBus_shouldBeNamedGlueOrchestrator() {
        // GIVEN the default bus name
        // WHEN / THEN the orchestrator's own bus exists once under that name
        template.resourceCountIs("AWS::Events::EventBus", 1);
        template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "glue-orchestrator"));
    }

    @Test
    void deadLetterQueues_shouldBeEncryptedAndKeepMessagesFourteenDays() {
        // GIVEN a dead-letter queue per asynchronously invoked function (not the operations function), one for
        // the rule targets and one for the start queue (StartWorkersTest), which makes six queues
        // WHEN / THEN all six use SQS-managed SSE and the 14-day maximum retention
        template.resourceCountIs("AWS::SQS::Queue", 6);
        template.allResourcesProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "SqsManagedSseEnabled", true,
                "MessageRetentionPeriod", 14 * 24 * 3600)));
        template.resourcePropertiesCountIs("AWS::SQS::Queue", Match.objectEquals(Map.of(
                "SqsManagedSseEnabled", true,
                "MessageRetentionPeriod", 14 * 24 * 3600)), 5);
    }

    @Test
    void deadLetterQueues_shouldRefuseRequestsWithoutTls() {
        for (Queue queue : deadLetterQueues) {
            // GIVEN a dead-letter queue
            Map<String, Object> arn = synthesized.arnOf(queue);

            // WHEN / THEN its queue policy denies every action over plain HTTP
            template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                    "Queues", List.of(synthesized.refOf(queue)),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Map.of(
                            "Effect", "Deny",
                            "Principal", Map.of("AWS", "*"),
                            "Action", "sqs:*",
                            "Resource", arn,
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        }
    }

    @Test
    void ruleDeadLetterQueue_shouldAcceptMessagesOnlyFromTheOrchestratorRules() {
        // GIVEN the Glue event rules, by their common name prefix, and the three other rules
        Map<String, Object> glueEventRules = Map.of("ArnLike", Map.of("aws:SourceArn", Map.of("Fn::Join", List.of("",
                List.of("arn:", Map.of("Ref", "AWS::Partition"), ":events:", Map.of("Ref", "AWS::Region"), ":",
                        Map.of("Ref", "AWS::AccountId"), ":rule/glue-orchestrator-glue-*")))));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(synthesized.refOf(orchestrator.getRuleDeadLetterQueue())),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", "sqs:SendMessage",
                        "Resource", synthesized.arnOf(orchestrator.getRuleDeadLetterQueue()),
                        "Condition", glueEventRules)))))));
        List<Object> ruleArns = List.of(
                synthesized.arnOf(orchestrator.getScheduleTickRule()),
                synthesized.arnOf(orchestrator.getReconcileRule()),
                synthesized.arnOf(orchestrator.getNotificationRule()));

        for (Object ruleArn : ruleArns) {
            // WHEN / THEN EventBridge may send to the rule dead-letter queue for that rule only
            template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                    "Queues", List.of(synthesized.refOf(orchestrator.getRuleDeadLetterQueue())),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                            Match.objectLike(Map.of(
                                    "Effect", "Allow",
                                    "Principal", Map.of("Service", "events.amazonaws.com"),
                                    "Action", "sqs:SendMessage",
                                    "Resource", synthesized.arnOf(orchestrator.getRuleDeadLetterQueue()),
                                    "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", ruleArn))))))))));
        }
    }

    @Test
    void deadLetterQueueAlarms_shouldGoOffOnTheFirstVisibleMessage() {
        for (Queue queue : deadLetterQueues) {
            // GIVEN a dead-letter queue
            Map<String, Object> queueName = Map.of("Fn::GetAtt", List.of(synthesized.logicalId(queue), "QueueName"));

            // WHEN / THEN an alarm watches its visible messages, at or above one
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/SQS",
                    "MetricName", "ApproximateNumberOfMessagesVisible",
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", queueName)),
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "Threshold", 1,
                    "EvaluationPeriods", 1,
                    "TreatMissingData", "notBreaching"));
        }
        template.resourceCountIs("AWS::CloudWatch::Alarm", 5);
    }
}
