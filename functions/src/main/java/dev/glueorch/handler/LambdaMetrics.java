package dev.glueorch.handler;

import dev.glueorch.engine.OrchestratorMetrics;
import java.time.Duration;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** The orchestrator's figures as CloudWatch metrics through Powertools (embedded metric format). */
final class LambdaMetrics implements OrchestratorMetrics {

    private final Metrics metrics;

    LambdaMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void eventHandled(String eventType, Duration eventAge) {
        metrics.addMetric("EventsHandled", 1, MetricUnit.COUNT);
        metrics.addMetric("EventAge", Math.max(0, eventAge.toMillis()), MetricUnit.MILLISECONDS);
    }

    @Override
    public void triggerFired(String workflowName) {
        metrics.addMetric("TriggersFired", 1, MetricUnit.COUNT);
    }

    @Override
    public void actionStarted(String workflowName) {
        metrics.addMetric("ActionsStarted", 1, MetricUnit.COUNT);
    }

    @Override
    public void actionStartFailed(String workflowName, String errorCode) {
        metrics.addMetric("ActionStartFailures", 1, MetricUnit.COUNT);
    }

    void flush() {
        metrics.flush();
    }
}
