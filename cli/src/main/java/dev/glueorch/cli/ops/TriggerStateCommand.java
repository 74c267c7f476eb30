package dev.glueorch.cli.ops;

import dev.glueorch.engine.TriggerState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code triggers activate} and {@code triggers deactivate} share: set one trigger's state. */
abstract class TriggerStateCommand implements Callable<Integer> {

    private final TriggerState state;

    @Parameters(paramLabel = "NAME", description = "The trigger.")
    String name;

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    TriggerStateCommand(TriggerState state) {
        this.state = state;
    }

    @Override
    public Integer call() {
        return OperationRunner.run(spec, connection, output, glue -> glue.setTriggerState(name, state));
    }
}
