package dev.glueorch.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One AWS service's operations in the AWS JSON 1.1 protocol, as {@link AwsJsonServer} routes them. */
interface JsonApi {

    /** The service's {@code X-Amz-Target} prefix, e.g. {@code AWSGlue} in {@code AWSGlue.StartJobRun}. */
    String targetPrefix();

    /**
     * Answers one request.
     *
     * @throws AwsApiException with the service's error type for what it would refuse
     */
    ObjectNode answer(String operation, JsonNode request);
}
