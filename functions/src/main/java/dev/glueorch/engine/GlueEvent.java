package dev.glueorch.engine;

import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import java.time.Instant;

/** The inputs the orchestrator reacts to, parsed from EventBridge events. */
public sealed interface GlueEvent permits GlueEvent.JobStateChange, GlueEvent.JobRunDelayed,
        GlueEvent.CrawlerStateChange, GlueEvent.ScheduleTick, GlueEvent.RemoteActionCompleted, GlueEvent.TriggerEvent {

    /** The EventBridge event id, for logs. */
    String eventId();

    /** When the event happened (the EventBridge {@code time}). */
    Instant time();

    /**
     * "Glue Job State Change": a job run reached SUCCEEDED, FAILED, TIMEOUT or STOPPED. {@code account} is the
     * EventBridge {@code account} (another one for a job started through a RoleArn), {@code null} if unknown.
     */
    record JobStateChange(String eventId, Instant time, String jobName, String jobRunId, JobRunState state,
                          String message, String account) implements GlueEvent {

        public JobStateChange(String eventId, Instant time, String jobName, String jobRunId, JobRunState state,
                              String message) {
            this(eventId, time, jobName, jobRunId, state, message, null);
        }
    }

    /**
     * Another account's orchestrator reports an "Action Completed": {@code account} and {@code region} are the
     * EventBridge event's, {@code eventBusArn} the bus the sender says it published on (its account must match).
     */
    record RemoteActionCompleted(String eventId, Instant time, String account, String region, String eventBusArn,
                                 String workflowName, String partition, NodeType type, String name,
                                 String jobRunId, JobRunState state) implements GlueEvent {
    }

    /**
     * "Glue Job Run Status": a job run still running (or starting, stopping) after its NotifyDelayAfter minutes.
     * {@code startedOn} may be {@code null} when the event leaves it out.
     */
    record JobRunDelayed(String eventId, Instant time, String jobName, String jobRunId, int notifyDelayAfterMinutes,
                         Instant startedOn) implements GlueEvent {
    }

    /** "Glue Crawler State Change": Started, Succeeded or Failed, mapped to crawl states. */
    record CrawlerStateChange(String eventId, Instant time, String crawlerName, CrawlState state,
                              String errorMessage) implements GlueEvent {
    }

    /** The every-minute schedule tick. */
    record ScheduleTick(String eventId, Instant time) implements GlueEvent {
    }

    /**
     * An event an EVENT trigger's rule matched, as the rule's input transformer wrapped it (see
     * {@code contract/EventTriggerInput}): the trigger and its workflow, and the whole original event ({@code eventId}
     * and {@code time} are EventBridge's). The event is data, never logged whole.
     */
    record TriggerEvent(String eventId, Instant time, String workflowName, String triggerName,
                        com.fasterxml.jackson.databind.JsonNode event) implements GlueEvent {
    }
}
