package dev.glueorch.engine;

import java.time.Instant;

/**
 * Where one step of a repair leaves its period: {@code partitions} in it; runs resumed and started by this step;
 * the repair's runs {@code active} and {@code finished} (the period's runs that started at or after {@code before},
 * the first step's time: the repair's own, and any the schedule started meanwhile); repairs {@code notStarted} yet
 * (held back by the concurrency); partitions {@code skipped} (see {@link PartitionRepair.Skip}). The caller passes
 * {@code before} back to every later step.
 */
public record RepairStep(int partitions, int resumedNow, int startedNow, int active, int finished, int notStarted,
                         int skipped, Instant before) {

    /** Nothing is left to start and no run of the repair is active. */
    public boolean done() {
        return active == 0 && notStarted == 0;
    }
}
