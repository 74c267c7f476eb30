package dev.glueorch.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every {@code *.json} workflow file under a folder and validates them as one set. Files ending in
 * {@value #SCENARIO_SUFFIX} are simulator scenarios kept beside their workflows, not definitions.
 */
public final class DefinitionLoader {

    public static final String SCENARIO_SUFFIX = ".scenario.json";

    private final DefinitionValidator validator = new DefinitionValidator();

    /**
     * Loads {@code folder/**&#47;*.json}, naming files relative to {@code folder}'s parent in errors.
     *
     * @throws DefinitionException with every error of every file, or when the folder holds no workflow file
     */
    public Definitions load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DefinitionException(List.of(new DefinitionError(folder.toString(), "", "",
                    "is not a folder; point at the folder that holds the workflow files")));
        }
        Map<String, String> files = new LinkedHashMap<>();
        Path base = folder.toAbsolutePath().normalize().getParent();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(p -> isWorkflowFile(p)).sorted()
                    .toList()) {
                Path absolute = path.toAbsolutePath().normalize();
                String name = (base == null ? absolute : base.relativize(absolute)).toString().replace('\\', '/');
                files.put(name, Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workflow files under " + folder, e);
        }
        if (files.isEmpty()) {
            throw new DefinitionException(List.of(new DefinitionError(folder.toString(), "", "",
                    "holds no *.json workflow file")));
        }
        return validator.validateAll(files);
    }

    private static boolean isWorkflowFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".json") && !name.endsWith(SCENARIO_SUFFIX) && Files.isRegularFile(path);
    }
}
