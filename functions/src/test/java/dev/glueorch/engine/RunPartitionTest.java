package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.EngineHarness;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A run carries the partition it processes, with the run properties and arguments that partition defines. */
class RunPartitionTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private static final String PARTITION = "2026-11-21T13";
    private final EngineHarness h = new EngineHarness(SLOT);

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void runOfAScheduledSlot_shouldBeStoredWithItsPartitionsPropertiesAndArguments() {
        // WHEN the 14:00 slot of the hourly example starts its run (Offset -1: the 13:00 partition)
        h.tick(SLOT);
        // THEN the run, read back, carries that partition whole: no partition id is parsed again to know it
        Partition partition = h.run(PARTITION).partition();
        assertThat(partition.id()).isEqualTo(PARTITION);
        assertThat(partition.runProperties()).containsEntry("day_partition_value", "2026-11-21")
                .containsEntry("hour_partition_value", "13");
        assertThat(partition.arguments()).containsEntry("--day_partition_value", "2026-11-21")
                .containsEntry("--hour_partition_value", "13").containsKeys("--day_partition_key",
                        "--hour_partition_key");
    }

    @Test
    void runStoredBeforeRunsKeptTheirPartition_shouldStillGiveItsNextJobsThePartitionArguments() {
        // GIVEN a run whose item has only its partition's id, as runs stored by an earlier version
        h.tick(SLOT);
        WorkflowRun run = h.run(PARTITION);
        h.dynamoDb.updateItem(b -> b.tableName(h.table)
                .key(Map.of("PK", AttributeValue.fromS("WORKFLOW#" + run.workflowName()),
                        "SK", AttributeValue.fromS("RUN#" + run.workflowRunId())))
                .updateExpression("REMOVE PartitionArguments, PartitionProperties"));
        assertThat(h.run(PARTITION).partition().arguments()).isEmpty();
        // WHEN its first jobs succeed and the join fires
        h.jobState("ingest-orders", JobRunState.SUCCEEDED);
        h.jobState("ingest-payments", JobRunState.SUCCEEDED);
        // THEN the joined job still gets the partition's arguments, from the workflow's Partitioning
        assertThat(h.glue.startsOf("transform-sales")).singleElement().satisfies(start -> assertThat(
                start.arguments()).containsEntry("--day_partition_value", "2026-11-21")
                .containsEntry("--hour_partition_value", "13"));
    }
}
