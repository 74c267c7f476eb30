package dev.glueorch.cli.dlq;

import picocli.CommandLine.Command;

/** {@code glueorch dlq}: work on the deployed stack's dead-letter queues. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Work on the deployed stack's SQS dead-letter queues (the functions' and the EventBridge rule "
                + "targets').",
        subcommands = {ReplayCommand.class})
public final class DlqCommand {
}
