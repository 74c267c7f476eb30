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

    private FunctionEnvironment() {
    }
}
