package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.EngineHarness;
import dev.glueorch.testing.RecordingGlue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two repairs of the same action at once. EventBridge delivers the reconciler's schedule at least once and a long
 * pass overlaps the next, so a pass must expect another to work on the same run: each must leave Glue with one run
 * per action. The second pass runs inside the first one's StartJobRun, before Glue started anything: the widest window.
 */
class ConcurrentRepairTest {

    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    private static final String PARTITION = "2026-11-21T13";
    private final EngineHarness h = new EngineHarness(SLOT);

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void twoPassesOnTheSameWaitingAction_shouldStartItOnce() {
        // GIVEN ingest-orders waits: Glue throttled both attempts of the tick's start
        h.glue.refuse("ingest-orders", "ThrottlingException", true, 2);
        h.tick(SLOT);
        // WHEN a reconcile pass retries it while another pass runs inside its StartJobRun
        h.driving(new SecondPassDuringFirstStart(h.glue, "ingest-orders"));
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        h.reconcile(SLOT.plus(Duration.ofMinutes(10)));
        // THEN Glue ran it once, the run recorded on the action
        assertOneGlueRun("ingest-orders");
    }

    /**
     * A STARTING action whose claim is older than {@code CLAIM_GRACE} was started after a look-up by action id without
     * claiming the recovery first, so a second pass between the first one's look-up and its StartJobRun started it
     * too; the recovery is now a conditional move to WAITING and a claimed retry.
     */
    @Test
    void twoPassesRecoveringTheSameLostClaim_shouldStartItOnce() {
        // GIVEN the tick handler died after claiming the start trigger, before Glue started ingest-orders
        h.glue.crashOnNextStart("ingest-orders", false);
        assertThatThrownBy(() -> h.tick(SLOT)).isInstanceOf(RecordingGlue.Crash.class);
        // WHEN, past the claim grace, a pass recovers the claim while another pass runs inside its StartJobRun
        h.driving(new SecondPassDuringFirstStart(h.glue, "ingest-orders"));
        h.reconcile(SLOT.plus(Duration.ofMinutes(5)));
        h.reconcile(SLOT.plus(Duration.ofMinutes(10)));
        // THEN Glue ran it once, the run recorded on the action
        assertOneGlueRun("ingest-orders");
    }

    private void assertOneGlueRun(String jobName) {
        List<RecordingGlue.Start> starts = h.glue.startsOf(jobName);
        ActionRun action = h.run(PARTITION).actions().values().stream().filter(a -> a.name().equals(jobName))
                .findFirst().orElseThrow();
        assertThat(starts).as("Glue runs of " + jobName).hasSize(1);
        assertThat(action.state()).isEqualTo(JobRunState.RUNNING);
        assertThat(action.jobRunId()).isEqualTo(starts.get(0).jobRunId());
    }

    /** The harness's Glue, except that the first start of {@code jobName} first lets a second reconcile pass run. */
    private final class SecondPassDuringFirstStart implements GlueService {

        private final GlueService glue;
        private final String jobName;
        private final AtomicBoolean first = new AtomicBoolean(true);

        SecondPassDuringFirstStart(GlueService glue, String jobName) {
            this.glue = glue;
            this.jobName = jobName;
        }

        @Override
        public String startJobRun(String name, Map<String, String> arguments, Integer timeout,
                                  String securityConfiguration, Integer notifyDelayAfter) {
            if (name.equals(jobName) && first.getAndSet(false)) {
                // on its own thread, as a pass started by another delivery of the schedule would be
                Thread second = new Thread(h.reconciler::reconcile, "second-pass");
                second.start();
                try {
                    second.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return glue.startJobRun(name, arguments, timeout, securityConfiguration, notifyDelayAfter);
        }

        @Override
        public void startCrawler(String crawlerName) {
            glue.startCrawler(crawlerName);
        }

        @Override
        public Map<String, String> stopJobRuns(String name, List<String> jobRunIds) {
            return glue.stopJobRuns(name, jobRunIds);
        }

        @Override
        public Optional<JobRunStatus> jobRun(String name, String jobRunId) {
            return glue.jobRun(name, jobRunId);
        }

        @Override
        public Optional<JobRunStatus> findJobRun(String name, String actionId) {
            return glue.findJobRun(name, actionId);
        }

        @Override
        public Optional<CrawlStatus> lastCrawl(String crawlerName) {
            return glue.lastCrawl(crawlerName);
        }
    }
}
