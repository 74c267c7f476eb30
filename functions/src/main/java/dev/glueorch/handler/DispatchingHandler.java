package dev.glueorch.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The body every handler shares: structured logging around the delivery, dispatch, then the metrics flushed.
 * Subclasses exist so each function has its own handler name, IAM role and settings. Public, as is its method:
 * Lambda's runtime calls {@code handleRequest} by reflection on the class that declares it, and cannot on a
 * package-private class (IllegalAccessException on every invocation).
 */
public abstract class DispatchingHandler implements RequestStreamHandler {

    private final EventDispatcher dispatcher;
    private final LambdaMetrics metrics;

    DispatchingHandler(EventDispatcher dispatcher, LambdaMetrics metrics) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        PowertoolsLogging.withLogging(context, () -> {
            dispatcher.dispatch(input);
            return null;
        });
        metrics.flush();
    }
}
