package dev.glueorch.cli;

import dev.glueorch.cli.dlq.DlqCommand;
import dev.glueorch.cli.ops.BackfillCommand;
import dev.glueorch.cli.ops.RunsCommand;
import dev.glueorch.cli.ops.TriggersCommand;
import dev.glueorch.cli.ops.WorkflowsCommand;
import dev.glueorch.cli.report.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code glueorch}: the glue-orchestrator command line. */
@Command(name = "glueorch", mixinStandardHelpOptions = true, version = "glueorch 0.1.0",
        description = "Validate, simulate, operate and report on glue-orchestrator workflows.",
        subcommands = {ValidateCommand.class, SimulateCommand.class, WorkflowsCommand.class, TriggersCommand.class,
            RunsCommand.class, BackfillCommand.class, ReportCommand.class, DlqCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed", "2:bad usage or input (definitions, scenario)"})
public final class GlueOrch {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private GlueOrch() {
    }

    public static void main(String[] args) {
        System.setProperty("log4j2.configurationFile", "glueorch-log4j2.xml");
        System.exit(run(args));
    }

    /** Runs one command line on the process's standard streams and returns its exit code. */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs one command line, writing results to {@code out} and messages to {@code err}; returns the exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new GlueOrch());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> BAD_INPUT);
        commandLine.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return BAD_INPUT;
        });
        return commandLine.execute(args);
    }
}
