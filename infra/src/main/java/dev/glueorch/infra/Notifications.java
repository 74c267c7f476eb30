package dev.glueorch.infra;

import dev.glueorch.engine.OrchestratorEvent;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The notification topic (run delayed, not started, timed out, failed; action start failed), its customer-managed
 * key, the e-mail subscriptions, and the rule on the orchestrator's bus that feeds it.
 */
public final class Notifications extends Construct {

    private final Key key;
    private final Topic topic;
    private final Rule rule;

    Notifications(Construct scope, String id, IEventBus eventBus, IQueue deadLetterQueue, List<String> emails) {
        super(scope, id);
        // EventBridge cannot publish to a topic encrypted with the AWS-managed alias/aws/sns key: that key's policy
        // admits only principals of the account, and EventBridge publishes as the events.amazonaws.com service. So
        // the topic gets a customer-managed key; the SnsTopic target adds the key policy statement that lets
        // EventBridge use it, beside its sns:Publish statement in the topic policy.
        this.key = Key.Builder.create(this, "Key")
                .description("glue-orchestrator: encrypts the notification topic")
                .enableKeyRotation(true)
                // SNS keeps no message once delivered, so nothing outlives the stack that the key would decrypt.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        this.topic = Topic.Builder.create(this, "Topic")
                .displayName("glue-orchestrator notifications")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        emails.forEach(email -> topic.addSubscription(new EmailSubscription(email)));
        this.rule = Rule.Builder.create(this, "Rule")
                .description("glue-orchestrator notifications (run delayed, not started, timed out, failed; action "
                        + "start failed; partition missing) to the notification topic")
                .eventBus(eventBus)
                .eventPattern(EventPattern.builder()
                        .source(List.of(OrchestratorEvent.SOURCE))
                        .detailType(OrchestratorEvent.NOTIFICATION_DETAIL_TYPES)
                        .build())
                // A late notification still tells the operator something: retry for EventBridge's maximum of a day.
                .targets(List.of(SnsTopic.Builder.create(topic)
                        .deadLetterQueue(deadLetterQueue)
                        .retryAttempts(185)
                        .maxEventAge(Duration.hours(24))
                        .build()))
                .build();
    }

    public Key getKey() {
        return key;
    }

    public Topic getTopic() {
        return topic;
    }

    public Rule getRule() {
        return rule;
    }
}
