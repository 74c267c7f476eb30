package dev.glueorch.cli.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glueorch.cli.output.Table;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an import did: the workflow files it wrote and every finding (the source's, the mapping's, the validator's),
 * as a summary for standard error, a table, or the JSON report
 * {@code {"Written": [{"Workflow", "File"}], "Findings": [{"Kind", "Source", "Subject", "Message"}]}}.
 */
public record ImportReport(List<Written> written, List<ImportFinding> findings) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ImportReport {
        written = List.copyOf(written);
        findings = List.copyOf(findings);
    }

    /** One workflow file written. */
    public record Written(String workflow, String file) {
    }

    /** Whether somebody must decide something: the exit code is then 1. */
    public boolean needsDecision() {
        return findings.stream().anyMatch(f -> f.kind() == ImportFinding.Kind.NEEDS_DECISION);
    }

    /** The report as JSON, for {@code --output json}. */
    public String json() {
        Map<String, Object> document = new LinkedHashMap<>();
        List<Map<String, Object>> files = new ArrayList<>();
        for (Written file : written) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Workflow", file.workflow());
            entry.put("File", file.file());
            files.add(entry);
        }
        List<Map<String, Object>> said = new ArrayList<>();
        for (ImportFinding finding : findings) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Kind", finding.kind().name());
            entry.put("Source", finding.source());
            entry.put("Subject", finding.subject());
            entry.put("Message", finding.message());
            said.add(entry);
        }
        document.put("Written", files);
        document.put("Findings", said);
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write maps of strings as JSON", e);
        }
    }

    /** The files written, one row each, for {@code --output table}. */
    public String table() {
        if (written.isEmpty()) {
            return "";
        }
        Table table = new Table("WORKFLOW", "FILE");
        written.forEach(file -> table.row(file.workflow(), file.file()));
        return table.render("");
    }

    /**
     * For standard error when the source has no Glue workflow or trigger at all: what the reading found (a resource
     * its Condition left out, the resources that stay with the template), then that nothing was imported.
     */
    public List<String> nothingToImport(String origin) {
        List<String> lines = findingLines();
        lines.add("nothing to import: " + origin + " has no Glue workflow or trigger; no file written");
        return lines;
    }

    /** For standard error: each file written, each finding, then the counts. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        written.forEach(file -> lines.add("wrote " + file.file() + " (workflow " + file.workflow() + ")"));
        lines.addAll(findingLines());
        Map<ImportFinding.Kind, Integer> counts = new EnumMap<>(ImportFinding.Kind.class);
        for (ImportFinding.Kind kind : ImportFinding.Kind.values()) {
            counts.put(kind, 0);
        }
        findings.forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
        lines.add(String.format(Locale.ROOT, "%d workflow file(s) written; %d finding(s) need a decision, %d carried "
                        + "differently, %d changed%s", written.size(), counts.get(ImportFinding.Kind.NEEDS_DECISION),
                counts.get(ImportFinding.Kind.CARRIED_DIFFERENTLY), counts.get(ImportFinding.Kind.CHANGED),
                needsDecision() ? ": review the NEEDS_DECISION lines before deploying" : ""));
        return lines;
    }

    private List<String> findingLines() {
        List<String> lines = new ArrayList<>();
        for (ImportFinding finding : findings) {
            lines.add(finding.kind() + ": " + finding.subject() + ": " + finding.message() + " [" + finding.source()
                    + "]");
        }
        return lines;
    }
}
