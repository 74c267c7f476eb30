package dev.glueorch.contract;

/**
 * The events the orchestrator and the stack must agree on: what Glue and EventBridge send it (sources and
 * detail-types its rules match and its parser reads), and what it publishes (its source and detail-types, which
 * other accounts' orchestrators and users' rules match).
 */
public final class EventTypes {

    /** Glue's own events. */
    public static final String GLUE_SOURCE = "aws.glue";
    public static final String GLUE_JOB_STATE_CHANGE = "Glue Job State Change";
    /** Glue's event for a job run still going after its {@code NotifyDelayAfter}. */
    public static final String GLUE_JOB_RUN_STATUS = "Glue Job Run Status";
    public static final String GLUE_CRAWLER_STATE_CHANGE = "Glue Crawler State Change";
    /** The schedule tick, from an EventBridge schedule rule. */
    public static final String SCHEDULED_EVENT = "Scheduled Event";

    /** The orchestrator's own events. */
    public static final String ORCHESTRATOR_SOURCE = "glue-orchestrator";
    public static final String WORKFLOW_RUN_STARTED = "Workflow Run Started";
    public static final String WORKFLOW_RUN_COMPLETED = "Workflow Run Completed";
    public static final String ACTION_STARTED = "Action Started";
    /** Also what another account's orchestrator listens to, for cross-account conditions. */
    public static final String ACTION_COMPLETED = "Action Completed";

    /** The notifications, each a detail-type of the orchestrator's source. */
    public static final String RUN_DELAYED = "Run Delayed";
    public static final String RUN_NOT_STARTED = "Run Not Started";
    public static final String RUN_TIMED_OUT = "Run Timed Out";
    public static final String RUN_FAILED = "Run Failed";
    public static final String ACTION_START_FAILED = "Action Start Failed";
    /** A partition whose schedule slot passed without a run (past the catch-up limit, or a deactivated trigger). */
    public static final String PARTITION_MISSING = "Partition Missing";

    private EventTypes() {
    }
}
