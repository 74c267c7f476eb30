package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.model.Action;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentResolverTest {

    @Test
    void actionArguments_shouldWinOverPartitionArgumentsAndHavePlaceholdersReplaced() {
        // GIVEN partition arguments and an action that overrides one and uses run properties
        Partition partition = new Partition("2026-11-21T13",
                Map.of("day_partition_value", "2026-11-21", "hour_partition_value", "13"),
                Map.of("--day_partition_value", "2026-11-21", "--hour_partition_value", "13"));
        Action.JobAction action = new Action.JobAction("transform", Map.of(
                "--hour_partition_value", "override",
                "--target", "${lake}/sales/${day_partition_value}/${hour_partition_value}"), null, null, null);
        Map<String, String> properties = Map.of("lake", "s3://lake", "day_partition_value", "2026-11-21",
                "hour_partition_value", "13");
        // WHEN the arguments are resolved
        Map<String, String> arguments = ArgumentResolver.resolve(action, partition, properties, "wr_1:t:0");
        // THEN
        assertThat(arguments).containsExactlyInAnyOrderEntriesOf(Map.of(
                "--day_partition_value", "2026-11-21",
                "--hour_partition_value", "override",
                "--target", "s3://lake/sales/2026-11-21/13",
                "--glueorch_action_id", "wr_1:t:0"));
    }

    @Test
    void replacementText_shouldBeTakenLiterally() {
        assertThat(ArgumentResolver.substitute("a=${x}", Map.of("x", "$1\\b"))).isEqualTo("a=$1\\b");
    }
}
