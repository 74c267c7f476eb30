package dev.glueorch.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error prints the error and one line pointing to {@code --help}, exit code 2: the full usage (35 to 45
 * lines) pushed the one line that says what was wrong off the screen.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(message(e));
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for "
                + (command.getSubcommands().isEmpty() ? "its usage." : "its commands."));
        err.flush();
        return ExitStatus.BAD_INPUT;
    }

    private static String message(ParameterException e) {
        CommandLine command = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched && !command.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            String name = unmatched.getUnmatched().get(0);
            List<String> suggestions = unmatched.getSuggestions();
            return "'" + name + "' is not a " + command.getCommandSpec().qualifiedName() + " command"
                    + (suggestions.isEmpty() ? "" : "; did you mean '" + suggestions.get(0) + "'?");
        }
        if (!command.getSubcommands().isEmpty() && e.getMessage().startsWith("Missing required subcommand")) {
            // without the usage below it, the message must name the commands itself
            return "Missing required subcommand of " + command.getCommandSpec().qualifiedName() + ": one of "
                    + String.join(", ", command.getSubcommands().keySet());
        }
        // picocli 4.7 words a map option's KEY=VALUE error "Value for option option '--set' ..."
        return e.getMessage().replace("option option '", "option '");
    }
}
