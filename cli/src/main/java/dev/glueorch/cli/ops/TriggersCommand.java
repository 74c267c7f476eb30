package dev.glueorch.cli.ops;

import picocli.CommandLine.Command;

/** {@code glueorch triggers}: the deployed triggers, and activating / deactivating them. */
@Command(name = "triggers", mixinStandardHelpOptions = true,
        description = "The triggers of the deployed orchestrator's current definitions.",
        subcommands = {TriggersGetCommand.class, TriggersListCommand.class, TriggersPutCommand.class,
            TriggersDeleteCommand.class, TriggersActivateCommand.class,
            TriggersDeactivateCommand.class})
public final class TriggersCommand {
}
