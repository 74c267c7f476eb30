package dev.glueorch.cli.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glueorch.cli.output.Table;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code glueorch dlq replay} prints its report. */
enum OutputFormat {

    /** A summary line, then one row per message. */
    table {
        @Override
        String render(ReplayReport report) {
            StringBuilder text = new StringBuilder(report.queueUrl()).append(": ")
                    .append(report.results().size()).append(" message(s)");
            if (report.dryRun()) {
                text.append(String.format(", dry run (nothing invoked or deleted): %d would be replayed, %d would be "
                        + "left%n", report.wouldReplay(), report.left()));
            } else {
                text.append(String.format(": %d replayed, %d left, %d failed%n", report.replayed(), report.left(),
                        report.failed()));
            }
            if (!report.results().isEmpty()) {
                Table table = new Table("STATUS", "EVENT ID", "DETAIL-TYPE", "TARGET", "ERROR CODE", "REASON");
                for (ReplayResult result : report.results()) {
                    DeadLetter deadLetter = result.deadLetter();
                    table.row(result.outcome().status(), deadLetter.eventId(), deadLetter.detailType(),
                            result.outcome().target(), deadLetter.errorCode(), result.outcome().reason());
                }
                text.append(table.render(""));
            }
            report.problems().forEach(problem -> text.append("problem: ").append(problem).append('\n'));
            return text.toString();
        }
    },

    /** The report as one JSON document. */
    json {
        @Override
        String render(ReplayReport report) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("replayed", report.replayed());
            summary.put("wouldReplay", report.wouldReplay());
            summary.put("left", report.left());
            summary.put("failed", report.failed());
            List<Map<String, Object>> messages = new ArrayList<>();
            for (ReplayResult result : report.results()) {
                DeadLetter deadLetter = result.deadLetter();
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("messageId", deadLetter.messageId());
                message.put("eventId", deadLetter.eventId());
                message.put("detailType", deadLetter.detailType());
                message.put("status", result.outcome().status());
                message.put("target", result.outcome().target());
                message.put("errorCode", deadLetter.errorCode());
                message.put("errorMessage", deadLetter.errorMessage());
                message.put("reason", result.outcome().reason());
                messages.add(message);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("queueUrl", report.queueUrl());
            document.put("dryRun", report.dryRun());
            document.put("summary", summary);
            document.put("messages", messages);
            document.put("problems", report.problems());
            try {
                return MAPPER.writeValueAsString(document) + "\n";
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("cannot write maps of strings and numbers as JSON", e);
            }
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    abstract String render(ReplayReport report);
}
