package dev.glueorch.cli.ops;

import dev.glueorch.engine.WorkflowRunStatus;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch runs list WORKFLOW [--since AGE|TIME] [--status S] [--max-results N] [--next-token T]}. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List a workflow's runs, newest first; answers as GetWorkflowRuns ({\"Runs\": [...], "
                + "\"NextToken\": ...}).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class RunsListCommand implements Callable<Integer> {

    /** GetWorkflowRuns' bound on MaxResults. */
    private static final int MAX_RESULTS = 1000;

    @Parameters(paramLabel = "WORKFLOW", description = "The workflow.")
    String workflow;

    @Option(names = "--since", paramLabel = "AGE|TIME", converter = SinceConverter.class,
            description = "Only runs started since: an age (90m, 24h, 7d) or a time (2026-11-21T13:00:00Z, "
                    + "2026-11-21).")
    Instant since;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only runs in this status: ${COMPLETION-CANDIDATES}.")
    WorkflowRunStatus status;

    @Option(names = "--max-results", paramLabel = "N", defaultValue = "25",
            description = "At most N runs (1 to 1000; default: ${DEFAULT-VALUE}).")
    int maxResults;

    @Option(names = "--next-token", paramLabel = "TOKEN", description = "The NextToken of the previous page.")
    String nextToken;

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw new ParameterException(spec.commandLine(), "--max-results: must be 1 to " + MAX_RESULTS + ", was "
                    + maxResults);
        }
        return OperationRunner.run(spec, connection, output, glue -> glue.getWorkflowRuns(workflow, since, status,
                maxResults, nextToken));
    }
}
