package dev.glueorch.cli;

import dev.glueorch.model.DefinitionError;
import dev.glueorch.model.DefinitionException;
import dev.glueorch.model.DefinitionLimits;
import dev.glueorch.model.DefinitionLoader;
import dev.glueorch.model.Definitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The workflow files of a folder, as {@code validate} and {@code simulate} load them: first refuses any file too
 * large to ever be stored, then loads and validates the rest with the deployment's {@link DefinitionLoader}.
 */
final class DefinitionFolder {

    private DefinitionFolder() {
    }

    /**
     * Loads {@code folder}.
     *
     * @throws DefinitionException naming every file larger than a definitions item, else every validation error
     */
    static Definitions load(Path folder) {
        List<DefinitionError> tooLarge = tooLarge(folder);
        if (!tooLarge.isEmpty()) {
            throw new DefinitionException(tooLarge);
        }
        return new DefinitionLoader().load(folder);
    }

    /*
     * The stack stores each file's text in one DynamoDB item, so a file beyond the item limit can never deploy.
     * Refusing it unread also spares reading a file of tens of MB into memory, where Jackson's string length
     * limit would end the parse without saying where.
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
                if (bytes > DefinitionLimits.MAX_ITEM_BYTES) {
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
