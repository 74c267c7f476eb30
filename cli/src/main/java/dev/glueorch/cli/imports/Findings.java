package dev.glueorch.cli.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * The findings of one mapping, each naming where in the source it comes from: the source itself ({@code origin}:
 * the account and Region, or the template) and the object there ({@code workflow sales}, {@code trigger start}).
 */
final class Findings {

    private final String origin;
    private final List<ImportFinding> findings = new ArrayList<>();

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

    /** What was found so far, in order. */
    List<ImportFinding> list() {
        return List.copyOf(findings);
    }
}
