package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.model.JobRunState;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.GeneratedDefinitions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DynamoDB requests each kind of event costs, with definitions cached as the handlers cache them: the budget
 * the README derives from the table design (4 for an event that fires nothing, 6 for one that fires one action).
 */
class RequestBudgetTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");

    private final EngineHarness harness = new EngineHarness(SLOT.plusSeconds(5));
    private Orchestrator orchestrator;

    @BeforeEach
    void cacheDefinitions() {
        orchestrator = cachingOrchestrator();
        orchestrator.handle(new GlueEvent.ScheduleTick("tick-1", SLOT));
        harness.clock.advance(Duration.ofSeconds(50));
        harness.requests.drain();
    }

    /** The harness's orchestrator, but reading the definitions pointer at most once a minute, as the handlers do. */
    private Orchestrator cachingOrchestrator() {
        DynamoDbDefinitionsSource cached = new DynamoDbDefinitionsSource(harness.dynamoDb, harness.table,
                harness.clock, Duration.ofSeconds(60));
        return new Orchestrator(cached, harness.store, harness.glue, harness.outbox, OrchestratorMetrics.NONE,
                harness.clock, new RetryPolicy(2, Duration.ZERO, Duration.ZERO, d -> { }));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void jobEventThatFiresNothing_shouldCostThreeWritesAndOneRead() {
        harness.outbox.batching(() -> orchestrator.handle(harness.jobEvent("ingest-orders", JobRunState.SUCCEEDED)));

        // the job run's owner (recording the state), the action's move (its own item, and the run's statistics with
        // its pending "Action Completed", in one transaction), the run read whole to decide what follows, then that
        // event marked sent once EventBridge accepted it
        assertThat(harness.requests.drain()).containsExactly("UpdateItem", "TransactWriteItems", "Query",
                "UpdateItem");
        assertThat(harness.glue.startsOf("transform-sales")).isEmpty();
    }

    @Test
    void jobEventThatFiresOneAction_shouldCostSixRequests() {
        harness.outbox.batching(() -> orchestrator.handle(harness.jobEvent("ingest-orders", JobRunState.SUCCEEDED)));
        harness.requests.drain();
        int calls = harness.bus.calls();

        harness.outbox.batching(() -> orchestrator.handle(harness.jobEvent("ingest-payments",
                JobRunState.SUCCEEDED)));

        // owner, move, the run read whole, the trigger's claim (with its action's item), the start (owner of the new
        // job run + its move, in one transaction), then both events of the handling ("Action Completed", "Action
        // Started": one run item) marked sent in one write
        assertThat(harness.requests.drain()).containsExactly("UpdateItem", "TransactWriteItems", "Query",
                "TransactWriteItems", "TransactWriteItems", "UpdateItem");
        assertThat(harness.bus.calls() - calls).as("one PutEvents for the handling").isEqualTo(1);
        assertThat(harness.glue.startsOf("transform-sales")).hasSize(1);
        assertThat(harness.run("2026-11-21T13").actions().values()).filteredOn(a -> a.name().equals("transform-sales"))
                .singleElement().satisfies(a -> {
                    assertThat(a.state()).isEqualTo(JobRunState.RUNNING);
                    assertThat(a.jobRunId()).isEqualTo(harness.glue.startsOf("transform-sales").get(0).jobRunId());
                });
    }

    @Test
    void tickOver1000ScheduledTriggersNoneDue_shouldCostTwoReads() {
        harness.use(GeneratedDefinitions.scheduled(1000, 0));
        Orchestrator ticking = cachingOrchestrator();
        ticking.handle(new GlueEvent.ScheduleTick("tick-2", SLOT));
        harness.clock.advance(Duration.ofSeconds(50));
        harness.requests.drain();
        int startedBefore = harness.glue.starts().size();

        ticking.handle(new GlueEvent.ScheduleTick("tick-3", harness.clock.instant()));

        // the waiting actions, then the cursors of all 1,000 triggers (16 shard items at most)
        assertThat(harness.requests.drain()).containsExactly("Query", "BatchGetItem");
        assertThat(harness.glue.starts()).hasSize(startedBefore);
    }
}
