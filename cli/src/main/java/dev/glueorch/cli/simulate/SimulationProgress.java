package dev.glueorch.cli.simulate;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The simulated time a simulation has reached, as one line on a terminal that each update overwrites, at most every
 * {@link #EVERY} of wall time (a long simulation would otherwise look hung): "simulated up to 2026-11-21T14:00Z
 * (35%)". Only for a terminal: a file or a pipe would keep every update.
 */
public final class SimulationProgress implements Consumer<Instant> {

    static final Duration EVERY = Duration.ofMillis(500);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private final Instant from;
    private final Instant to;
    private final PrintWriter terminal;
    private final LongSupplier nanoTime;
    private long shownAt;
    private int shownWidth;

    /**
     * @param from the scenario's from: 0%
     * @param to the scenario's to: 100%, after which the simulation finishes the runs it started
     * @param nanoTime wall time ({@code System::nanoTime})
     */
    public SimulationProgress(Instant from, Instant to, PrintWriter terminal, LongSupplier nanoTime) {
        this.from = from;
        this.to = to;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.shownAt = nanoTime.getAsLong();
    }

    /** The simulation reached {@code simulated}: shown if the last update is old enough. */
    @Override
    public void accept(Instant simulated) {
        long now = nanoTime.getAsLong();
        if (now - shownAt < EVERY.toNanos()) {
            return;
        }
        shownAt = now;
        String line = "simulated up to " + MINUTE.format(simulated) + " (" + share(simulated) + ")";
        // the padding blanks what is left of a longer line before it
        terminal.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
        terminal.flush();
        shownWidth = line.length();
    }

    /** Clears the line, so that what follows starts on a clean one. */
    public void done() {
        if (shownWidth > 0) {
            terminal.print("\r" + " ".repeat(shownWidth) + "\r");
            terminal.flush();
            shownWidth = 0;
        }
    }

    private String share(Instant simulated) {
        if (!simulated.isBefore(to)) {
            return "past 'to': finishing the runs it started";
        }
        long done = Math.max(0, Duration.between(from, simulated).toSeconds());
        return done * 100 / Duration.between(from, to).toSeconds() + "%";
    }
}
