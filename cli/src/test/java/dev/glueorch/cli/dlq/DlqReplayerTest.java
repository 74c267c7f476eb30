package dev.glueorch.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.dlq.LambdaInvokeStub.Invocation;
import dev.glueorch.testing.MotoServer;
import dev.glueorch.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** {@link DlqReplayer} against SQS in moto and {@link LambdaInvokeStub}, which records what each function got. */
class DlqReplayerTest {

    private static final String GLUE_EVENTS = "GlueOrchestrator-GlueEventFunction";
    private static final String GLUE_EVENTS_ALIAS = "arn:aws:lambda:us-east-1:123456789012:function:" + GLUE_EVENTS
            + ":live";
    private static final String TICK = "GlueOrchestrator-ScheduleTickFunction";
    private static final String TICK_ALIAS = "arn:aws:lambda:us-east-1:123456789012:function:" + TICK + ":live";

    private static final String JOB_SUCCEEDED = Resources.event("job-succeeded.json");
    private static final String JOB_FAILED = Resources.event("job-failed.json");
    private static final String JOB_TIMEOUT = Resources.event("job-timeout.json");
    private static final String CRAWLER_FAILED = Resources.event("crawler-failed.json");
    private static final String SCHEDULE_TICK = Resources.event("schedule-tick.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SqsClient sqs;
    private LambdaInvokeStub lambda;
    private DlqReplayer replayer;

    @BeforeAll
    static void startMoto() {
        sqs = MotoServer.shared().sqs();
    }

    @BeforeEach
    void startLambda() {
        lambda = LambdaInvokeStub.start(GLUE_EVENTS, TICK);
        replayer = new DlqReplayer(sqs, lambda.client());
    }

    @AfterEach
    void stopLambda() {
        lambda.close();
    }

    @Test
    void ruleTargetDeadLetters_shouldBeReplayedUnchangedToTheirTargetAndDeleted() {
        // GIVEN the rule targets' DLQ holds two Glue events the rule could not deliver to the live alias
        TestQueue queue = TestQueue.create(sqs);
        queue.sendRuleTargetDeadLetter(JOB_SUCCEEDED, GLUE_EVENTS_ALIAS, "NO_PERMISSIONS");
        queue.sendRuleTargetDeadLetter(CRAWLER_FAILED, GLUE_EVENTS_ALIAS, "ERROR_FROM_TARGET");

        // WHEN replayed without --function
        ReplayReport report = replayer.replay(new ReplayRequest(queue.url(), null, 100, false));

        // THEN each body went, byte for byte and asynchronously, to the alias in TARGET_ARN, and the queue is empty
        assertThat(lambda.invocations()).extracting(Invocation::functionName, Invocation::invocationType,
                Invocation::payload).containsExactlyInAnyOrder(tuple(GLUE_EVENTS_ALIAS, "Event", JOB_SUCCEEDED),
                tuple(GLUE_EVENTS_ALIAS, "Event", CRAWLER_FAILED));
        assertThat(report.complete()).isTrue();
        assertThat(report.results()).extracting(r -> r.deadLetter().eventId(), r -> r.deadLetter().detailType(),
                r -> r.outcome()).containsExactlyInAnyOrder(
                tuple("4f3b4f7f-e8fe-451d-9330-9f5081c234a1", "Glue Job State Change",
                        new Outcome.Replayed(GLUE_EVENTS_ALIAS)),
                tuple(eventId(CRAWLER_FAILED), "Glue Crawler State Change", new Outcome.Replayed(GLUE_EVENTS_ALIAS)));
        assertThat(queue.visibleCount()).isZero();
        assertThat(queue.inFlightCount()).isZero();
    }

    @Test
    void functionDeadLetters_shouldBeReplayedToTheFunctionGivenAndDeleted() {
        // GIVEN the tick function's own DLQ, whose messages do not name the function
        TestQueue queue = TestQueue.create(sqs);
        queue.sendFunctionDeadLetter(SCHEDULE_TICK);

        // WHEN replayed with --function
        ReplayReport report = replayer.replay(new ReplayRequest(queue.url(), TICK_ALIAS, 100, false));

        // THEN the tick went to that function unchanged; the report keeps Lambda's error code; the queue is empty
        assertThat(lambda.invocations()).containsExactly(new Invocation(TICK_ALIAS, "Event", SCHEDULE_TICK));
        assertThat(report.replayed()).isEqualTo(1);
        assertThat(report.results().get(0).deadLetter()).satisfies(deadLetter -> {
            assertThat(deadLetter.eventId()).isEqualTo("cddf9ed6-3bb1-4ff1-99de-18170d7a12b5");
            assertThat(deadLetter.detailType()).isEqualTo("Scheduled Event");
            assertThat(deadLetter.errorCode()).isEqualTo("200");
            assertThat(deadLetter.errorMessage()).isEqualTo("Task timed out after 30.00 seconds");
        });
        assertThat(queue.visibleCount() + queue.inFlightCount()).isZero();
    }

    @Test
    void failingInvoke_shouldLeaveTheMessageVisibleAndReportTheError() {
        // GIVEN one event for a working function, one for a deleted function, one for a function Lambda fails on
        lambda.failing(TICK, 500);
        TestQueue queue = TestQueue.create(sqs);
        queue.sendRuleTargetDeadLetter(JOB_SUCCEEDED, GLUE_EVENTS_ALIAS, "NO_PERMISSIONS");
        String gone = "arn:aws:lambda:us-east-1:123456789012:function:GlueOrchestrator-Removed:live";
        queue.sendRuleTargetDeadLetter(JOB_FAILED, gone, "NO_RESOURCE");
        queue.sendRuleTargetDeadLetter(JOB_TIMEOUT, TICK_ALIAS, "THROTTLING");

        // WHEN replayed
        ReplayReport report = replayer.replay(new ReplayRequest(queue.url(), null, 100, false));

        // THEN only the accepted one is deleted; the two others are back in the queue at once, bodies unchanged
        assertThat(report.complete()).isFalse();
        assertThat(report.replayed()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(2);
        assertThat(report.results()).filteredOn(r -> r.outcome() instanceof Outcome.Failed)
                .extracting(r -> r.deadLetter().eventId(), r -> r.outcome().target())
                .containsExactlyInAnyOrder(tuple(eventId(JOB_FAILED), gone), tuple(eventId(JOB_TIMEOUT), TICK_ALIAS));
        assertThat(reasonFor(report, JOB_FAILED)).contains("ResourceNotFoundException")
                .contains("Function not found").contains("status 404");
        assertThat(reasonFor(report, JOB_TIMEOUT)).contains("ServiceException").contains("status 500");
        assertThat(queue.visibleCount()).isEqualTo(2);
        assertThat(queue.inFlightCount()).isZero();
        assertThat(queue.visibleMessages()).extracting(Message::body)
                .containsExactlyInAnyOrder(JOB_FAILED, JOB_TIMEOUT);
    }

    @Test
    void dryRun_shouldListWhatWouldBeReplayedAndChangeNothing() {
        // GIVEN a rule target's dead letter and a function's dead letter
        TestQueue queue = TestQueue.create(sqs);
        queue.sendRuleTargetDeadLetter(JOB_SUCCEEDED, GLUE_EVENTS_ALIAS, "NO_PERMISSIONS");
        queue.sendFunctionDeadLetter(SCHEDULE_TICK);

        // WHEN dry-run
        ReplayReport report = replayer.replay(new ReplayRequest(queue.url(), null, 100, true));

        // THEN the first would go to its alias, the second has no target; nothing invoked, both visible as before
        assertThat(report.dryRun()).isTrue();
        assertThat(report.results()).extracting(r -> r.deadLetter().eventId(), r -> r.deadLetter().detailType(),
                r -> r.deadLetter().errorCode(), r -> r.outcome().status(), r -> r.outcome().target())
                .containsExactlyInAnyOrder(
                        tuple(eventId(JOB_SUCCEEDED), "Glue Job State Change", "NO_PERMISSIONS", "WOULD_REPLAY",
                                GLUE_EVENTS_ALIAS),
                        tuple(eventId(SCHEDULE_TICK), "Scheduled Event", "200", "LEFT", null));
        assertThat(lambda.invocations()).isEmpty();
        assertThat(queue.visibleCount()).isEqualTo(2);
        assertThat(queue.inFlightCount()).isZero();
    }

    @Test
    void messageWithoutTarget_shouldBeLeftAndReportedUntilAFunctionIsGiven() {
        // GIVEN a function's dead letter (no TARGET_ARN)
        TestQueue queue = TestQueue.create(sqs);
        queue.sendFunctionDeadLetter(SCHEDULE_TICK);

        // WHEN replayed without --function
        ReplayReport report = replayer.replay(new ReplayRequest(queue.url(), null, 100, false));

        // THEN it is left, visible at once, with a reason that says what to do
        assertThat(report.left()).isEqualTo(1);
        assertThat(report.complete()).isFalse();
        assertThat(report.results().get(0).outcome().reason()).contains("no TARGET_ARN").contains("pass --function");
        assertThat(lambda.invocations()).isEmpty();
        assertThat(queue.visibleCount()).isEqualTo(1);

        // AND WHEN replayed again with --function THEN it goes
        ReplayReport again = replayer.replay(new ReplayRequest(queue.url(), TICK, 100, false));
        assertThat(again.complete()).isTrue();
        assertThat(lambda.invocations()).containsExactly(new Invocation(TICK, "Event", SCHEDULE_TICK));
        assertThat(queue.visibleCount() + queue.inFlightCount()).isZero();
    }

    @Test
    void bodyThatIsNotJsonOrTargetThatIsNotAFunction_shouldBeLeft() {
        // GIVEN a truncated event, and an event whose rule target is a queue rather than a function
        TestQueue queue = TestQueue.create(sqs);
        String truncated = JOB_SUCCEEDED.substring(0, JOB_SUCCEEDED.length() / 2);
        queue.sendRuleTargetDeadLetter(truncated, GLUE_EVENTS_ALIAS, "INVALID_JSON");
        queue.sendRuleTargetDeadLetter(JOB_FAILED, "arn:aws:sqs:us-east-1:123456789012:audit", "NO_PERMISSIONS");

        // WHEN replayed
        ReplayReport report = replayer.replay(new ReplayRequest(queue.url(), null, 100, false));

        // THEN neither is invoked nor deleted
        assertThat(report.left()).isEqualTo(2);
        assertThat(report.results()).extracting(r -> r.outcome().reason()).satisfiesExactlyInAnyOrder(
                reason -> assertThat(reason).contains("not JSON"),
                reason -> assertThat(reason).contains("is not a Lambda function; pass --function"));
        assertThat(lambda.invocations()).isEmpty();
        assertThat(queue.visibleMessages()).extracting(Message::body).containsExactlyInAnyOrder(truncated,
                JOB_FAILED);
    }

    @Test
    void max_shouldBoundTheMessagesHandledAcrossBatches() {
        // GIVEN twelve dead letters, more than one ReceiveMessage batch
        TestQueue queue = TestQueue.create(sqs);
        for (int i = 0; i < 12; i++) {
            queue.sendRuleTargetDeadLetter(JOB_SUCCEEDED, GLUE_EVENTS_ALIAS, "NO_PERMISSIONS");
        }

        // WHEN replayed with --max 11
        ReplayReport report = replayer.replay(new ReplayRequest(queue.url(), null, 11, false));

        // THEN eleven are replayed and deleted, the twelfth waits, untouched
        assertThat(report.replayed()).isEqualTo(11);
        assertThat(report.complete()).isTrue();
        assertThat(lambda.invocations()).hasSize(11);
        assertThat(queue.visibleCount()).isEqualTo(1);
        assertThat(queue.inFlightCount()).isZero();
    }

    private static String reasonFor(ReplayReport report, String body) {
        return report.results().stream().filter(r -> r.deadLetter().body().equals(body)).findFirst().orElseThrow()
                .outcome().reason();
    }

    private static String eventId(String event) {
        try {
            return JSON.readTree(event).get("id").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a sample event: " + event, e);
        }
    }
}
