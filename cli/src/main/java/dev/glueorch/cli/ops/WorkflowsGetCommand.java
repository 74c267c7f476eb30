package dev.glueorch.cli.ops;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch workflows get NAME... [--include-graph]}: GetWorkflow, or BatchGetWorkflows for several. */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show workflows with their last run: one name answers as GetWorkflow ({\"Workflow\": ...}), "
                + "several as BatchGetWorkflows ({\"Workflows\": [...], \"MissingWorkflows\": [...]}).",
            "An unknown name alone fails; among several it is listed in MissingWorkflows."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class WorkflowsGetCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Workflow names.")
    List<String> names;

    @Option(names = "--include-graph",
            description = "Add the Graph: TRIGGER, JOB and CRAWLER nodes and their edges (also to LastRun).")
    boolean includeGraph;

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.getWorkflows(names, includeGraph));
    }
}
