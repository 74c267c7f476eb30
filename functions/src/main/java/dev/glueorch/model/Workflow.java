package dev.glueorch.model;

import java.util.Map;
import java.util.Optional;

/**
 * A Glue workflow: the scope of its runs. {@code maxConcurrentRuns} is {@code null} when unlimited;
 * {@code partitioning} is {@code null} when runs are not tied to data partitions; {@code expectedStartBy}
 * (extension, minutes after a schedule slot) is {@code null} when a late start needs no notification;
 * {@code notifyMissingWhileDeactivated} (extension, partitioned workflows only) sends "Partition Missing" also for
 * the slots that pass while a SCHEDULED trigger is DEACTIVATED, not only for those past the catch-up limit.
 */
public record Workflow(String name, String description, Map<String, String> defaultRunProperties,
                       Integer maxConcurrentRuns, Partitioning partitioning, Integer expectedStartBy,
                       boolean notifyMissingWhileDeactivated) {

    public Workflow {
        defaultRunProperties = Map.copyOf(defaultRunProperties);
    }

    /** A workflow that is not told about the slots its deactivated triggers let pass (the default). */
    public Workflow(String name, String description, Map<String, String> defaultRunProperties,
                    Integer maxConcurrentRuns, Partitioning partitioning, Integer expectedStartBy) {
        this(name, description, defaultRunProperties, maxConcurrentRuns, partitioning, expectedStartBy, false);
    }

    public Optional<Partitioning> partitioningIfAny() {
        return Optional.ofNullable(partitioning);
    }
}
