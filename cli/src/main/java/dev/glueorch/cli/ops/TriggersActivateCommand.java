package dev.glueorch.cli.ops;

import dev.glueorch.engine.TriggerState;
import picocli.CommandLine.Command;

/** {@code glueorch triggers activate NAME}: StartTrigger. */
@Command(name = "activate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Activate a trigger (as StartTrigger): a SCHEDULED one starts runs again, a CONDITIONAL one "
                + "fires again.",
            "Answers as StartTrigger ({\"Name\": ...}). The functions see the change within their definitions refresh "
                + "period (a minute by default)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class TriggersActivateCommand extends TriggerStateCommand {

    TriggersActivateCommand() {
        super(TriggerState.ACTIVATED);
    }
}
