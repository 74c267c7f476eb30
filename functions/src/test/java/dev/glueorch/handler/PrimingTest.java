package dev.glueorch.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.testing.EngineHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SnapStart readiness: what the checkpoint hook does before Lambda snapshots an initialised function. */
class PrimingTest {

    private final EngineHarness harness = new EngineHarness(Instant.parse("2026-11-21T14:00:05Z"));

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void beforeCheckpoint_shouldLoadTheDefinitionsAndBuildTheClientsBeforeTheSnapshot() {
        DynamoDbDefinitionsSource definitions = new DynamoDbDefinitionsSource(harness.dynamoDb, harness.table,
                harness.clock, Duration.ofSeconds(60));
        AtomicInteger clientsBuilt = new AtomicInteger();
        Priming priming = new Priming(definitions, new EventParser(), clientsBuilt::incrementAndGet);
        harness.requests.drain();

        priming.beforeCheckpoint(null);

        // the pointer, then the version's workflows: read and validated before the snapshot
        assertThat(harness.requests.drain()).containsExactly("GetItem", "Query");
        assertThat(definitions.current().workflows()).containsKey(EngineHarness.WORKFLOW);
        assertThat(harness.requests.drain()).as("after priming, the definitions come from memory").isEmpty();
        assertThat(clientsBuilt).as("the clients built on first use are built before the snapshot").hasValue(1);
    }

    @Test
    void prime_shouldParseEveryKindOfEventTheFunctionsReceive() {
        Priming priming = new Priming(new DynamoDbDefinitionsSource(harness.dynamoDb, harness.table, harness.clock,
                Duration.ofSeconds(60)), new EventParser(), () -> { });

        assertThat(priming.prime().version()).isNotBlank();
        priming.afterRestore(null);
    }
}
