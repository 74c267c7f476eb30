package dev.glueorch.cli.ops;

import dev.glueorch.engine.TriggerState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch triggers deactivate NAME}: StopTrigger. */
@Command(name = "deactivate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deactivate a trigger (as StopTrigger): a SCHEDULED one starts no run, a CONDITIONAL one "
                + "does not fire; runs under way go on.",
            "Answers as StopTrigger ({\"Name\": ...}). The functions see the change within their definitions refresh "
                + "period (a minute by default)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class TriggersDeactivateCommand implements Callable<Integer> {

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
        return OperationRunner.run(spec, connection, output, glue -> glue.setTriggerState(name,
                TriggerState.DEACTIVATED));
    }
}
