package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.model.Granularity;
import dev.glueorch.model.Partitioning;
import dev.glueorch.model.Workflow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionsTest {

    private static Workflow workflow(Granularity granularity, int offset, String zone) {
        return new Workflow("sales", null, Map.of(), null, new Partitioning(granularity, offset, ZoneId.of(zone),
                "partition_0", granularity == Granularity.HOUR ? "partition_1" : null), null);
    }

    @Test
    void hourlySlot_shouldGiveThePreviousHourAndTheGuidesFourArguments() {
        // GIVEN the slot at 14:00Z of an hourly workflow with Offset -1
        Partition partition = Partitions.forSlot(workflow(Granularity.HOUR, -1, "UTC"),
                Instant.parse("2026-11-21T14:00:00Z"));
        // THEN partition 13, hour without leading zero, exactly the four arguments of the Glue guide
        assertThat(partition.id()).isEqualTo("2026-11-21T13");
        assertThat(partition.runProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "day_partition_value", "2026-11-21", "hour_partition_value", "13"));
        assertThat(partition.arguments()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "--day_partition_key", "partition_0", "--hour_partition_key", "partition_1",
                "--day_partition_value", "2026-11-21", "--hour_partition_value", "13"));
    }

    @Test
    void earlyHours_shouldHaveNoLeadingZeroAndCrossMidnight() {
        Partition partition = Partitions.forSlot(workflow(Granularity.HOUR, -1, "UTC"),
                Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(partition.id()).isEqualTo("2026-11-20T23");
        assertThat(partition.arguments()).containsEntry("--day_partition_value", "2026-11-20")
                .containsEntry("--hour_partition_value", "23");
        Partition nine = Partitions.forSlot(workflow(Granularity.HOUR, 0, "UTC"),
                Instant.parse("2026-11-21T09:30:00Z"));
        assertThat(nine.runProperties()).containsEntry("hour_partition_value", "9");
    }

    @Test
    void timeZone_shouldShiftTheLocalHourAndDay() {
        // 2026-11-21T23:00Z is 2026-11-22T08:00 in Tokyo
        Partition partition = Partitions.forSlot(workflow(Granularity.HOUR, -1, "Asia/Tokyo"),
                Instant.parse("2026-11-21T23:00:00Z"));
        assertThat(partition.id()).isEqualTo("2026-11-22T07");
    }

    @Test
    void dailyPartition_shouldHaveOnlyTheDayArguments() {
        Partition partition = Partitions.forSlot(workflow(Granularity.DAY, -1, "UTC"),
                Instant.parse("2026-11-21T02:00:00Z"));
        assertThat(partition.id()).isEqualTo("2026-11-20");
        assertThat(partition.arguments()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "--day_partition_key", "partition_0", "--day_partition_value", "2026-11-20"));
    }

    @Test
    void forId_shouldGiveTheSamePartitionAsTheSlot() {
        Workflow hourly = workflow(Granularity.HOUR, -1, "UTC");
        assertThat(Partitions.forId(hourly, "2026-11-21T13"))
                .isEqualTo(Partitions.forSlot(hourly, Instant.parse("2026-11-21T14:00:00Z")));
        assertThatThrownBy(() -> Partitions.forId(hourly, "2026-11-21"))
                .hasMessageContaining("write it as yyyy-MM-ddTHH");
    }
}
