package dev.glueorch.cli.ops;

import dev.glueorch.cli.local.LocalClock;
import dev.glueorch.engine.PartitionOperations;
import dev.glueorch.engine.RepairPlan;
import dev.glueorch.engine.RepairResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glueorch partitions repair WORKFLOW --failed|--missing [--since AGE|TIME | --from P --to P] [--dry-run]
 * [--max-concurrent N]} (no Glue counterpart).
 */
@Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Repair the partitions of a period, the ones 'glueorch partitions' shows: --failed resumes "
                + "each FAILED partition's run with Glue's ResumeWorkflowRun rules (its failed, timed-out, errored "
                + "and stopped jobs and crawlers, and what follows them, run again under a new run that records "
                + "PreviousRunId); --missing starts each MISSING partition's run the way its schedule slot would "
                + "have.",
            "STOPPED partitions are left as they are, an operator's stop being a decision (the listing says how to "
                + "rerun one where Glue allows it); RUNNING, QUEUED, SUCCEEDED and NOT_DUE ones are never touched.",
            "Each repair's run id is derived from what it repairs, so a repair running at the same time, or this one "
                + "repeated, starts nothing twice. Waits until its runs finished, at most --max-concurrent at "
                + "once, with a progress bar on a terminal; --dry-run lists what it would do and starts nothing."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:success, nothing to repair included", PartitionsRepairCommand.REFUSED,
            ExitCodes.BAD_INPUT})
public final class PartitionsRepairCommand implements Callable<Integer> {

    static final String REFUSED = "1:a failed partition cannot be repaired (the message says which and why), or the "
            + "operation failed (unknown workflow; AWS refused or could not be reached)";

    @Parameters(paramLabel = "WORKFLOW", description = "A partitioned workflow.")
    String workflow;

    @Option(names = "--failed", description = "Resume the runs of FAILED partitions.")
    boolean failed;

    @Option(names = "--missing", description = "Start the runs of MISSING partitions (their slot passed without a "
            + "run), as the schedule would have.")
    boolean missing;

    @ArgGroup(exclusive = true)
    PartitionsCommand.Period period;

    @Option(names = "--dry-run", description = "List what the repair would do, partition by partition; start nothing.")
    boolean dryRun;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "2",
            description = "Runs of the repair active at once (default: ${DEFAULT-VALUE}); a started partition's run "
                    + "still waits for the workflow's MaxConcurrentRuns.")
    int maxConcurrent;

    @Mixin
    Output output;

    @Mixin
    PublishingConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!failed && !missing) {
            throw new ParameterException(spec.commandLine(), PartitionOperations.NOTHING_TO_REPAIR);
        }
        if (maxConcurrent < 1) {
            throw new ParameterException(spec.commandLine(), PartitionOperations.TOO_FEW_CONCURRENT);
        }
        return OperationRunner.withOperations(spec, connection, factory -> {
            PartitionOperations operations = factory.partitionOperations();
            RepairPlan plan = operations.planRepair(PartitionsCommand.grid(factory, workflow, period), failed,
                    missing);
            if (dryRun) {
                return OperationRunner.respond(spec, output, RepairTable.planned(plan));
            }
            RepairResult result = operations.repair(plan, maxConcurrent,
                    BackfillCommand.progressBar(spec.commandLine().getErr()), LocalClock.sleeper(factory.clock()));
            return OperationRunner.respond(spec, output, RepairTable.done(result));
        });
    }
}
