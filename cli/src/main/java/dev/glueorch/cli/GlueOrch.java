package dev.glueorch.cli;

import dev.glueorch.cli.dlq.DlqCommand;
import dev.glueorch.cli.imports.ImportCommand;
import dev.glueorch.cli.local.LocalCommand;
import dev.glueorch.cli.ops.BackfillCommand;
import dev.glueorch.cli.ops.DefinitionsCommand;
import dev.glueorch.cli.ops.PartitionsCommand;
import dev.glueorch.cli.ops.RunsCommand;
import dev.glueorch.cli.ops.TriggersCommand;
import dev.glueorch.cli.ops.WorkflowsCommand;
import dev.glueorch.cli.report.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code glueorch}: the glue-orchestrator command line. */
@Command(name = "glueorch", mixinStandardHelpOptions = true, version = "glueorch 0.1.0",
        description = "Import, validate, simulate, operate and report on glue-orchestrator workflows.",
        subcommands = {ValidateCommand.class, SimulateCommand.class, WorkflowsCommand.class, TriggersCommand.class,
            RunsCommand.class, BackfillCommand.class, PartitionsCommand.class, ReportCommand.class, DefinitionsCommand.class, LocalCommand.class,
            DlqCommand.class, ImportCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed", "2:bad usage or input (definitions, scenario)"})
public final class GlueOrch {

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
        commandLine.setExecutionStrategy(GlueOrch::refuseUnmatchedThenRun);
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine.execute(args);
    }

    /*
     * picocli tolerates unmatched arguments once --help is given, so "glueorch partitons --help" printed the
     * top-level help and exited 0 as if the command existed: refuse them before anything runs, help included.
     */
    private static int refuseUnmatchedThenRun(ParseResult parseResult) {
        for (ParseResult command = parseResult; command != null; command = command.subcommand()) {
            if (!command.unmatched().isEmpty()) {
                throw new UnmatchedArgumentException(command.commandSpec().commandLine(), command.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }
}
