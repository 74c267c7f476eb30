package dev.glueorch.cli.imports;

import dev.glueorch.cli.imports.ImportFinding.Kind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What reading one template says about it, each finding once, in the order found. A finding's {@code source} is the
 * template's file name and the resource's logical id ({@code etl.yaml NightlyTrigger}), its {@code subject} the
 * property path ({@code Actions[0].Arguments.--region}).
 */
final class TemplateFindings {

    private final String fileName;
    private final Set<ImportFinding> findings = new LinkedHashSet<>();

    TemplateFindings(String fileName) {
        this.fileName = fileName;
    }

    void add(Kind kind, String logicalId, String subject, String message) {
        findings.add(new ImportFinding(kind, source(logicalId), subject, message));
    }

    /** A finding about the template as a whole. */
    void addForTemplate(Kind kind, String subject, String message) {
        findings.add(new ImportFinding(kind, fileName, subject, message));
    }

    String source(String logicalId) {
        return fileName + " " + logicalId;
    }

    List<ImportFinding> list() {
        return List.copyOf(findings);
    }
}
