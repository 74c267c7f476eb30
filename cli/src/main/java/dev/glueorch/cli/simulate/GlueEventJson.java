package dev.glueorch.cli.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.model.JobRunState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The EventBridge events Glue and the scheduler send, in the documented shapes of {@code events/}: what the
 * simulated Glue emits and the real handlers parse.
 */
public final class GlueEventJson {

    /** The account a single-account simulation runs in. */
    public static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GlueEventJson() {
    }

    static ObjectNode jobStateChange(String account, Instant time, String jobName, String jobRunId,
                                     JobRunState state) {
        ObjectNode event = envelope(account, "Glue Job State Change", "aws.glue", time);
        ObjectNode detail = event.putObject("detail");
        detail.put("jobName", jobName);
        detail.put("severity", switch (state) {
            case FAILED -> "ERROR";
            case TIMEOUT -> "WARN";
            default -> "INFO";
        });
        detail.put("state", state.name());
        detail.put("jobRunId", jobRunId);
        detail.put("message", switch (state) {
            case SUCCEEDED -> "Job run succeeded";
            case TIMEOUT -> "Job run timed out";
            case STOPPED -> "Job run stopped";
            default -> "JobName:" + jobName + " and JobRunId:" + jobRunId + " failed to execute with exception "
                    + "Simulated failure";
        });
        return event;
    }

    static ObjectNode jobRunStatus(String account, Instant time, String jobName, String jobRunId,
                                   int notifyDelayAfter, Instant startedOn) {
        ObjectNode event = envelope(account, "Glue Job Run Status", "aws.glue", time);
        ObjectNode detail = event.putObject("detail");
        detail.put("jobName", jobName);
        detail.put("severity", "INFO");
        detail.putObject("notificationCondition").put("NotifyDelayAfter", (double) notifyDelayAfter);
        detail.put("state", "RUNNING");
        detail.put("jobRunId", jobRunId);
        detail.put("message", "Job is in RUNNING state");
        detail.put("startedOn", startedOn.toString());
        return event;
    }

    static ObjectNode crawlerStateChange(String account, Instant time, String crawlerName, String state) {
        ObjectNode event = envelope(account, "Glue Crawler State Change", "aws.glue", time);
        ObjectNode detail = event.putObject("detail");
        detail.put("accountId", account);
        detail.put("crawlerName", crawlerName);
        detail.put("state", state);
        detail.put("message", "Crawler " + state);
        if (state.equals("Failed")) {
            detail.put("errorMessage", "Simulated failure");
        }
        return event;
    }

    public static ObjectNode scheduledEvent(String account, Instant time) {
        ObjectNode event = envelope(account, "Scheduled Event", "aws.events", time);
        event.putArray("resources").add("arn:aws:events:" + REGION + ":" + account + ":rule/glue-orchestrator-tick");
        event.putObject("detail");
        return event;
    }

    /** An orchestrator's own event as another account's orchestrator receives it (cross-account chaining). */
    static ObjectNode orchestratorEvent(String account, OrchestratorEvent event) {
        ObjectNode json = envelope(account, event.detailType(), OrchestratorEvent.SOURCE, event.time());
        ObjectNode detail = JSON.valueToTree(event.detail());
        detail.put("eventBusArn", busArn(account));
        json.set("detail", detail);
        return json;
    }

    /** The orchestrator bus of a simulated account. */
    static String busArn(String account) {
        return "arn:aws:events:" + REGION + ":" + account + ":event-bus/glue-orchestrator";
    }

    private static ObjectNode envelope(String account, String detailType, String source, Instant time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", account);
        // EventBridge times have whole seconds
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", REGION);
        event.putArray("resources");
        return event;
    }
}
