package dev.glueorch.engine;

/** An operator's request that cannot be carried out; the message names the workflow, run or trigger and what to do. */
public final class OperationException extends RuntimeException {

    /** Why: what was named does not exist, is in a state that forbids it, or the request is malformed. */
    public enum Kind {
        NOT_FOUND, INVALID_STATE, INVALID_INPUT
    }

    private final Kind kind;

    public OperationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
