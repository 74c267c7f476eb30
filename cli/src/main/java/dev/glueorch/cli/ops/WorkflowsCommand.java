package dev.glueorch.cli.ops;

import picocli.CommandLine.Command;

/** {@code glueorch workflows}: the deployed workflows, as Glue's GetWorkflow / ListWorkflows give them. */
@Command(name = "workflows", mixinStandardHelpOptions = true,
        description = "The workflows of the deployed orchestrator's current definitions.",
        subcommands = {WorkflowsGetCommand.class, WorkflowsListCommand.class})
public final class WorkflowsCommand {
}
