package dev.glueorch.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.testing.RecordingGlue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The start pace of one worker, on a clock the test moves (sleeping moves it). */
class StartPacerTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Long> startedAt = new ArrayList<>();

    private StartPacer pacer(double perSecond) {
        return new StartPacer(perSecond, nanos::get, d -> nanos.addAndGet(d.toNanos()));
    }

    @Test
    void await_shouldSpaceStartsEvenly_withNoBurst() {
        // GIVEN a worker's share of 10 starts per second
        StartPacer pacer = pacer(10);
        // WHEN it starts 21 times as fast as it can
        for (int i = 0; i < 21; i++) {
            pacer.await();
            startedAt.add(nanos.get());
        }
        // THEN the first goes at once and each next one 100 ms later: 21 starts take 2 s, never more than 10 a second
        assertThat(startedAt.get(0)).isEqualTo(1_000_000_000L);
        for (int i = 1; i < startedAt.size(); i++) {
            assertThat(startedAt.get(i) - startedAt.get(i - 1)).isEqualTo(100_000_000L);
        }
    }

    @Test
    void await_afterAnIdleWhile_shouldNotMakeUpForTheIdleTime() {
        StartPacer pacer = pacer(10);
        pacer.await();
        // WHEN the worker was idle for 5 s, then starts twice
        nanos.addAndGet(5_000_000_000L);
        long before = nanos.get();
        pacer.await();
        pacer.await();
        // THEN the first goes at once and the second an interval later: idle time is not saved up as a burst
        assertThat(nanos.get() - before).isEqualTo(100_000_000L);
    }

    @Test
    void share_shouldPaceEachWorkerAtTheRateDividedByTheWorkers() {
        PacedGlueService paced = PacedGlueService.share(new RecordingGlue(), 50, 10);
        assertThat(paced).isNotNull();
        assertThat(new StartPacer(50.0 / 10).interval()).isEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(() -> PacedGlueService.share(new RecordingGlue(), 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 0");
    }

    @Test
    void pacedGlue_shouldPaceStartsOnly_andEveryAttempt() {
        // GIVEN Glue paced at 5 starts a second that refuses the first attempt
        RecordingGlue glue = new RecordingGlue();
        glue.refuse("job", "ThrottlingException", true, 1);
        PacedGlueService paced = new PacedGlueService(glue, pacer(5));
        long before = nanos.get();
        // WHEN a start is refused, retried, and a read follows
        assertThatThrownBy(() -> paced.startJobRun("job", Map.of(), null, null, null));
        paced.startJobRun("job", Map.of(), null, null, null);
        paced.findJobRun("job", "action-1");
        // THEN the retry waited its turn (200 ms) and the read did not
        assertThat(nanos.get() - before).isEqualTo(200_000_000L);
        assertThat(glue.startsOf("job")).hasSize(1);
    }
}
