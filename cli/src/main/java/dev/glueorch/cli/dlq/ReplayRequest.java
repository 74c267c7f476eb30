package dev.glueorch.cli.dlq;

/**
 * What to replay.
 *
 * @param queueUrl the dead-letter queue's URL
 * @param function the function (name, ARN or alias ARN) to invoke with every message; {@code null} to use each
 *                 message's {@code TARGET_ARN} attribute
 * @param max      at most this many messages are received and handled (at least 1)
 * @param dryRun   list what would be replayed; invoke nothing, delete nothing
 */
public record ReplayRequest(String queueUrl, String function, int max, boolean dryRun) {

    public static final int DEFAULT_MAX = 100;

    public ReplayRequest {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("queueUrl: required, e.g. https://sqs.us-east-1.amazonaws.com/"
                    + "123456789012/glueorch-dlq");
        }
        if (max < 1) {
            throw new IllegalArgumentException("max: must be at least 1, was " + max);
        }
    }
}
