package dev.glueorch.cli.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glueorch triggers put FILE}: CreateTrigger / UpdateTrigger. */
@Command(name = "put", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create or replace a trigger from FILE, a trigger in Glue's shape with its WorkflowName (as "
                + "CreateTrigger / UpdateTrigger take it).",
            "The whole set is validated as a deployment validates it and published as a new definitions version; "
                + "runs in flight keep theirs. Answers {\"Name\": ...}."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT})
final class TriggersPutCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The trigger, as JSON.")
    Path file;

    @Mixin
    Output output;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println(file + ": cannot be read (" + e.getMessage() + ")");
            return dev.glueorch.cli.ExitStatus.BAD_INPUT;
        }
        return OperationRunner.run(spec, connection, output, glue -> glue.putTrigger(json));
    }
}
