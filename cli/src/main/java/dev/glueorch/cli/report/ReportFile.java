package dev.glueorch.cli.report;

import dev.glueorch.cli.ExitStatus;
import dev.glueorch.cli.GlueOrch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The HTML file a command writes a report to, named by one of its options. */
public final class ReportFile {

    private final String option;
    private final Path path;

    /**
     * Checks the path before any work is done: a report whose folder does not exist is a usage error naming the
     * option.
     *
     * @throws ParameterException when the folder does not exist, or the path is a folder
     */
    public ReportFile(CommandLine commandLine, String option, Path path) {
        this.option = option;
        this.path = path.toAbsolutePath();
        if (Files.isDirectory(this.path)) {
            throw new ParameterException(commandLine, option + " " + path + ": is a folder; name the HTML file to "
                    + "write, e.g. " + path.resolve("report.html"));
        }
        if (!Files.isDirectory(this.path.getParent())) {
            throw new ParameterException(commandLine, option + " " + path + ": folder " + this.path.getParent()
                    + " does not exist; create it or name a file in an existing folder");
        }
    }

    /**
     * Renders and writes {@code report}, then says on {@code messages} what was written; returns the exit code
     * ({@link GlueOrch#BAD_INPUT} when the file cannot be written, with the reason on {@code errors}).
     */
    public int write(Report report, PrintWriter messages, PrintWriter errors) {
        byte[] html = new ReportRenderer().render(report).getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(path, html);
        } catch (IOException e) {
            errors.println(option + " " + path + ": cannot write it (" + e + "); name a file you may write");
            return ExitStatus.BAD_INPUT;
        }
        int runs = report.workflows().stream().mapToInt(w -> w.runs().size()).sum();
        int bars = report.workflows().stream().mapToInt(w -> w.bars().size()).sum();
        messages.printf("report written to %s: %d workflow run(s), %d job run(s) and crawl(s), %,d KB%n", path, runs,
                bars, (html.length + 1023) / 1024);
        messages.flush();
        return ExitStatus.OK;
    }
}
