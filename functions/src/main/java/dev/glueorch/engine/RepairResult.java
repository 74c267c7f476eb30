package dev.glueorch.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a repair did: its {@code plan}; how many runs it resumed and started itself; how many it found already there
 * ({@code alreadyRepaired}: another repair, or the schedule, got there first, so it started nothing); how many of its
 * runs finished while it waited; and {@code results}, the state of each repaired partition at the end, by partition
 * id (the skipped ones are not in it: they are as the plan found them).
 */
public record RepairResult(RepairPlan plan, int resumed, int started, int alreadyRepaired, int finished,
                           Map<String, PartitionState> results) {

    public RepairResult {
        results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }
}
