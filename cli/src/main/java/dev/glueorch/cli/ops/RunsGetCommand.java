package dev.glueorch.cli.ops;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch runs get WORKFLOW RUN_ID [--include-graph]}: GetWorkflowRun. */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show a workflow run: status, statistics, properties and actions; answers as GetWorkflowRun "
                + "({\"Run\": ...}).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class RunsGetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow.")
    String workflow;

    @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run (wr_...).")
    String runId;

    @Option(names = "--include-graph", description = "Add the run's Graph as it ran: job nodes with the run's "
            + "JobRuns, crawler nodes with its Crawls.")
    boolean includeGraph;

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.getWorkflowRun(workflow, runId,
                includeGraph));
    }
}
