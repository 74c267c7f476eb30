package dev.glueorch.cli;

import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch validate DIR}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate every workflow file under DIR with the same validator the deployment uses; print "
                + "every error (file, object, field, reason).")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Folder of workflow files (*.json, scenarios excluded).")
    Path folder;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            Definitions definitions = DefinitionFolder.load(folder);
            int triggers = DefinitionFolder.triggerCount(definitions);
            spec.commandLine().getOut().printf("OK: %d workflow(s), %d trigger(s), definitions version %s%n",
                    definitions.workflows().size(), triggers, definitions.version());
            for (WorkflowDefinition workflow : definitions.workflows().values()) {
                spec.commandLine().getOut().printf("  %s (%s)%n", workflow.name(), workflow.source());
            }
            return ExitStatus.OK;
        } catch (DefinitionException e) {
            return DefinitionFolder.printErrors(e, spec.commandLine().getErr(), "nothing is valid until all are fixed");
        }
    }
}
