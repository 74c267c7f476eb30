package dev.glueorch.model;

import java.util.Map;
import java.util.Optional;

/**
 * A Glue workflow: the scope of its runs. {@code maxConcurrentRuns} is {@code null} when unlimited;
 * {@code partitioning} is {@code null} when runs are not tied to data partitions; {@code expectedStartBy}
 * (extension, minutes after a schedule slot) is {@code null} when a late start needs no notification.
 */
public record Workflow(String name, String description, Map<String, String> defaultRunProperties,
                       Integer maxConcurrentRuns, Partitioning partitioning, Integer expectedStartBy) {

    public Workflow {
        defaultRunProperties = Map.copyOf(defaultRunProperties);
    }

    public Optional<Partitioning> partitioningIfAny() {
        return Optional.ofNullable(partitioning);
    }
}
