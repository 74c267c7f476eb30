package dev.glueorch.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.infra.GlueOrchestrator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The notification topic and the rule that feeds it from the orchestrator's bus; no e-mail given (the default). */
@Synthesized
class NotificationsTest {

    private final SynthesizedStack synthesized;
    private final Template template;
    private final GlueOrchestrator orchestrator;

    NotificationsTest(SynthesizedStack synthesized, Template template, GlueOrchestrator orchestrator) {
        this.synthesized = synthesized;
        this.template = template;
        this.orchestrator = orchestrator;
    }

    @Test
    void notificationTopic_shouldBeEncryptedWithARotatedCustomerManagedKey() {
        // GIVEN the topic and its key
        // WHEN / THEN the only topic is encrypted with the only key, which rotates yearly
        template.resourceCountIs("AWS::SNS::Topic", 1);
        template.resourceCountIs("AWS::KMS::Key", 1);
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "KmsMasterKeyId", synthesized.arnOf(orchestrator.getNotificationKey())));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void notificationKey_shouldLetEventBridgeEncryptWhatItPublishes() {
        // GIVEN EventBridge publishes to the topic as the events.amazonaws.com service
        // WHEN / THEN the key policy lets that service generate and decrypt data keys, nothing more
        template.hasResourceProperties("AWS::KMS::Key", Map.of(
                "KeyPolicy", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectEquals(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        "Resource", "*"))))))));
    }

    @Test
    void notificationTopic_shouldRefusePublishingWithoutTlsAndAdmitEventBridge() {
        // GIVEN the topic
        Map<String, Object> topic = synthesized.refOf(orchestrator.getNotificationTopic());
        Capture statements = new Capture();

        // WHEN its topic policy's statements are captured
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(topic),
                "PolicyDocument", Match.objectLike(Map.of("Statement", statements))));

        // THEN publishing over plain HTTP is denied to everyone, and EventBridge may publish
        assertThat(statements.asArray()).containsExactlyInAnyOrder(
                Map.of("Sid", "AllowPublishThroughSSLOnly",
                        "Effect", "Deny",
                        "Principal", "*",
                        "Action", "sns:Publish",
                        "Resource", topic,
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))),
                Map.of("Sid", "1",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", "sns:Publish",
                        "Resource", topic));
    }

    @Test
    void notificationRule_shouldSendTheSixNotificationDetailTypesFromTheOrchestratorBusToTheTopic() {
        // GIVEN the orchestrator's bus, the topic and the rules' dead-letter queue
        Capture detailTypes = new Capture();

        // WHEN the rule on the orchestrator's bus is captured
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", synthesized.refOf(orchestrator.getEventBus()),
                "EventPattern", Match.objectEquals(Map.of(
                        "source", List.of("glue-orchestrator"),
                        "detail-type", detailTypes)),
                "Targets", List.of(Match.objectEquals(Map.of(
                        "Id", "Target0",
                        "Arn", synthesized.refOf(orchestrator.getNotificationTopic()),
                        "DeadLetterConfig", Map.of("Arn", synthesized.arnOf(orchestrator.getRuleDeadLetterQueue())),
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 185, "MaximumEventAgeInSeconds", 86_400))))));

        // THEN it matches exactly the six notifications, which are the ones the functions publish
        assertThat(detailTypes.asArray()).containsExactly("Run Delayed", "Run Not Started", "Run Timed Out",
                "Run Failed", "Action Start Failed", "Partition Missing");
        assertThat(detailTypes.asArray()).containsExactlyElementsOf(OrchestratorEvent.NOTIFICATION_DETAIL_TYPES);
        template.resourcePropertiesCountIs("AWS::Events::Rule", Map.of(
                "EventBusName", synthesized.refOf(orchestrator.getEventBus())), 1);
    }

    @Test
    void notificationTopic_shouldHaveNoSubscriptionWithoutNotificationEmails() {
        // GIVEN the app's default context, which names no e-mail address
        // WHEN / THEN nothing subscribes to the topic
        template.resourceCountIs("AWS::SNS::Subscription", 0);
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("Subscription", Match.absent()));
    }

    @Test
    void stack_shouldOutputTheNotificationTopicArn() {
        // GIVEN operators subscribe their own endpoints to the topic
        // WHEN / THEN the stack outputs its ARN
        template.hasOutput("NotificationTopicArn", Map.of(
                "Value", synthesized.refOf(orchestrator.getNotificationTopic())));
    }
}
