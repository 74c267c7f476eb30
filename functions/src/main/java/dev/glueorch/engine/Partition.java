package dev.glueorch.engine;

import java.util.Map;

/**
 * The data partition a workflow run processes: its id ({@code 2026-11-21T13} hourly, {@code 2026-11-21} daily,
 * or the slot's UTC minute for an unpartitioned workflow), the run properties it defines and the arguments every
 * job of the run receives.
 */
public record Partition(String id, Map<String, String> runProperties, Map<String, String> arguments) {

    public Partition {
        runProperties = Map.copyOf(runProperties);
        arguments = Map.copyOf(arguments);
    }
}
