package dev.glueorch.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.OrchestratorEvent;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** One line per thing that happens in the local orchestrator, stamped with its clock's time. */
final class LocalLog {

    private final PrintWriter out;
    private final Clock clock;

    LocalLog(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void line(String what) {
        out.println(clock.instant().truncatedTo(ChronoUnit.SECONDS) + "  " + what);
        out.flush();
    }

    /**
     * The orchestrator's bus: it accepts every event and prints the runs' and the notifications (the jobs' lines come
     * from Glue, whichever process started them).
     */
    EventPublisher bus() {
        return events -> {
            Set<String> accepted = new HashSet<>();
            for (OrchestratorEvent event : events) {
                describe(event);
                accepted.add(event.eventId());
            }
            return accepted;
        };
    }

    /** A Glue event the simulated Glue sends to the handlers. */
    void glueEvent(JsonNode event) {
        JsonNode detail = event.path("detail");
        String state = detail.path("state").asText();
        switch (event.path("detail-type").asText()) {
            case "Glue Job State Change" -> line(String.format("job %s %s (%s)", detail.path("jobName").asText(),
                    state, detail.path("jobRunId").asText()));
            case "Glue Job Run Status" -> line(String.format("job %s still running after its NotifyDelayAfter (%s)",
                    detail.path("jobName").asText(), detail.path("jobRunId").asText()));
            case "Glue Crawler State Change" -> line(String.format("crawler %s %s",
                    detail.path("crawlerName").asText(), state));
            default -> line(event.path("detail-type").asText());
        }
    }

    private void describe(OrchestratorEvent event) {
        if (event instanceof OrchestratorEvent.WorkflowRunStarted started) {
            line(String.format("run %s %s started (partition %s)", started.workflowName(), started.workflowRunId(),
                    started.partition()));
        } else if (event instanceof OrchestratorEvent.WorkflowRunCompleted completed) {
            line(String.format("run %s %s %s (%s)", completed.workflowName(), completed.workflowRunId(),
                    completed.status(), counts(completed.statistics().toGlueShape())));
        } else if (event instanceof OrchestratorEvent.Notification notification) {
            line(String.format("notification %s: %s %s%s", notification.detailType(), notification.workflowName(),
                    notification.workflowRunId(), notification.name() == null ? "" : " " + notification.name()));
        }
    }

    /** The statistics that are not zero, e.g. {@code TotalActions 5, SucceededActions 5}. */
    private static String counts(Map<String, Object> statistics) {
        StringJoiner counts = new StringJoiner(", ");
        statistics.forEach((name, value) -> {
            if (!List.of(0, 0L).contains(value)) {
                counts.add(name + " " + value);
            }
        });
        return counts.toString();
    }
}
