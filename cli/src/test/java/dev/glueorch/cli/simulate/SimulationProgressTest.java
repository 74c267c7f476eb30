package dev.glueorch.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulationProgressTest {

    private static final Instant FROM = Instant.parse("2026-11-21T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void updates_shouldOverwriteOneLineAtMostEveryHalfSecondAndBeClearedAtTheEnd() {
        // GIVEN a wall clock the test moves
        AtomicLong wall = new AtomicLong();
        StringWriter terminal = new StringWriter();
        SimulationProgress progress = new SimulationProgress(FROM, TO, new PrintWriter(terminal), wall::get);

        // WHEN the simulation reaches 08:24 within the first half second, then 08:24 and 14:00 half a second apart
        progress.accept(Instant.parse("2026-11-21T08:24:00Z"));
        String early = terminal.toString();
        wall.addAndGet(500_000_000);
        progress.accept(Instant.parse("2026-11-21T08:24:30Z"));
        wall.addAndGet(100_000_000);
        progress.accept(Instant.parse("2026-11-21T09:00:00Z"));
        wall.addAndGet(400_000_000);
        progress.accept(Instant.parse("2026-11-22T00:10:00Z"));
        String shown = terminal.toString();
        progress.done();

        // THEN nothing shows in the first half second (a short simulation prints nothing), then each update
        // overwrites the line, and the end blanks it for what follows
        assertThat(early).isEmpty();
        assertThat(shown).isEqualTo("\rsimulated up to 2026-11-21T08:24Z (35%)"
                + "\rsimulated up to 2026-11-22T00:10Z (past 'to': finishing the runs it started)");
        String longest = "simulated up to 2026-11-22T00:10Z (past 'to': finishing the runs it started)";
        assertThat(terminal.toString()).endsWith("\r" + " ".repeat(longest.length()) + "\r");
    }
}
