package dev.glueorch.cli.local;

import dev.glueorch.engine.RetryPolicy;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The local orchestrator's clock: from its anchor (a real instant, whole seconds) on, it runs {@code speed} times as
 * fast as real time, so {@code glueorch local --speed 60} lives an hour of schedules a real minute. Written as
 * {@code ANCHOR,SPEED} in {@value #VARIABLE} (the local orchestrator prints it), it gives the operator commands of
 * another process the same time: the runs they start and the {@code --since} they compute agree with the runs the
 * local orchestrator starts. Both clocks compute from the same real anchor, so they agree to the precision of the
 * machine's clock times the speed.
 */
public final class LocalClock extends Clock {

    /** The environment variable the operator commands read their clock from. */
    public static final String VARIABLE = "GLUEORCH_CLOCK";
    /** The same as a Java system property (for GLUEORCH_JAVA_OPTS, and for tests, which cannot set a variable). */
    public static final String PROPERTY = "glueorch.clock";
    public static final int MAX_SPEED = 3600;
    /** Real time an operator command waits at least between two looks (a backfill's), however fast the clock. */
    private static final Duration MIN_REAL_WAIT = Duration.ofMillis(50);

    private final Instant anchor;
    private final int speed;
    private final Clock real;

    LocalClock(Instant anchor, int speed, Clock real) {
        if (speed < 1 || speed > MAX_SPEED) {
            throw new IllegalArgumentException("speed " + speed + " is not between 1 and " + MAX_SPEED);
        }
        this.anchor = anchor;
        this.speed = speed;
        this.real = real;
    }

    /** A clock that reads the real time now and from then on runs {@code speed} times as fast. */
    public static LocalClock startingNow(int speed) {
        Clock real = Clock.systemUTC();
        return new LocalClock(real.instant().truncatedTo(ChronoUnit.SECONDS), speed, real);
    }

    /**
     * The clock of {@code ANCHOR,SPEED}, e.g. {@code 2026-11-29T08:40:00Z,60}.
     *
     * @throws IllegalArgumentException naming {@value #VARIABLE} and the expected form
     */
    public static LocalClock parse(String value) {
        String[] parts = value.trim().split(",");
        try {
            if (parts.length == 2) {
                return new LocalClock(Instant.parse(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        Clock.systemUTC());
            }
        } catch (DateTimeException | IllegalArgumentException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException(VARIABLE + "='" + value + "' is not ANCHOR,SPEED (e.g. "
                + "2026-11-29T08:40:00Z,60, a speed from 1 to " + MAX_SPEED + "), as glueorch local prints it: copy "
                + "its export line again, or unset " + VARIABLE + " to use the real time");
    }

    /**
     * The operator commands' clock: {@value #VARIABLE} (else the system property {@value #PROPERTY}) when set, the
     * real UTC time otherwise.
     *
     * @throws IllegalArgumentException when the value is malformed
     */
    public static Clock forOperators() {
        String value = System.getenv(VARIABLE);
        if (value == null || value.isBlank()) {
            value = System.getProperty(PROPERTY);
        }
        return value == null || value.isBlank() ? Clock.systemUTC() : parse(value);
    }

    /** Waits as long as {@code clock} takes to move by the duration asked (at least a little real time). */
    public static RetryPolicy.Sleeper sleeper(Clock clock) {
        if (!(clock instanceof LocalClock local)) {
            return RetryPolicy.Sleeper.THREAD;
        }
        return duration -> {
            Duration real = duration.dividedBy(local.speed);
            RetryPolicy.Sleeper.THREAD.sleep(real.compareTo(MIN_REAL_WAIT) < 0 ? MIN_REAL_WAIT : real);
        };
    }

    /** {@code ANCHOR,SPEED}: the value of {@value #VARIABLE}. */
    public String value() {
        return anchor + "," + speed;
    }

    public int speed() {
        return speed;
    }

    /** The real time the clock takes to move by {@code duration}. */
    Duration realTime(Duration duration) {
        return duration.dividedBy(speed);
    }

    @Override
    public Instant instant() {
        return anchor.plus(Duration.between(anchor, real.instant()).multipliedBy(speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
