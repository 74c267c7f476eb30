package dev.glueorch.cli.ops;

import dev.glueorch.cli.local.LocalClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --since}: an age ({@code 90m}, {@code 24h}, {@code 7d}) before now, or a time ({@code 2026-11-21T13:00Z}). */
public final class SinceConverter implements ITypeConverter<Instant> {

    private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");

    @Override
    public Instant convert(String value) {
        Matcher age = AGE.matcher(value.trim());
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration duration = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            try {
                // the local orchestrator's time when GLUEORCH_CLOCK is set: its runs are stamped with it
                return LocalClock.forOperators().instant().minus(duration);
            } catch (IllegalArgumentException badClock) {
                throw new TypeConversionException(badClock.getMessage());
            }
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new TypeConversionException("'" + value + "' is neither an age such as 90m, 24h or 7d nor a "
                        + "time such as 2026-11-21T13:00:00Z or a day such as 2026-11-21 (UTC)");
            }
        }
    }
}
