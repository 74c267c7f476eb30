package dev.glueorch.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Receives batches of the start queue (its event source mapping reports batch item failures and bounds the
 * concurrency): starts the due slots the tick handed over, at this worker's share of the Glue start rate.
 */
public final class StartWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final StartWorker worker;
    private final LambdaMetrics metrics;

    public StartWorkerHandler() {
        this(Dependencies.instance().startWorker, Dependencies.instance().metrics);
    }

    StartWorkerHandler(StartWorker worker, LambdaMetrics metrics) {
        this.worker = worker;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        SQSBatchResponse response = PowertoolsLogging.withLogging(context,
                () -> worker.handle(event, context::getRemainingTimeInMillis));
        metrics.flush();
        return response;
    }
}
