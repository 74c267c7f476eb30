package dev.glueorch.cli.ops;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch runs resume WORKFLOW RUN_ID --node ID...}: ResumeWorkflowRun. */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Resume a COMPLETED run (as ResumeWorkflowRun): the chosen nodes and everything downstream "
                + "run again under a new run id that records PreviousRunId; upstream results carry over.",
            "Answers {\"RunId\": ..., \"NodeIds\": [...]}."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class RunsResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow.")
    String workflow;

    @Parameters(index = "1", paramLabel = "RUN_ID", description = "The completed run (wr_...).")
    String runId;

    @Option(names = "--node", required = true, paramLabel = "ID",
            description = "A node to run again, as Graph.Nodes[].UniqueId shows it: JOB:name, CRAWLER:name or "
                    + "TRIGGER:name (repeatable).")
    List<String> nodes;

    @Mixin
    Output output;

    @Mixin
    PublishingConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.resumeWorkflowRun(workflow, runId, nodes));
    }
}
