package dev.glueorch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's shared files (sample events, example workflows), found from any module's folder. */
public final class Resources {

    private Resources() {
    }

    /** The repository root: the nearest folder upwards that holds {@code events/} and {@code workflows/}. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isDirectory(dir.resolve("workflows"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("run the tests inside the repository: no events/ and workflows/ found");
    }

    public static String event(String name) {
        return read(root().resolve("events").resolve(name));
    }

    public static Path exampleWorkflows() {
        return root().resolve("workflows/examples/hourly");
    }

    public static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
