package dev.glueorch.handler;

/** Receives "Glue Job State Change" and "Glue Crawler State Change" events from EventBridge. */
public final class GlueEventHandler extends DispatchingHandler {

    public GlueEventHandler() {
        this(Dependencies.instance().dispatcher, Dependencies.instance().metrics);
    }

    GlueEventHandler(EventDispatcher dispatcher, LambdaMetrics metrics) {
        super(dispatcher, metrics);
    }
}
