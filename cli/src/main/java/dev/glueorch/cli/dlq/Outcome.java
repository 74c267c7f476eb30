package dev.glueorch.cli.dlq;

/**
 * What a replay did with one dead-letter message: re-drove it, would re-drive it (dry run), left it in the queue
 * because it cannot be re-driven as it is, or failed to re-drive it.
 */
public sealed interface Outcome {

    /** The label reports use: {@code REPLAYED}, {@code WOULD_REPLAY}, {@code LEFT} or {@code FAILED}. */
    String status();

    /** The function the event went, would go or failed to go to; {@code null} when there is none. */
    String target();

    /** Why the message is still in the queue; {@code null} when nothing needs doing. */
    String reason();

    /** Whether the message still needs someone's attention: it was left, or its replay failed. */
    default boolean needsAttention() {
        return reason() != null;
    }

    /** Lambda accepted the event (202) and the message was deleted. */
    record Replayed(String target) implements Outcome {
        @Override
        public String status() {
            return "REPLAYED";
        }

        @Override
        public String reason() {
            return null;
        }
    }

    /** A dry run would invoke {@code target} with the message's body. */
    record WouldReplay(String target) implements Outcome {
        @Override
        public String status() {
            return "WOULD_REPLAY";
        }

        @Override
        public String reason() {
            return null;
        }
    }

    /** Not re-driven and still in the queue, for the reason given (no target, a body that is not JSON, ...). */
    record Left(String target, String reason) implements Outcome {
        @Override
        public String status() {
            return "LEFT";
        }
    }

    /** Re-driving failed (Lambda refused the invoke, or the message could not be deleted); still in the queue. */
    record Failed(String target, String reason) implements Outcome {
        @Override
        public String status() {
            return "FAILED";
        }
    }
}
