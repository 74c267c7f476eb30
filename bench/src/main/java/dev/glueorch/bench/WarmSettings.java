package dev.glueorch.bench;

/** The sizes of the handler JVM's figures, passed as system properties by {@link Benchmark}. */
record WarmSettings(int warmupRuns, int measuredRuns, int fanInJobs, int fanInThreads, int triggers,
                    int dueTriggers, String floorDynamoDbEndpoint) {

    static WarmSettings fromSystemProperties() {
        return new WarmSettings(Integer.getInteger("bench.warmupRuns"), Integer.getInteger("bench.measuredRuns"),
                Integer.getInteger("bench.fanInJobs"), Integer.getInteger("bench.fanInThreads"),
                Integer.getInteger("bench.triggers"), Integer.getInteger("bench.dueTriggers"),
                System.getProperty("bench.floorDynamoDb"));
    }

    String[] asSystemProperties() {
        return new String[]{"-Dbench.warmupRuns=" + warmupRuns, "-Dbench.measuredRuns=" + measuredRuns,
            "-Dbench.fanInJobs=" + fanInJobs, "-Dbench.fanInThreads=" + fanInThreads,
            "-Dbench.triggers=" + triggers, "-Dbench.dueTriggers=" + dueTriggers,
            "-Dbench.floorDynamoDb=" + floorDynamoDbEndpoint};
    }
}
