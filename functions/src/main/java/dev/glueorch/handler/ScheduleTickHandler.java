package dev.glueorch.handler;

/** Receives the every-minute schedule tick: starts due SCHEDULED triggers and retries waiting actions. */
public final class ScheduleTickHandler extends DispatchingHandler {

    public ScheduleTickHandler() {
        this(Dependencies.instance().dispatcher, Dependencies.instance().metrics);
    }

    ScheduleTickHandler(EventDispatcher dispatcher, LambdaMetrics metrics) {
        super(dispatcher, metrics);
    }
}
