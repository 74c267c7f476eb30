package dev.glueorch.handler;

import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.Orchestrator;
import java.io.InputStream;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every handler does with one delivery: parse it, hand it to the orchestrator, and drop, with an error log
 * naming the event, what can never be handled (retrying it would only fill the dead-letter queue). Any other
 * failure propagates, so Lambda retries the delivery and finally sends it to the dead-letter queue.
 */
public final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final EventParser parser;
    private final Consumer<GlueEvent> service;

    /** Hands every event to the orchestrator. */
    public EventDispatcher(EventParser parser, Orchestrator orchestrator) {
        this(parser, orchestrator::handle);
    }

    /** Hands every event to {@code service}. */
    public EventDispatcher(EventParser parser, Consumer<GlueEvent> service) {
        this.parser = parser;
        this.service = service;
    }

    /** Handles one delivery of an EventBridge event. */
    public void dispatch(InputStream input) {
        GlueEvent event;
        try {
            event = parser.parse(input);
        } catch (InvalidEventException e) {
            LOG.error("Dropped an event that cannot be handled: {}", e.getMessage());
            return;
        }
        service.accept(event);
    }
}
