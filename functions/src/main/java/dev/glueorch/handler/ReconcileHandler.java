package dev.glueorch.handler;

/**
 * Receives the reconciler's schedule (every 5 minutes by default): repairs runs whose events were lost, claims
 * whose start was lost, waiting actions and late partitions.
 */
public final class ReconcileHandler extends DispatchingHandler {

    public ReconcileHandler() {
        this(Dependencies.instance().reconcileDispatcher, Dependencies.instance().metrics);
    }

    ReconcileHandler(EventDispatcher dispatcher, LambdaMetrics metrics) {
        super(dispatcher, metrics);
    }
}
