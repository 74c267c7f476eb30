package dev.glueorch.contract;

/** The environment variables the stack sets on every function and the functions read. */
public final class FunctionEnvironment {

    /** The orchestrator's DynamoDB table. */
    public static final String TABLE_NAME = "TABLE_NAME";
    /** The bus the orchestrator publishes its events to, by name and by ARN. */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String EVENT_BUS_ARN = "EVENT_BUS_ARN";
    /** This account, and the accounts whose "Action Completed" events the orchestrator accepts (comma-separated). */
    public static final String ACCOUNT_ID = "ACCOUNT_ID";
    public static final String TRUSTED_ACCOUNTS = "TRUSTED_ACCOUNTS";
    /** Days an ended run is kept before DynamoDB TTL removes it. */
    public static final String HISTORY_TTL_DAYS = "HISTORY_TTL_DAYS";
    /** How often, at most, a function re-reads the current definitions version. */
    public static final String DEFINITIONS_REFRESH_SECONDS = "DEFINITIONS_REFRESH_SECONDS";

    /**
     * The start queue's URL: when set, the tick (and the reconciler's catch-up) hand due schedule slots to the start
     * workers through it instead of starting them in their own invocation.
     */
    public static final String START_QUEUE_URL = "START_QUEUE_URL";
    /** Glue starts per second that the start workers together stay under. */
    public static final String GLUE_START_RATE = "GLUE_START_RATE";
    /** The most start workers that run at once (the event source mapping's maximum concurrency). */
    public static final String START_WORKERS = "START_WORKERS";

    /**
     * The Glue access roles' ARNs, comma-separated, slice 0 first ({@link GlueAccessSlices}): set only when the
     * estate's exact job and crawler ARNs do not fit the function roles' own policies. A function then calls Glue for
     * a job or crawler with the role of its slice.
     */
    public static final String GLUE_ACCESS_ROLE_ARNS = "GLUE_ACCESS_ROLE_ARNS";

    private FunctionEnvironment() {
    }
}
