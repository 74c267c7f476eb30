package dev.glueorch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void hourlyCron_shouldGiveEverySlotInTheWindowExcludingItsStart() {
        Schedule hourly = Schedule.parse("cron(0 * * * ? *)");
        assertThat(hourly.slotsBetween(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-21T03:00:00Z")))
                .containsExactly(Instant.parse("2026-11-21T01:00:00Z"), Instant.parse("2026-11-21T02:00:00Z"),
                        Instant.parse("2026-11-21T03:00:00Z"));
    }

    @Test
    void awsDayOfWeek_shouldCountFromSunday() {
        // cron(15 12 ? * 2 *) is Mondays at 12:15 UTC in AWS (1 = Sunday); 2026-11-23 is a Monday
        Schedule mondays = Schedule.parse("cron(15 12 ? * 2 *)");
        assertThat(mondays.slotsBetween(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z")))
                .containsExactly(Instant.parse("2026-11-23T12:15:00Z"));
        Schedule named = Schedule.parse("cron(15 12 ? * MON-FRI *)");
        assertThat(named.slotsBetween(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z")))
                .hasSize(5);
    }

    @Test
    void lastDayOfMonth_shouldBeSupported() {
        Schedule last = Schedule.parse("cron(0 18 L * ? *)");
        assertThat(last.slotsBetween(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")))
                .containsExactly(Instant.parse("2026-11-30T18:00:00Z"));
    }

    @Test
    void invalidExpressions_shouldSayWhy() {
        assertThatThrownBy(() -> Schedule.parse("0 * * * ? *")).hasMessageContaining("is not a cron expression");
        assertThatThrownBy(() -> Schedule.parse("cron(61 * * * ? *)")).hasMessageContaining("not a valid AWS cron");
        assertThatThrownBy(() -> Schedule.parse("cron(0 * * * * *)")).hasMessageContaining("not a valid AWS cron");
    }
}
