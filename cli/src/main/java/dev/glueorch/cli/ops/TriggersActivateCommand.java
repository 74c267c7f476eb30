package dev.glueorch.cli.ops;

import dev.glueorch.engine.TriggerState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch triggers activate NAME}: StartTrigger. */
@Command(name = "activate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Activate a trigger (as StartTrigger): a SCHEDULED one starts runs again, a CONDITIONAL one "
                + "fires again.",
            "Answers as StartTrigger ({\"Name\": ...}). The functions see the change within their definitions refresh "
                + "period (a minute by default)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class TriggersActivateCommand implements Callable<Integer> {

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
                TriggerState.ACTIVATED));
    }
}
