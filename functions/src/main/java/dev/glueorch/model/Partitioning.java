package dev.glueorch.model;

import java.time.ZoneId;

/**
 * How a workflow's runs map to data partitions (extension): a scheduled slot, shifted by {@code offset} units of
 * {@code granularity} in {@code timeZone}, names the partition a run processes. {@code dayKey} and
 * {@code hourKey} are the partition column names passed to jobs, as in the Glue guide's hourly example.
 */
public record Partitioning(Granularity granularity, int offset, ZoneId timeZone, String dayKey, String hourKey) {

    public static final int DEFAULT_OFFSET = -1;
    public static final String DEFAULT_TIME_ZONE = "UTC";
    public static final String DEFAULT_DAY_KEY = "partition_0";
    public static final String DEFAULT_HOUR_KEY = "partition_1";
}
