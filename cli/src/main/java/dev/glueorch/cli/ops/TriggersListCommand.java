package dev.glueorch.cli.ops;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code glueorch triggers list [--workflow NAME]}: ListTriggers. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List trigger names, as ListTriggers ({\"TriggerNames\": [...]}).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class TriggersListCommand implements Callable<Integer> {

    @Option(names = "--workflow", paramLabel = "NAME", description = "Only this workflow's triggers.")
    String workflow;

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.listTriggers(workflow));
    }
}
