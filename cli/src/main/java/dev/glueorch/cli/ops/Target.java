package dev.glueorch.cli.ops;

/**
 * The deployed orchestrator a command works on: its table, the bus it publishes to (empty: none), and the stack they
 * were read from ({@code null} when named directly), for messages.
 */
record Target(String tableName, String eventBus, String stackName) {

    /** "table T", or "table T (output TableName of stack S)": what a message about the table names. */
    String describeTable() {
        return "table " + tableName + (stackName == null ? "" : " (output " + StackOutputs.TABLE_NAME + " of stack "
                + stackName + ")");
    }
}
