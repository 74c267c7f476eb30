package dev.glueorch.cli.ops;

import picocli.CommandLine.Command;

/** {@code glueorch runs}: start, follow, change and stop workflow runs. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Workflow runs of the deployed orchestrator, in the shapes of Glue's workflow run operations.",
        subcommands = {RunsStartCommand.class, RunsGetCommand.class, RunsListCommand.class,
            RunsPropertiesCommand.class, RunsStopCommand.class, RunsResumeCommand.class})
public final class RunsCommand {
}
