package dev.glueorch.cli.imports;

/**
 * One thing an import says about what it carried: where ({@code source}: the account or the template, and the
 * resource or API object; {@code subject}: the workflow, trigger or field) and what ({@code message}, saying what to
 * decide or check). {@link Kind#NEEDS_DECISION} makes the import exit 1; the others are information.
 */
public record ImportFinding(Kind kind, String source, String subject, String message) {

    public enum Kind {
        /** Not carried, or not resolvable: somebody must decide (a trigger outside any workflow, a Ref to nothing). */
        NEEDS_DECISION,
        /** Carried, but the orchestrator behaves differently (MaxConcurrentRuns waits instead of refusing). */
        CARRIED_DIFFERENTLY,
        /** Changed by an option the user gave (a Partitioning added by --partitioning). */
        CHANGED
    }
}
