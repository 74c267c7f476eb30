package dev.glueorch.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * The Glue event function's alias as the target of many rules, with their shared dead-letter queue and retries, but
 * without the Lambda permission and queue policy statement that CDK's {@code LambdaFunction} target adds for each
 * rule: a function's resource policy holds 20 KB (about fifty such permissions) and a queue policy about as little,
 * so {@link GlueEventRules} grants all its rules at once, by their common name prefix.
 */
final class GlueEventTarget implements IRuleTarget {

    /** Glue sends each state change once (best effort): keep retrying for EventBridge's maximum of a day. */
    static final int RETRY_ATTEMPTS = 185;
    static final Duration MAX_EVENT_AGE = Duration.hours(24);

    private final IFunction alias;
    private final IQueue deadLetterQueue;

    GlueEventTarget(IFunction alias, IQueue deadLetterQueue) {
        this.alias = alias;
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public RuleTargetConfig bind(IRuleRef rule) {
        return bind(rule, null);
    }

    @Override
    public RuleTargetConfig bind(IRuleRef rule, String id) {
        return RuleTargetConfig.builder()
                .arn(alias.getFunctionArn())
                .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder()
                        .arn(deadLetterQueue.getQueueArn())
                        .build())
                .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                        .maximumRetryAttempts(RETRY_ATTEMPTS)
                        .maximumEventAgeInSeconds(MAX_EVENT_AGE.toSeconds().intValue())
                        .build())
                .build();
    }
}
