package dev.glueorch.cli.ops;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code glueorch workflows list}: ListWorkflows. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the workflows of the current definitions, as ListWorkflows ({\"Workflows\": [...]}).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class WorkflowsListCommand implements Callable<Integer> {

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, GlueOperations::listWorkflows);
    }
}
