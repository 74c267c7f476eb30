package dev.glueorch.cli.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, on a report file: each call a fresh browser with its own profile, no
 * network services, no GPU. The tests need it; without it they fail (never skip), saying how to install it.
 */
final class Chromium {

    private static final long TIMEOUT_SECONDS = 120;

    private Chromium() {
    }

    /** The DOM once the page's script has run, with the window {@code width} × {@code height}. */
    static String dumpDom(Path page, String fragment, int width, int height) {
        return new String(run(page, fragment, width, height, "--dump-dom"), StandardCharsets.UTF_8);
    }

    /** A PNG of the window, {@code width} × {@code height}. */
    static void screenshot(Path page, String fragment, int width, int height, Path png) {
        run(page, fragment, width, height, "--run-all-compositor-stages-before-draw",
                "--screenshot=" + png.toAbsolutePath());
        if (!Files.isRegularFile(png)) {
            fail("chromium wrote no screenshot to " + png);
        }
    }

    private static byte[] run(Path page, String fragment, int width, int height, String... what) {
        Path work = null;
        try {
            work = Files.createTempDirectory("glueorch-chromium-");
            Path profile = work.resolve("profile");
            List<String> command = new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height));
            command.addAll(List.of(what));
            command.add(page.toAbsolutePath().toUri() + (fragment == null ? "" : "#" + fragment));
            Path log = work.resolve("stderr.txt");
            Path out = work.resolve("stdout.txt");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                fail("chromium exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while chromium ran", e);
        } finally {
            delete(work);
        }
    }

    /** {@code chromium} on PATH, or the test fails saying how to get it. */
    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("'chromium' is not on PATH: the report's browser tests need Debian's chromium package "
                + "(sudo apt-get install -y chromium); CI's .ci/run installs it");
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover profile in the temp folder harms nothing
        }
    }
}
