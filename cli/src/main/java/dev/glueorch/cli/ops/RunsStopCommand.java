package dev.glueorch.cli.ops;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch runs stop WORKFLOW RUN_ID}: StopWorkflowRun. */
@Command(name = "stop", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stop a RUNNING workflow run: it is STOPPING, its running job runs are asked to stop and "
                + "nothing fires any more; it is STOPPED when the last one ended. Answers as StopWorkflowRun ({}).",
            "A run that is not RUNNING (completed, stopping or stopped) is refused with exit code 1."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class RunsStopCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow.")
    String workflow;

    @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run (wr_...).")
    String runId;

    @Mixin
    Output output;

    @Mixin
    PublishingConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.stopWorkflowRun(workflow, runId));
    }
}
