package dev.glueorch.cli.ops;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch triggers get NAME...}: GetTrigger, or BatchGetTriggers for several. */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show triggers with their State: one name answers as GetTrigger ({\"Trigger\": ...}), several "
                + "as BatchGetTriggers ({\"Triggers\": [...], \"TriggersNotFound\": [...]}).",
            "An unknown name alone fails; among several it is listed in TriggersNotFound."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class TriggersGetCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Trigger names.")
    List<String> names;

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.getTriggers(names));
    }
}
