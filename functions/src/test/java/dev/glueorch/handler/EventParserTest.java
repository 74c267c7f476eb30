package dev.glueorch.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.engine.GlueEvent;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import dev.glueorch.testing.Resources;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {

    private final EventParser parser = new EventParser();

    private GlueEvent parse(String json) {
        return parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource({"job-succeeded.json, ingest-orders, SUCCEEDED", "job-failed.json, transform-sales, FAILED",
        "job-timeout.json, transform-sales, TIMEOUT", "job-stopped.json, ingest-payments, STOPPED"})
    void jobStateChange_shouldGiveJobRunAndState(String file, String jobName, JobRunState state) {
        GlueEvent.JobStateChange event = (GlueEvent.JobStateChange) parse(Resources.event(file));
        assertThat(event.jobName()).isEqualTo(jobName);
        assertThat(event.state()).isEqualTo(state);
        assertThat(event.jobRunId()).matches("jr_[0-9a-f]{64}");
        assertThat(event.message()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({"crawler-started.json, RUNNING", "crawler-succeeded.json, SUCCEEDED", "crawler-failed.json, FAILED"})
    void crawlerStateChange_shouldMapEventStatesToCrawlStates(String file, CrawlState state) {
        GlueEvent.CrawlerStateChange event = (GlueEvent.CrawlerStateChange) parse(Resources.event(file));
        assertThat(event.crawlerName()).isEqualTo("catalog-sales");
        assertThat(event.state()).isEqualTo(state);
    }

    @Test
    void failedCrawl_shouldKeepGluesErrorMessage() {
        GlueEvent.CrawlerStateChange event = (GlueEvent.CrawlerStateChange) parse(Resources.event(
                "crawler-failed.json"));
        assertThat(event.errorMessage()).isNotBlank();
    }

    @Test
    void jobRunStatus_shouldGiveTheDelayedRunAndItsThreshold() {
        GlueEvent.JobRunDelayed event = (GlueEvent.JobRunDelayed) parse(Resources.event("job-run-status-delayed.json"));
        assertThat(event.jobName()).isEqualTo("ingest-payments");
        assertThat(event.jobRunId()).matches("jr_[0-9a-f]{64}");
        assertThat(event.notifyDelayAfterMinutes()).isEqualTo(30);
        assertThat(event.startedOn()).isEqualTo(Instant.parse("2026-11-21T14:20:04.318Z"));
    }

    @Test
    void scheduledEvent_shouldBeATickAtItsTime() {
        GlueEvent event = parse(Resources.event("schedule-tick.json"));
        assertThat(event).isInstanceOf(GlueEvent.ScheduleTick.class);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-21T14:00:00Z"));
    }

    @Test
    void eventWithoutJobRunId_shouldNameTheEventAndTheField() {
        String json = Resources.event("job-succeeded.json").replace("\"jobRunId\"", "\"runId\"");
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidEventException.class)
                .hasMessage("event 4f3b4f7f-e8fe-451d-9330-9f5081c234a1: field 'jobRunId' is missing");
    }

    @Test
    void otherDetailType_shouldSayWhatIsHandled() {
        assertThatThrownBy(() -> parse("{\"id\": \"e1\", \"detail-type\": \"EC2 Instance State-change "
                + "Notification\", \"time\": \"2026-11-21T14:00:00Z\", \"detail\": {}}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("event e1: detail-type 'EC2 Instance State-change Notification' is not handled");
    }

    @Test
    void notJson_shouldBeAnInvalidEvent() {
        assertThatThrownBy(() -> parse("{not json")).isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("event is not JSON");
    }

    /** {@code file} from events/ as an EVENT trigger's rule delivers it: in the input transformer's envelope. */
    private static String wrapped(String workflow, String trigger, String file) {
        return dev.glueorch.contract.EventTriggerInput.inputTemplate(workflow, trigger)
                .replace("<" + dev.glueorch.contract.EventTriggerInput.EVENT_VARIABLE + ">", Resources.event(file));
    }

    @ParameterizedTest
    @CsvSource({"s3-object-created.json, 17793124-05d4-b198-2fde-7ededc63b103, 2026-11-21T14:07:12Z",
        "custom-partner-file-landed.json, 6a7e8feb-b491-4cf7-a9f1-bf3703467718, 2026-11-21T14:09:30Z"})
    void eventTriggerEnvelope_shouldGiveTriggerAndTheWholeEvent(String file, String id, String time) {
        // WHEN a sample event arrives in an EVENT trigger's envelope
        GlueEvent.TriggerEvent event = (GlueEvent.TriggerEvent) parse(wrapped("landing", "on-drop", file));
        // THEN it names the trigger and keeps EventBridge's id, time and the whole event, detail included
        assertThat(event.workflowName()).isEqualTo("landing");
        assertThat(event.triggerName()).isEqualTo("on-drop");
        assertThat(event.eventId()).isEqualTo(id);
        assertThat(event.time()).isEqualTo(Instant.parse(time));
        assertThat(event.event().path("detail").isObject()).isTrue();
    }

    @Test
    void s3ObjectCreated_shouldCarryBucketAndKey() {
        GlueEvent.TriggerEvent event = (GlueEvent.TriggerEvent) parse(wrapped("landing", "on-drop",
                "s3-object-created.json"));
        assertThat(event.event().at("/detail/bucket/name").asText()).isEqualTo("partner-drops");
        assertThat(event.event().at("/detail/object/key").asText())
                .isEqualTo("orders/dt=2026-11-21/hr=13/part-0000.parquet");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"glueorch\": \"Other\", \"workflow\": \"w\", \"trigger\": \"t\", \"event\": {}}|must be",
        "{\"glueorch\": \"EventTrigger\", \"workflow\": \"w\", \"trigger\": \"t\"}|has no 'event' object",
        "{\"glueorch\": \"EventTrigger\", \"workflow\": \"w\", \"event\": {\"id\": \"e\", "
            + "\"time\": \"2026-11-21T14:00:00Z\"}}|field 'trigger' is missing",
        "{\"glueorch\": \"EventTrigger\", \"workflow\": \"w\", \"trigger\": \"t\", \"event\": "
            + "{\"time\": \"2026-11-21T14:00:00Z\"}}|field 'id' is missing"})
    void malformedEnvelope_shouldBeRefusedAsInvalid(String json, String reason) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidEventException.class).hasMessageContaining(reason);
    }
}
