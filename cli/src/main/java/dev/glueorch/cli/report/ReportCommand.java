package dev.glueorch.cli.report;

import dev.glueorch.cli.ops.ConnectionOptions;
import dev.glueorch.cli.ops.ExitCodes;
import dev.glueorch.cli.ops.OperationRunner;
import dev.glueorch.cli.ops.SinceConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch report WORKFLOW [--since AGE|TIME | --run RUN_ID] --out FILE}. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write an HTML report of a workflow's runs, from the deployed orchestrator's table: the "
                + "workflow graph with each node coloured by its state in the latest run (or --run), a timeline of "
                + "every job run and crawl, the runs with Glue's statistics, and the notifications the runs imply; "
                + "for a partitioned workflow, a health bar and a grid of the period's partitions as glueorch "
                + "partitions shows them (not with --run).",
            "One self-contained file (no network when viewed), readable on a laptop or a phone."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
public final class ReportCommand implements Callable<Integer> {

    /** The period when neither --since nor --run is given. */
    static final Duration DEFAULT_PERIOD = Duration.ofHours(24);

    @Parameters(paramLabel = "WORKFLOW", description = "The workflow.")
    String workflow;

    @ArgGroup(exclusive = true)
    Selection selection;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    /** Which runs: a period or one run. */
    static final class Selection {

        @Option(names = "--since", paramLabel = "AGE|TIME", converter = SinceConverter.class,
                description = "Runs started since: an age (90m, 24h, 7d) or a time (2026-11-21T13:00:00Z, "
                        + "2026-11-21); default 24h.")
        Instant since;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "Only this run (wr_...).")
        String runId;
    }

    @Override
    public Integer call() {
        ReportFile file = new ReportFile(spec.commandLine(), "--out", out);
        String runId = selection == null ? null : selection.runId;
        return OperationRunner.withOperations(spec, connection, factory -> {
            // the local orchestrator's time when GLUEORCH_CLOCK is set, as the runs' times are
            Instant now = factory.clock().instant();
            Instant since = selection == null || selection.since == null ? now.minus(DEFAULT_PERIOD)
                    : selection.since;
            return file.write(DeployedReport.of(factory.operations(), factory::definitionsVersion, workflow, since,
                    runId, now), spec.commandLine().getOut(), spec.commandLine().getErr());
        });
    }
}
