package dev.glueorch.cli.report;

/** Where a report's notifications come from. */
public enum NotificationSource {
    /** What the orchestrator published (a simulation records every notification). */
    SENT,
    /**
     * Worked out from the runs: a deployed table keeps only a marker per notification sent (so that it is sent
     * once), not the notification, so the report shows what the runs' final states and the actions' delay settings
     * imply.
     */
    DERIVED
}
