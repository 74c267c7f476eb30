package dev.glueorch.cli.imports;

/**
 * An import that cannot go on, with one line that says what was wrong and what to do: {@link Kind#BAD_INPUT} for
 * what the user gave (a workflow the source does not have, a template that cannot be read; exit 2),
 * {@link Kind#FAILED} for what stood in the way (no credentials, access denied, AWS unreachable; exit 1).
 */
public final class ImportException extends RuntimeException {

    /** Whose the fault is, which decides the exit code. */
    public enum Kind { BAD_INPUT, FAILED }

    private final Kind kind;

    public ImportException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ImportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
