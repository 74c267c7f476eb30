package dev.glueorch.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What a command did not turn into a message itself, as one line on stderr instead of picocli's stack trace. The
 * commands report what a user can cause (bad definitions, scenario, connection) with a message that says what to
 * fix; this is the net under them: a file that cannot be read (exit 2), else a bug (exit 1), whose trace
 * {@value #TRACE_VARIABLE}=1 prints for the report.
 */
final class FailureHandler implements IExecutionExceptionHandler {

    static final String TRACE_VARIABLE = "GLUEORCH_STACK_TRACE";

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        int code;
        if (e instanceof UncheckedIOException unreadable) {
            err.println(name + ": " + unreadable.getMessage() + ": " + unreadable.getCause().getMessage()
                    + " (check the path and its permissions)");
            code = ExitStatus.BAD_INPUT;
        } else {
            err.println(name + " failed unexpectedly (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "): please report it with the command line; " + TRACE_VARIABLE + "=1 prints the details");
            code = ExitStatus.FAILED;
        }
        if ("1".equals(System.getenv(TRACE_VARIABLE))) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
