package dev.glueorch.engine;

/**
 * Bounds on what a Glue job state event may make the orchestrator write. Glue's job run ids are at most 255
 * characters (its API's {@code RunId} constraint); anything longer is not Glue's and, as a DynamoDB key, could exceed
 * the 2,048-byte partition key limit. Glue's error messages are not bounded, so an event's message is cut before it is
 * kept, far below DynamoDB's 400 KB item limit.
 */
final class JobRunIds {

    static final int MAX_LENGTH = 255;
    static final int MAX_MESSAGE_LENGTH = 2_048;

    private JobRunIds() {
    }

    /** Whether {@code jobRunId} can be a Glue job run id. */
    static boolean storable(String jobRunId) {
        return jobRunId != null && !jobRunId.isEmpty() && jobRunId.length() <= MAX_LENGTH;
    }

    /** The message, cut to {@link #MAX_MESSAGE_LENGTH} characters with a mark that it was cut. */
    static String boundedMessage(String message) {
        if (message == null || message.length() <= MAX_MESSAGE_LENGTH) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE_LENGTH) + " [cut: " + message.length() + " characters]";
    }
}
