package dev.glueorch.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.glueorch.engine.DueSlot;
import dev.glueorch.engine.LogContext;
import dev.glueorch.engine.ScheduledStarts;
import dev.glueorch.queue.InvalidSlotMessageException;
import dev.glueorch.queue.SlotMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start worker does with one batch of the start queue: starts each due slot's run, one after the other (its
 * Glue is paced), and reports the messages it could not finish as batch item failures, so that SQS delivers them
 * again — never deletes one whose starts are not done or durably waiting.
 *
 * <ul>
 *   <li>A slot whose actions wait for Glue (throttled past the retries) comes back after a growing delay and retries
 *       them; after {@value #WAITING_REDELIVERIES} deliveries it is let go: the actions stay WAITING in the table,
 *       where the tick retries them every minute, so nothing is lost and the dead-letter queue is kept for faults.</li>
 *   <li>A slot that failed (DynamoDB unavailable, a bug) comes back after a short delay, and reaches the alarmed
 *       dead-letter queue after the queue's maximum receives.</li>
 *   <li>A body that is not a due slot is reported too, so that it lands in the dead-letter queue to be looked at.</li>
 * </ul>
 */
public final class StartWorker {

    private static final Logger LOG = LoggerFactory.getLogger(StartWorker.class);
    static final int WAITING_REDELIVERIES = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(10);
    static final Duration MAX_DELAY = Duration.ofMinutes(2);
    /** A slot of many actions at a slow pace can take this long: none is begun with less time left. */
    static final Duration TIME_TO_STOP = Duration.ofMinutes(1);
    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    /** Makes a received message come back after a delay (SQS's ChangeMessageVisibility). */
    @FunctionalInterface
    public interface Redelivery {
        void delay(String receiptHandle, Duration delay);
    }

    private final Function<DueSlot, ScheduledStarts.Outcome> starts;
    private final Redelivery redelivery;

    /** @param starts starts one slot's run ({@link ScheduledStarts#start}, within an outbox batch) */
    public StartWorker(Function<DueSlot, ScheduledStarts.Outcome> starts, Redelivery redelivery) {
        this.starts = starts;
        this.redelivery = redelivery;
    }

    /** Handles one batch with all the time it needs; the response lists the messages to deliver again. */
    public SQSBatchResponse handle(SQSEvent event) {
        return handle(event, () -> Long.MAX_VALUE);
    }

    /**
     * Handles one batch; the response lists the messages to deliver again. With less than {@link #TIME_TO_STOP} of
     * the invocation left ({@code remainingMillis}), the slots not begun are handed back at once rather than cut off
     * by the timeout mid-start.
     */
    public SQSBatchResponse handle(SQSEvent event, LongSupplier remainingMillis) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (remainingMillis.getAsLong() < TIME_TO_STOP.toMillis()) {
                redelivery.delay(message.getReceiptHandle(), Duration.ZERO);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } else if (!handled(message)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private boolean handled(SQSEvent.SQSMessage message) {
        DueSlot slot;
        try {
            slot = SlotMessage.parse(message.getBody());
        } catch (InvalidSlotMessageException e) {
            LOG.error("Start queue message {} left for the dead-letter queue: {}", message.getMessageId(),
                    e.getMessage());
            return false;
        }
        int receives = receiveCount(message);
        try (LogContext ignored = LogContext.with(LogContext.WORKFLOW, slot.workflowName())
                .and(LogContext.TRIGGER, slot.triggerName())) {
            ScheduledStarts.Outcome outcome;
            try {
                outcome = starts.apply(slot);
            } catch (RuntimeException e) {
                LOG.error("Starting slot {} failed (delivery {}): it is delivered again", slot.slot(), receives, e);
                redelivery.delay(message.getReceiptHandle(), delayAfter(receives));
                return false;
            }
            if (outcome != ScheduledStarts.Outcome.WAITING) {
                return true;
            }
            if (receives >= WAITING_REDELIVERIES) {
                LOG.warn("Actions of slot {} still wait for Glue after {} deliveries: left to the tick's retries",
                        slot.slot(), receives);
                return true;
            }
            LOG.info("Actions of slot {} wait for Glue: the slot comes back in {} s", slot.slot(),
                    delayAfter(receives).toSeconds());
            redelivery.delay(message.getReceiptHandle(), delayAfter(receives));
            return false;
        }
    }

    /** 10 s after the first delivery, doubling, at most 2 minutes. */
    static Duration delayAfter(int receives) {
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(Math.max(receives - 1, 0), 10));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get(RECEIVE_COUNT);
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
