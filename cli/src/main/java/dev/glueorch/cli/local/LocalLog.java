package dev.glueorch.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.EventPublisher;
import dev.glueorch.engine.OrchestratorEvent;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.StringJoiner;

/** One line per thing that happens in the local orchestrator, stamped with its clock's time. */
final class LocalLog {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                published(event.detailType(), JSON.valueToTree(event.detail()));
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

    /**
     * An event published to the orchestrator's bus, by the local functions or by an operator command: runs and
     * notifications get a line (the jobs' lines come from Glue, whichever process started them).
     */
    void published(String detailType, JsonNode detail) {
        // a missing partition has no run: its partition says which
        String run = detail.path("workflowName").asText() + " " + (detail.has("workflowRunId")
                ? detail.path("workflowRunId").asText() : "partition " + detail.path("partition").asText());
        if ("Workflow Run Started".equals(detailType)) {
            line(String.format("run %s started (partition %s)", run, detail.path("partition").asText()));
        } else if ("Workflow Run Completed".equals(detailType)) {
            line(String.format("run %s %s (%s)", run, detail.path("status").asText(),
                    counts(detail.path("statistics"))));
        } else if (OrchestratorEvent.NOTIFICATION_DETAIL_TYPES.contains(detailType)) {
            String name = detail.path(detail.has("crawlerName") ? "crawlerName" : "jobName").asText();
            line(String.format("notification %s: %s%s", detailType, run, name.isEmpty() ? "" : " " + name));
        }
    }

    /** The statistics that are not zero, e.g. {@code TotalActions 5, SucceededActions 5}. */
    private static String counts(JsonNode statistics) {
        StringJoiner counts = new StringJoiner(", ");
        statistics.properties().forEach(entry -> {
            if (entry.getValue().asLong() != 0) {
                counts.add(entry.getKey() + " " + entry.getValue().asText());
            }
        });
        return counts.toString();
    }
}
