package dev.glueorch.cli.ops;

import dev.glueorch.cli.DefinitionFolder;
import dev.glueorch.cli.ExitStatus;
import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.Definitions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch definitions publish DIR}: what the stack's definitions deployment does, from a folder. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Validate every workflow file under DIR (the validator of 'glueorch validate' and of the CDK "
                + "synth) and publish them to the table as a new immutable definitions version, then make it current, "
                + "as 'cdk deploy' does: new runs use it, runs in flight keep theirs, deactivated triggers stay "
                + "deactivated.",
            "For teams that ship definitions outside 'cdk deploy', and for the local orchestrator ('glueorch local'). "
                + "A later 'cdk deploy' publishes the stack's own folder again."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, "2:bad usage or input: the validator's errors, one a line; "
                + "nothing is published"})
public final class DefinitionsPublishCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Folder of workflow files (*.json, scenarios excluded).")
    Path folder;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Definitions definitions;
        try {
            definitions = DefinitionFolder.load(folder);
        } catch (DefinitionException e) {
            return DefinitionFolder.printErrors(e, spec.commandLine().getErr(), "nothing was published");
        }
        return OperationRunner.withOperations(spec, connection, factory -> {
            factory.publish(definitions);
            spec.commandLine().getOut().println(summary(definitions, factory.target().tableName()));
            spec.commandLine().getOut().flush();
            return ExitStatus.OK;
        });
    }

    /** What a publication says: the version, where, and what it holds. */
    public static String summary(Definitions definitions, String table) {
        return String.format("Published definitions version %s to table %s: %d workflow(s), %d trigger(s); it is "
                        + "current", definitions.version(), table, definitions.workflows().size(),
                DefinitionFolder.triggerCount(definitions));
    }
}
