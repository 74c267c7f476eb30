package dev.glueorch.cli.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch runs properties WORKFLOW RUN_ID [--set KEY=VALUE]...}: Get/PutWorkflowRunProperties. */
@Command(name = "properties", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show a run's properties, as GetWorkflowRunProperties ({\"RunProperties\": {...}}).",
            "With --set, first add or replace properties (PutWorkflowRunProperties): actions fired afterwards see "
                + "them in their $${name} arguments."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class RunsPropertiesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow.")
    String workflow;

    @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run (wr_...).")
    String runId;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A property to add or replace (repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.runProperties(workflow, runId,
                properties));
    }
}
