package dev.glueorch.cli.ops;

import dev.glueorch.engine.TriggerState;
import picocli.CommandLine.Command;

/** {@code glueorch triggers deactivate NAME}: StopTrigger. */
@Command(name = "deactivate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deactivate a trigger (as StopTrigger): a SCHEDULED one starts no run, a CONDITIONAL one "
                + "does not fire; runs under way go on.",
            "Answers as StopTrigger ({\"Name\": ...}). The functions see the change within their definitions refresh "
                + "period (a minute by default)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class TriggersDeactivateCommand extends TriggerStateCommand {

    TriggersDeactivateCommand() {
        super(TriggerState.DEACTIVATED);
    }
}
