package dev.glueorch.cli.imports;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings of one reading or mapping, each once, in the order found, each naming where in the source it comes
 * from: the source itself ({@code origin}: the account and Region, or the template's file name) and the object there
 * ({@code workflow sales}, {@code trigger start}, a template resource's logical id), as {@code origin, object}.
 */
final class Findings {

    private final String origin;
    private final Set<ImportFinding> findings = new LinkedHashSet<>();

    Findings(String origin) {
        this.origin = origin;
    }

    void needsDecision(String object, String subject, String message) {
        add(ImportFinding.Kind.NEEDS_DECISION, object, subject, message);
    }

    void carriedDifferently(String object, String subject, String message) {
        add(ImportFinding.Kind.CARRIED_DIFFERENTLY, object, subject, message);
    }

    void changed(String object, String subject, String message) {
        add(ImportFinding.Kind.CHANGED, object, subject, message);
    }

    void add(ImportFinding.Kind kind, String object, String subject, String message) {
        findings.add(new ImportFinding(kind, origin + ", " + object, subject, message));
    }

    /** A finding about the source as a whole (the template's resources, say). */
    void addAboutSource(ImportFinding.Kind kind, String subject, String message) {
        findings.add(new ImportFinding(kind, origin, subject, message));
    }

    /** What was found so far, in order. */
    List<ImportFinding> list() {
        return List.copyOf(findings);
    }
}
