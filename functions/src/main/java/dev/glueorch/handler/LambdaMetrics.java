package dev.glueorch.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.OrchestratorMetrics;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orchestrator's figures as CloudWatch metrics in the embedded metric format: one JSON line per handling,
 * written to standard output (which Lambda sends to CloudWatch Logs, where the metrics are extracted), in the
 * function's namespace with the {@code Service} dimension. Counts of one handling are added up; {@code EventAge}
 * keeps each value. A figure is kept per thread until {@link #flush()}, so concurrent handlings do not mix.
 *
 * <p>Written here rather than with Powertools' metrics module, which brings four libraries (1 MB of the deployment
 * package) and an environment probe at a cold start for these five figures.
 */
final class LambdaMetrics implements OrchestratorMetrics {

    static final String NAMESPACE_VARIABLE = "POWERTOOLS_METRICS_NAMESPACE";
    static final String SERVICE_VARIABLE = "POWERTOOLS_SERVICE_NAME";
    /** The format's limit of values per metric in one document. */
    static final int MAX_VALUES = 100;
    private static final String COUNT = "Count";
    private static final String MILLISECONDS = "Milliseconds";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final String service;
    private final PrintStream out;
    private final Clock clock;
    private final ThreadLocal<Map<String, Figure>> figures = ThreadLocal.withInitial(LinkedHashMap::new);

    LambdaMetrics(String namespace, String service, PrintStream out, Clock clock) {
        this.namespace = namespace;
        this.service = service;
        this.out = out;
        this.clock = clock;
    }

    /** From the function's environment (the construct sets both variables). */
    static LambdaMetrics fromEnvironment(Map<String, String> environment, Clock clock) {
        return new LambdaMetrics(environment.getOrDefault(NAMESPACE_VARIABLE, "GlueOrchestrator"),
                environment.getOrDefault(SERVICE_VARIABLE, "glue-orchestrator"), System.out, clock);
    }

    @Override
    public void eventHandled(String eventType, Duration eventAge) {
        add("EventsHandled", COUNT, 1);
        add("EventAge", MILLISECONDS, Math.max(0, eventAge.toMillis()));
    }

    @Override
    public void triggerFired(String workflowName) {
        add("TriggersFired", COUNT, 1);
    }

    @Override
    public void actionStarted(String workflowName) {
        add("ActionsStarted", COUNT, 1);
    }

    @Override
    public void actionStartFailed(String workflowName, String errorCode) {
        add("ActionStartFailures", COUNT, 1);
    }

    /** Writes this thread's figures since the last flush, if any, and forgets them. */
    void flush() {
        Map<String, Figure> pending = figures.get();
        if (pending.isEmpty()) {
            return;
        }
        try {
            out.println(JSON.writeValueAsString(document(pending)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics cannot be written as JSON", e);
        } finally {
            pending.clear();
        }
    }

    private void add(String name, String unit, long value) {
        Figure figure = figures.get().computeIfAbsent(name, n -> new Figure(unit));
        if (unit.equals(COUNT) && !figure.values.isEmpty()) {
            figure.values.set(0, figure.values.get(0) + value);
        } else if (figure.values.size() < MAX_VALUES) {
            figure.values.add(value);
        }
    }

    private Map<String, Object> document(Map<String, Figure> pending) {
        List<Map<String, String>> definitions = new ArrayList<>();
        Map<String, Object> document = new LinkedHashMap<>();
        pending.forEach((name, figure) -> definitions.add(Map.of("Name", name, "Unit", figure.unit)));
        document.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", namespace, "Dimensions", List.of(List.of("Service")), "Metrics", definitions))));
        document.put("Service", service);
        pending.forEach((name, figure) -> document.put(name, figure.values.size() == 1 ? figure.values.get(0)
                : List.copyOf(figure.values)));
        return document;
    }

    private static final class Figure {
        private final String unit;
        private final List<Long> values = new ArrayList<>();

        private Figure(String unit) {
            this.unit = unit;
        }
    }
}
