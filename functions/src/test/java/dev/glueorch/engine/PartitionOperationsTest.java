package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.testing.EngineHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Operations on a workflow's partitions, on DynamoDB Local with an in-memory Glue. */
class PartitionOperationsTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private final EngineHarness h = new EngineHarness(SLOT);

    @AfterEach
    void tearDown() {
        h.close();
    }

    private PartitionOperations operations() {
        return new PartitionOperations(h.source, h.store, h.orchestrator.lifecycle(), h.clock);
    }

    @Test
    void backfill_shouldStartEachPartitionOnceWithinItsConcurrencyAndNothingTwiceWhenRepeated() {
        // GIVEN a range of 5 hours, one of which (03) already ran on schedule; no crawler (the in-memory Glue would
        // let two crawls of one crawler overlap, which Glue refuses)
        h.use(EngineHarness.exampleWith(", {\"CrawlerName\": \"catalog-sales\"}", ""));
        Set<String> finished = new HashSet<>();
        h.tick(Instant.parse("2026-11-21T04:00:00Z"));
        h.glueSucceedsFrom(0, finished);
        List<PartitionOperations.BackfillProgress> seen = new ArrayList<>();
        int[] mostActive = {0};
        // WHEN a backfill runs with at most 2 runs at a time, Glue finishing runs while it waits
        PartitionOperations.BackfillProgress result = operations().backfill("sales-hourly", "2026-11-21T01",
                "2026-11-21T05", 2, progress -> {
                    seen.add(progress);
                    mostActive[0] = Math.max(mostActive[0], progress.started() - progress.finished());
                }, d -> h.glueSucceedsFrom(0, finished));
        // THEN four runs started (03 had run), at most two active, all finished
        assertThat(result).isEqualTo(new PartitionOperations.BackfillProgress(5, 4, 1, 4));
        assertThat(mostActive[0]).isLessThanOrEqualTo(2);
        assertThat(h.glue.startsOf("ingest-orders")).extracting(s -> s.arguments().get("--hour_partition_value"))
                .containsExactlyInAnyOrder("3", "1", "2", "4", "5");
        for (String partition : List.of("2026-11-21T01", "2026-11-21T05")) {
            assertThat(h.run(partition).status()).isEqualTo(WorkflowRunStatus.COMPLETED);
        }
        // AND the same backfill again starts nothing
        assertThat(operations().backfill("sales-hourly", "2026-11-21T01", "2026-11-21T05", 2, p -> { },
                d -> { })).isEqualTo(new PartitionOperations.BackfillProgress(5, 0, 5, 0));
        assertThat(h.glue.startsOf("ingest-orders")).hasSize(5);
    }
}
