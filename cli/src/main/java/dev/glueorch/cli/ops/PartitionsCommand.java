package dev.glueorch.cli.ops;

import dev.glueorch.cli.ExitStatus;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.PartitionOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch partitions WORKFLOW [--since AGE|TIME | --from P --to P]} (no Glue counterpart). */
@Command(name = "partitions", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = PartitionsRepairCommand.class,
        description = {"Show the health of a partitioned workflow's partitions, newest first: every partition its "
                + "schedules imply in the period and every partition with a run, each SUCCEEDED, FAILED, RUNNING, "
                + "QUEUED, STOPPED, MISSING (its slot passed without a run) or NOT_DUE, with the state of each job "
                + "in the partition's run.",
            "The table is a grid (a row per partition, a column per job) under the counts per state; --output json "
                + "gives {\"Workflow\", \"From\", \"To\", \"Counts\", \"Partitions\"}."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
public final class PartitionsCommand implements Callable<Integer> {

    /** The period when neither --since nor --from/--to is given. */
    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

    /*
     * Optional to picocli only: it checks a command's required parameters before handing over to a subcommand, so a
     * required one would refuse "partitions repair WORKFLOW"; call() requires it.
     */
    @Parameters(paramLabel = "WORKFLOW", arity = "0..1", hideParamSyntax = true,
            description = "A partitioned workflow.")
    String workflow;

    @ArgGroup(exclusive = true)
    Period period;

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    /** Which partitions: those of the slots since a time, or a range of partition ids. */
    static final class Period {

        @Option(names = "--since", paramLabel = "AGE|TIME", converter = SinceConverter.class,
                description = "Partitions of the schedules' slots since: an age (90m, 24h, 7d) or a time "
                        + "(2026-11-21T13:00:00Z, 2026-11-21); default 7d. The next partition shows as NOT_DUE.")
        Instant since;

        @ArgGroup(exclusive = false)
        Range range;
    }

    /** {@code --from P --to P}, both required together. */
    static final class Range {

        @Option(names = "--from", required = true, paramLabel = "PARTITION",
                description = "First partition: 2026-11-01T00 (hourly) or 2026-11-01 (daily).")
        String from;

        @Option(names = "--to", required = true, paramLabel = "PARTITION", description = "Last partition, included.")
        String to;
    }

    @Override
    public Integer call() {
        if (workflow == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'WORKFLOW'");
        }
        return OperationRunner.withOperations(spec, connection, factory -> {
            PartitionGrid grid = grid(factory, workflow, period);
            spec.commandLine().getOut().print(output.render(new Response(PartitionTable.body(grid),
                    PartitionTable.table(grid))));
            spec.commandLine().getOut().flush();
            return ExitStatus.OK;
        });
    }

    /** The grid of {@code workflow}'s partitions in {@code period} ({@code null}: the default period). */
    static PartitionGrid grid(OperationsFactory factory, String workflow, Period period) {
        PartitionOperations operations = factory.partitionOperations();
        if (period != null && period.range != null) {
            return operations.partitions(workflow, period.range.from, period.range.to);
        }
        // the local orchestrator's time when GLUEORCH_CLOCK is set, as the runs' times are
        Instant since = period == null || period.since == null
                ? factory.clock().instant().minus(DEFAULT_PERIOD) : period.since;
        return operations.partitions(workflow, since);
    }
}
