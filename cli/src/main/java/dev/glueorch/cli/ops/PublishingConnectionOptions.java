package dev.glueorch.cli.ops;

import picocli.CommandLine.Option;

/**
 * The connection of a command that starts, stops or changes runs or triggers: the engine publishes the events the
 * functions would (run started, job run failed, ...) to the orchestrator's bus, so the command takes the bus too.
 */
public final class PublishingConnectionOptions extends ConnectionOptions {

    @Option(names = "--event-bus", paramLabel = "NAME", defaultValue = "glue-orchestrator",
            description = "The orchestrator's EventBridge bus, where starting or stopping a run publishes its events "
                    + "as the functions would (default: ${DEFAULT-VALUE}; an empty name publishes nothing).")
    String eventBus;

    @Override
    String eventBus() {
        return eventBus == null ? "" : eventBus;
    }
}
