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

/** {@code glueorch runs start WORKFLOW [--property KEY=VALUE]... [--partition ID]}: StartWorkflowRun. */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start a workflow run now, firing the workflow's ON_DEMAND triggers; answers as "
                + "StartWorkflowRun ({\"RunId\": ...}).",
            "Run properties are the workflow's DefaultRunProperties, then --property values; with --partition, the "
                + "run is that partition's (its partition properties and job arguments), as a schedule slot's "
                + "would be.",
            "Each action Glue refuses to start (an unknown job, no permission, ...) is listed on standard error with "
                + "Glue's error; when Glue refused them all, the run started nothing and the exit code is 1."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class RunsStartCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WORKFLOW", description = "The workflow.")
    String workflow;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "A run property (repeatable); wins over the workflow's DefaultRunProperties.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--partition", paramLabel = "ID",
            description = "The partition to run: 2026-11-21T13 for an hourly workflow, 2026-11-21 for a daily one.")
    String partition;

    @Mixin
    Output output;

    @Mixin
    PublishingConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.startWorkflowRun(workflow, properties,
                partition));
    }
}
