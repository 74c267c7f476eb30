package dev.glueorch.model;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Glue / EventBridge cron schedule, {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}, in UTC.
 * Day-of-week runs 1-7 from Sunday, and one of day-of-month and day-of-week must be {@code ?}, as AWS requires.
 */
public final class Schedule {

    private static final Pattern CRON = Pattern.compile("^cron\\((.*)\\)$");
    private static final CronParser PARSER = new CronParser(awsCronDefinition());

    private final String expression;
    private final ExecutionTime executionTime;

    private Schedule(String expression, ExecutionTime executionTime) {
        this.expression = expression;
        this.executionTime = executionTime;
    }

    /**
     * Parses {@code cron(...)}.
     *
     * @throws IllegalArgumentException with a reason a user can act on
     */
    public static Schedule parse(String expression) {
        Matcher matcher = CRON.matcher(expression == null ? "" : expression.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + expression + "' is not a cron expression; write it as "
                    + "cron(Minutes Hours Day-of-month Month Day-of-week Year), e.g. cron(0 * * * ? *)");
        }
        String fields = matcher.group(1).trim();
        int count = fields.isEmpty() ? 0 : fields.split("\\s+").length;
        if (count != 6) {
            throw new IllegalArgumentException("'" + expression + "' has " + count + " fields; AWS cron needs 6: "
                    + "Minutes Hours Day-of-month Month Day-of-week Year, e.g. cron(0 * * * ? *)");
        }
        try {
            Cron cron = PARSER.parse(fields);
            return new Schedule(expression.trim(), ExecutionTime.forCron(cron));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a valid AWS cron expression: "
                    + e.getMessage(), e);
        }
    }

    /** The expression as written in the definition. */
    public String expression() {
        return expression;
    }

    /** Every slot {@code s} with {@code after < s <= until}, oldest first. */
    public List<Instant> slotsBetween(Instant after, Instant until) {
        List<Instant> slots = new ArrayList<>();
        ZonedDateTime cursor = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        Instant end = until;
        while (true) {
            Optional<ZonedDateTime> next = executionTime.nextExecution(cursor);
            if (next.isEmpty() || next.get().toInstant().isAfter(end)) {
                return slots;
            }
            if (next.get().toInstant().isAfter(after)) {
                slots.add(next.get().toInstant());
            }
            cursor = next.get();
        }
    }

    /** The latest slot at or before {@code instant}, if any. */
    public Optional<Instant> latestSlotAtOrBefore(Instant instant) {
        ZonedDateTime at = instant.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        if (executionTime.isMatch(at)) {
            return Optional.of(at.toInstant());
        }
        return executionTime.lastExecution(at).map(ZonedDateTime::toInstant);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Schedule schedule && schedule.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }

    private static CronDefinition awsCronDefinition() {
        return CronDefinitionBuilder.defineCron()
                .withMinutes().withValidRange(0, 59).withStrictRange().and()
                .withHours().withValidRange(0, 23).withStrictRange().and()
                .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark()
                .and()
                .withMonth().withValidRange(1, 12).withStrictRange().and()
                .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL()
                .supportsQuestionMark().and()
                .withYear().withValidRange(1970, 2199).withStrictRange().and()
                .withCronValidation(CronConstraintsFactory.ensureEitherDayOfWeekOrDayOfMonth())
                .instance();
    }
}
