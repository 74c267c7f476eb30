package dev.glueorch.cli.ops;

/** The exit codes the operator commands list in their help (the values are {@code GlueOrch}'s). */
public final class ExitCodes {

    public static final String HEADING = "%nExit codes:%n";
    public static final String OK = "0:success";
    public static final String FAILED = "1:the operation failed (unknown workflow, run or trigger; a run in the wrong "
            + "state; AWS refused or could not be reached): the message says what to do";
    public static final String BAD_INPUT = "2:bad usage or input";

    private ExitCodes() {
    }
}
