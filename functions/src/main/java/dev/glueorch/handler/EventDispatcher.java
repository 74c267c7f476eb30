package dev.glueorch.handler;

import dev.glueorch.engine.GlueEvent;
import dev.glueorch.engine.Orchestrator;
import java.io.InputStream;
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
    private final Orchestrator orchestrator;

    public EventDispatcher(EventParser parser, Orchestrator orchestrator) {
        this.parser = parser;
        this.orchestrator = orchestrator;
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
        orchestrator.handle(event);
    }
}
