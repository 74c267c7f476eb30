package dev.glueorch.cli.ops;

import picocli.CommandLine.Command;

/** {@code glueorch definitions}: the definitions versions in the orchestrator's table. */
@Command(name = "definitions", mixinStandardHelpOptions = true,
        description = "The orchestrator's definitions: versions in its table, one of them current.",
        subcommands = {DefinitionsPublishCommand.class})
public final class DefinitionsCommand {
}
