package dev.glueorch.cli.ops;

import picocli.CommandLine.Option;

/**
 * The connection of a command that starts, stops or changes runs or triggers: the engine publishes the events the
 * functions would (run started, job run failed, ...) to the orchestrator's bus, so the command takes the bus too.
 */
public final class PublishingConnectionOptions extends ConnectionOptions {

    /** The bus's name when neither {@code --event-bus} nor a stack names it: the construct's default. */
    static final String DEFAULT_EVENT_BUS = "glue-orchestrator";

    @Option(names = "--event-bus", paramLabel = "NAME",
            description = "The orchestrator's EventBridge bus, where starting or stopping a run publishes its events "
                    + "as the functions would (default: the --stack's EventBusName, else " + DEFAULT_EVENT_BUS
                    + "; an empty name publishes nothing).")
    String eventBus;

    @Override
    String eventBus(StackOutputs stack) {
        if (eventBus != null) {
            return eventBus;
        }
        return stack == null ? DEFAULT_EVENT_BUS : stack.eventBusName(DEFAULT_EVENT_BUS);
    }
}
