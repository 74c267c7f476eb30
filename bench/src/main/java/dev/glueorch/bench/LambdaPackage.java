package dev.glueorch.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The deployment package (functions' Lambda zip), unpacked as Lambda unpacks it into {@code /var/task}. */
final class LambdaPackage {

    private final Path zip;
    private final Path task;

    private LambdaPackage(Path zip, Path task) {
        this.zip = zip;
        this.task = task;
    }

    static LambdaPackage unpack(Path zip, Path into) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no deployment package at " + zip + ": build it first with "
                    + "./mvnw -pl functions package");
        }
        Path task = Files.createDirectories(into);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                Path target = task.resolve(entry.getName()).normalize();
                if (!target.startsWith(task)) {
                    throw new IllegalStateException(zip + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return new LambdaPackage(zip, task);
    }

    /** The class path Lambda's Java runtime builds: the root, then every jar under lib/. */
    String classpath() {
        return task + File.pathSeparator + task.resolve("lib") + File.separator + "*";
    }

    /** The zip's size in MB (10⁶ bytes), the unit of the target. */
    double sizeMb() throws IOException {
        return Math.round(Files.size(zip) / 1e6 * 100) / 100.0;
    }
}
