package dev.glueorch.cli;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.glueorch.model.DefinitionError;
import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.DefinitionLimits;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The workflow files of a folder, as {@code validate} and {@code simulate} load them: first refuses, unread, any file
 * too large for the JSON parser, then loads and validates the rest with the deployment's {@link DefinitionLoader}.
 */
public final class DefinitionFolder {

    private DefinitionFolder() {
    }

    /**
     * Loads {@code folder}.
     *
     * @throws DefinitionException naming every file too large to parse, else every validation error
     */
    public static Definitions load(Path folder) {
        List<DefinitionError> tooLarge = tooLarge(folder);
        if (!tooLarge.isEmpty()) {
            throw new DefinitionException(tooLarge);
        }
        return new DefinitionLoader().load(folder);
    }

    /**
     * Prints every error of {@code refused}, one a line, then how many and {@code consequence}; returns the exit code
     * of bad input.
     */
    public static int printErrors(DefinitionException refused, PrintWriter err, String consequence) {
        for (DefinitionError error : refused.errors()) {
            err.println(error);
        }
        err.printf("%d error(s): %s%n", refused.errors().size(), consequence);
        return ExitStatus.BAD_INPUT;
    }

    /** How many triggers the workflows of {@code definitions} have. */
    public static int triggerCount(Definitions definitions) {
        return definitions.workflows().values().stream().mapToInt(w -> w.triggers().size()).sum();
    }

    /*
     * A file of more than Jackson's longest string (20,000,000 characters) may hold a string the parser refuses
     * without a location, which the validator cannot report. Such a file is far beyond the one DynamoDB item the
     * stack stores it in anyway; below the bound the validator's message (which part to shorten) is the better one.
     */
    private static List<DefinitionError> tooLarge(Path folder) {
        List<DefinitionError> errors = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return errors;
        }
        Path base = folder.toAbsolutePath().normalize().getParent();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(DefinitionFolder::isWorkflowFile).sorted().toList()) {
                long bytes = Files.size(path);
                if (bytes > StreamReadConstraints.DEFAULT_MAX_STRING_LEN) {
                    Path absolute = path.toAbsolutePath().normalize();
                    String name = (base == null ? absolute : base.relativize(absolute)).toString().replace('\\', '/');
                    errors.add(new DefinitionError(name, "", "", String.format(Locale.ROOT, "is %,d bytes; the "
                            + "stack stores each workflow file as one DynamoDB item of at most %,d bytes (400 KB): "
                            + "split it into several workflow files or shorten its descriptions", bytes,
                            DefinitionLimits.MAX_ITEM_BYTES)));
                }
            }
        } catch (IOException e) {
            // the loader reads the folder next and reports what it cannot read
            return List.of();
        }
        return errors;
    }

    private static boolean isWorkflowFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".json") && !name.endsWith(DefinitionLoader.SCENARIO_SUFFIX) && Files.isRegularFile(path);
    }
}
