package dev.glueorch.cli.ops;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch triggers delete NAME}: DeleteTrigger. */
@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Delete a trigger from its workflow (as DeleteTrigger) and publish the result as a new "
                + "definitions version, once it validates; runs in flight keep theirs. Answers {\"Name\": ...}."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class TriggersDeleteCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The trigger.")
    String name;

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.deleteTrigger(name));
    }
}
