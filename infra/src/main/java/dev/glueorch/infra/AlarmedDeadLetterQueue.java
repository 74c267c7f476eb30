package dev.glueorch.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * An SQS dead-letter queue (SSE, TLS only, 14 days) with an alarm that goes off on its first message: a message here
 * is an event the orchestrator never handled, so the reconciler or an operator has to look at it.
 */
final class AlarmedDeadLetterQueue extends Construct {

    private final Queue queue;
    private final Alarm alarm;

    AlarmedDeadLetterQueue(Construct scope, String id, String purpose, List<IAlarmAction> alarmActions) {
        super(scope, id);
        this.queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // The SQS maximum: two weeks to notice, fix and redrive.
                .retentionPeriod(Duration.days(14))
                .build();
        this.alarm = Alarm.Builder.create(this, "Alarm")
                .alarmDescription("Messages in the dead-letter queue of " + purpose
                        + ": events the glue-orchestrator could not handle. Inspect, fix, then redrive them.")
                .metric(queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(1))
                        .statistic("Maximum")
                        .build()))
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                // An idle queue publishes no data points: that means empty, not broken.
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarmActions.forEach(alarm::addAlarmAction);
    }

    Queue queue() {
        return queue;
    }

    Alarm alarm() {
        return alarm;
    }
}
