package dev.glueorch.model;

/** The size of one partition of a partitioned workflow (extension). */
public enum Granularity {
    HOUR, DAY
}
