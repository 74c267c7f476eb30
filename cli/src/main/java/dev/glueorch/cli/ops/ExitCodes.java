package dev.glueorch.cli.ops;

/** The exit codes the operator commands list in their help (the values are {@code GlueOrch}'s). */
final class ExitCodes {

    static final String HEADING = "%nExit codes:%n";
    static final String OK = "0:success";
    static final String FAILED = "1:the operation failed (unknown workflow, run or trigger; a run in the wrong state; "
            + "AWS refused or could not be reached): the message says what to do";
    static final String BAD_INPUT = "2:bad usage or input";

    private ExitCodes() {
    }
}
