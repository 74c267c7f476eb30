package dev.glueorch.handler;

import dev.glueorch.engine.OrchestratorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The orchestrator's figures as CloudWatch metrics, written by Powertools in the embedded metric format: one JSON
 * document per handling on standard output (which Lambda sends to CloudWatch Logs, where the metrics are extracted),
 * in the function's namespace with the {@code Service} dimension.
 *
 * <p>The handlers flush explicitly at the end of each delivery ({@link DispatchingHandler}) rather than with
 * Powertools' {@code @FlushMetrics}, which needs AspectJ weaving this build does not do. Powertools keeps one set of
 * figures per Lambda request (by its trace id); a Lambda process handles one request at a time.
 */
final class LambdaMetrics implements OrchestratorMetrics {

    static final String NAMESPACE_VARIABLE = "POWERTOOLS_METRICS_NAMESPACE";
    static final String SERVICE_VARIABLE = "POWERTOOLS_SERVICE_NAME";

    private final Metrics metrics;
    private final Clock clock;
    /** Whether a figure was added since the last flush: Powertools warns about a flush with none. */
    private final AtomicBoolean pending = new AtomicBoolean();

    LambdaMetrics(Metrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /** From the function's environment (the construct sets both variables). */
    static LambdaMetrics fromEnvironment(Map<String, String> environment, Clock clock) {
        return new LambdaMetrics(MetricsBuilder.builder()
                .withNamespace(environment.getOrDefault(NAMESPACE_VARIABLE, "GlueOrchestrator"))
                .withService(environment.getOrDefault(SERVICE_VARIABLE, "glue-orchestrator"))
                .build(), clock);
    }

    @Override
    public void eventHandled(String eventType, Duration eventAge) {
        add("EventsHandled", 1, MetricUnit.COUNT);
        add("EventAge", Math.max(0, eventAge.toMillis()), MetricUnit.MILLISECONDS);
    }

    @Override
    public void triggerFired(String workflowName) {
        add("TriggersFired", 1, MetricUnit.COUNT);
    }

    @Override
    public void actionStarted(String workflowName) {
        add("ActionsStarted", 1, MetricUnit.COUNT);
    }

    @Override
    public void actionStartFailed(String workflowName, String errorCode) {
        add("ActionStartFailures", 1, MetricUnit.COUNT);
    }

    /** Writes the figures since the last flush, if any, and forgets them. */
    void flush() {
        if (pending.getAndSet(false)) {
            metrics.setTimestamp(clock.instant());
            metrics.flush();
        }
    }

    private void add(String name, double value, MetricUnit unit) {
        metrics.addMetric(name, value, unit);
        pending.set(true);
    }
}
