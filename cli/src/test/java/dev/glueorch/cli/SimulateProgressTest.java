package dev.glueorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateProgressTest {

    private static final Path EXAMPLE = Path.of("..").toAbsolutePath().normalize()
            .resolve("workflows/examples/hourly");

    @TempDir
    Path dir;

    @Test
    void onATerminal_shouldShowTheSimulatedTimeReachedOnStderrAndLeaveStdoutAlone() {
        // GIVEN stderr on a terminal and a wall clock where every look is a second later
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicLong wall = new AtomicLong();

        // WHEN two hours of the example are simulated
        int code = simulate(true, () -> wall.addAndGet(1_000_000_000L), out, err);

        // THEN stderr showed the simulated time and the share of the period, on one line cleared at the end
        assertThat(code).isZero();
        assertThat(err.toString()).contains("\rsimulated up to 2026-11-21T01:00Z (50%)")
                .doesNotContain("\n").endsWith(" \r");
        assertThat(out.toString()).startsWith("sales-hourly  ").doesNotContain("simulated up to");
    }

    @Test
    void piped_shouldPrintNothingButTheResult() {
        // GIVEN stderr not on a terminal (a pipe, a file)
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicLong wall = new AtomicLong();

        // WHEN two hours of the example are simulated, however slowly
        int code = simulate(false, () -> wall.addAndGet(1_000_000_000L), out, err);

        // THEN stderr stays empty
        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("2 workflow run(s)");
    }

    private int simulate(boolean terminal, LongSupplier wall, StringWriter out, StringWriter err) {
        Path scenario;
        try {
            scenario = Files.writeString(dir.resolve("two-hours.scenario.json"), """
                    {"from": "2026-11-21T00:00:00Z", "to": "2026-11-21T02:00:00Z"}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CommandLine command = new CommandLine(new SimulateCommand(() -> terminal, wall));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute("--workflows", EXAMPLE.toString(), "--scenario", scenario.toString());
    }
}
