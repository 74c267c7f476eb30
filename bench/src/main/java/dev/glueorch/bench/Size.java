package dev.glueorch.bench;

/** How much the benchmark does: {@code full} for the figures, {@code small} for CI, which only checks that it runs. */
enum Size {
    full(7, 200, 2000, 500, 16, 1000, 100, 30, 1000),
    small(1, 5, 20, 20, 4, 50, 5, 2, 50);

    final int coldStarts;
    final int warmupRuns;
    final int measuredRuns;
    final int fanInJobs;
    final int fanInThreads;
    final int triggers;
    final int dueTriggers;
    final int simulatedDays;
    /** Hourly workflows of two first actions each, all due at once (the burst figure). */
    final int burstWorkflows;

    Size(int coldStarts, int warmupRuns, int measuredRuns, int fanInJobs, int fanInThreads, int triggers,
         int dueTriggers, int simulatedDays, int burstWorkflows) {
        this.coldStarts = coldStarts;
        this.warmupRuns = warmupRuns;
        this.measuredRuns = measuredRuns;
        this.fanInJobs = fanInJobs;
        this.fanInThreads = fanInThreads;
        this.triggers = triggers;
        this.dueTriggers = dueTriggers;
        this.simulatedDays = simulatedDays;
        this.burstWorkflows = burstWorkflows;
    }
}
