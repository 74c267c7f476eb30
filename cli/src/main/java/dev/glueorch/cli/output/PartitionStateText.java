package dev.glueorch.cli.output;

import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.PartitionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A partition's state in words, as {@code glueorch partitions} and the run report both write it, so that the two
 * never disagree on what a partition is called.
 */
public final class PartitionStateText {

    private PartitionStateText() {
    }

    /** {@code succeeded}, {@code failed}, ..., {@code not due}. */
    public static String word(PartitionState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** {@code 12 succeeded, 1 failed, 2 missing}: the states that occur, in the order of {@link PartitionState}. */
    public static String counts(PartitionGrid grid) {
        List<String> counts = new ArrayList<>();
        grid.counts().forEach((state, count) -> {
            if (count > 0) {
                counts.add(count + " " + word(state));
            }
        });
        return counts.isEmpty() ? "no partitions in the period" : String.join(", ", counts);
    }
}
