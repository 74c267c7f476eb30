package dev.glueorch.aws;

/**
 * An AWS service spoken in the AWS JSON 1.1 protocol: where it lives ({@code endpointPrefix}), how requests to it are
 * signed ({@code signingName}) and how an operation is named in the {@code X-Amz-Target} header
 * ({@code targetPrefix.Operation}).
 */
public record JsonService(String endpointPrefix, String signingName, String targetPrefix) {

    public static final JsonService GLUE = new JsonService("glue", "glue", "AWSGlue");
    public static final JsonService EVENTBRIDGE = new JsonService("events", "events", "AWSEvents");
}
