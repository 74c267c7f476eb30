package dev.glueorch.bench;

import dev.glueorch.bus.EventBridgePublisher;
import dev.glueorch.clients.AwsClients;
import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.ManualClock;
import dev.glueorch.engine.Orchestrator;
import dev.glueorch.engine.OrchestratorMetrics;
import dev.glueorch.engine.Outbox;
import dev.glueorch.engine.RetryPolicy;
import dev.glueorch.glue.SdkGlueService;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.DynamoDbOutbox;
import dev.glueorch.store.DynamoDbWorkflowRunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The schedule tick over every SCHEDULED trigger, on the orchestrator service with a manual clock (the tick handler
 * reads the system clock, and slots are an hour apart): ticks that start nothing, then one where {@code due}
 * hourly triggers each start a run. The definitions are read once before, as a warm function has them.
 */
final class TickFigure {

    private static final Instant FIRST_TICK = Instant.parse("2026-11-21T13:30:00Z");
    private static final int QUIET_TICKS = 20;

    private final DynamoDbClient dynamoDb;
    private final String table;

    TickFigure(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    Map<String, Object> run(int triggers, int due) {
        ManualClock clock = new ManualClock(FIRST_TICK);
        // the handler's own endpoint variables: Glue and EventBridge at this JVM's stub
        try (AwsClients aws = AwsClients.fromEnvironment(System.getenv())) {
            return run(triggers, due, clock, new Orchestrator(
                    new DynamoDbDefinitionsSource(dynamoDb, table, clock, Duration.ofHours(2)),
                    new DynamoDbWorkflowRunStore(dynamoDb, table, Duration.ofDays(90)),
                    new SdkGlueService(aws), new Outbox(new EventBridgePublisher(aws::eventBridge, "default", null),
                            new DynamoDbOutbox(dynamoDb, table, Duration.ofDays(90))),
                    OrchestratorMetrics.NONE, clock, RetryPolicy.DEFAULT));
        }
    }

    private Map<String, Object> run(int triggers, int due, ManualClock clock, Orchestrator orchestrator) {
        // the first tick remembers every trigger's cursor (a one-off write per trigger)
        tick(orchestrator, clock);
        List<Long> quiet = new ArrayList<>();
        int quietRequests = 0;
        RequestLog.start();
        for (int i = 0; i < QUIET_TICKS; i++) {
            clock.advance(Duration.ofSeconds(1));
            int mark = RequestLog.mark();
            quiet.add(tick(orchestrator, clock));
            quietRequests = Math.max(quietRequests, dynamoDbRequests(RequestLog.since(mark)));
        }
        clock.set(FIRST_TICK.plus(Duration.ofMinutes(30)).plusSeconds(30));
        int mark = RequestLog.mark();
        long dueNanos = tick(orchestrator, clock);
        List<RequestLog.Sent> dueRequests = RequestLog.since(mark);
        RequestLog.stop();

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("triggers", triggers);
        figures.put("noneDue", Map.of("medianMs", Percentiles.medianMillis(quiet),
                "dynamoDbRequests", quietRequests,
                "dynamoDbRequestsPer100Triggers", Math.round(quietRequests * 10000.0 / triggers) / 100.0));
        figures.put("due", Map.of("triggers", due, "ms", Math.round(dueNanos / 1e3) / 1e3,
                "dynamoDbRequests", dynamoDbRequests(dueRequests),
                "jobsStarted", dueRequests.stream().filter(s -> s.operation().equals("StartJobRun")).count()));
        return figures;
    }

    private static long tick(Orchestrator orchestrator, ManualClock clock) {
        long start = System.nanoTime();
        orchestrator.handle(new GlueEvent.ScheduleTick("tick-" + clock.instant(), clock.instant()));
        return System.nanoTime() - start;
    }

    private static int dynamoDbRequests(List<RequestLog.Sent> requests) {
        return (int) requests.stream().filter(s -> s.service().equals("DynamoDb")).count();
    }
}
