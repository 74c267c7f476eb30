package dev.glueorch.cli.ops;

import dev.glueorch.engine.PartitionOperations;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch backfill WORKFLOW --from P --to P [--max-concurrent N]} (no Glue counterpart). */
@Command(name = "backfill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run every partition from --from to --to (both included) the way the schedule would: one "
                + "run per partition, through the same exactly-once path, so partitions that already ran, and a "
                + "second backfill of the same range, start nothing twice.",
            "Waits until the runs it started finished; shows a progress bar on a terminal."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
public final class BackfillCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "A partitioned workflow.")
    String workflow;

    @Option(names = "--from", required = true, paramLabel = "PARTITION",
            description = "First partition: 2026-11-01T00 (hourly) or 2026-11-01 (daily).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "PARTITION", description = "Last partition, included.")
    String to;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "2",
            description = "Runs of the backfill active at once (default: ${DEFAULT-VALUE}); the workflow's "
                    + "MaxConcurrentRuns still applies.")
    int maxConcurrent;

    @Mixin
    Output output;

    @Mixin
    PublishingConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.backfill(workflow, from, to,
                maxConcurrent, progressBar(spec.commandLine().getErr())));
    }

    /** Draws {@link #bar} over itself on {@code err}, on a terminal only: a pipe or a file gets no bar. */
    static Consumer<PartitionOperations.BackfillProgress> progressBar(PrintWriter err) {
        boolean terminal = System.console() != null;
        return progress -> {
            if (terminal) {
                err.print("\r" + bar(progress));
                err.flush();
            }
        };
    }

    /** {@code [#####.....] 5/10 partitions, 1 running}. */
    static String bar(PartitionOperations.BackfillProgress progress) {
        int done = progress.skipped() + progress.finished();
        int width = 30;
        int filled = progress.partitions() == 0 ? width : width * done / progress.partitions();
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + progress.partitions()
                + " partitions, " + (progress.started() - progress.finished()) + " running ";
    }
}
