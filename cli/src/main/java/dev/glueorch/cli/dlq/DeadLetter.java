package dev.glueorch.cli.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One message of a dead-letter queue: the event it holds and why it got there, from either kind of dead-letter
 * queue the stack has.
 *
 * <ul>
 *   <li>a Lambda function's asynchronous-invocation DLQ: the body is the event, the attributes are
 *       {@code RequestID}, {@code ErrorCode} (a number: the HTTP status) and {@code ErrorMessage}; nothing names
 *       the function;</li>
 *   <li>an EventBridge rule target's DLQ: the body is the event, the attributes include {@code RULE_ARN},
 *       {@code TARGET_ARN} (the function alias the rule failed to invoke), {@code ERROR_CODE} and
 *       {@code ERROR_MESSAGE}.</li>
 * </ul>
 *
 * @param messageId     the SQS message id
 * @param receiptHandle the handle of this receipt, to delete or release the message
 * @param body          the body exactly as stored: what a replay sends
 * @param json          whether the body is one JSON value (Lambda refuses any other payload)
 * @param eventId       the event's {@code id}, if the body has one
 * @param detailType    the event's {@code detail-type}, if the body has one
 * @param targetArn     {@code TARGET_ARN} (EventBridge DLQ only)
 * @param errorCode     {@code ERROR_CODE} or {@code ErrorCode}
 * @param errorMessage  {@code ERROR_MESSAGE} or {@code ErrorMessage}
 */
public record DeadLetter(String messageId, String receiptHandle, String body, boolean json, String eventId,
                         String detailType, String targetArn, String errorCode, String errorMessage) {

    /** EventBridge rule targets' DLQ attributes. */
    public static final String TARGET_ARN = "TARGET_ARN";
    public static final String RULE_ARN = "RULE_ARN";
    public static final String ERROR_CODE = "ERROR_CODE";
    public static final String ERROR_MESSAGE = "ERROR_MESSAGE";
    /** Lambda asynchronous-invocation DLQ attributes. */
    public static final String REQUEST_ID = "RequestID";
    public static final String LAMBDA_ERROR_CODE = "ErrorCode";
    public static final String LAMBDA_ERROR_MESSAGE = "ErrorMessage";

    // Trailing text after the first value would make Lambda refuse the payload, so it is not JSON here either.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** Reads a message received with all its message attributes. */
    public static DeadLetter of(Message message) {
        JsonNode event = parse(message.body());
        return new DeadLetter(message.messageId(), message.receiptHandle(), message.body(), event != null,
                text(event, "id"), text(event, "detail-type"), attribute(message, TARGET_ARN),
                attribute(message, ERROR_CODE, LAMBDA_ERROR_CODE), attribute(message, ERROR_MESSAGE,
                LAMBDA_ERROR_MESSAGE));
    }

    private static JsonNode parse(String body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event == null ? null : event.get(field);
        return value == null || !value.isValueNode() ? null : value.asText();
    }

    private static String attribute(Message message, String... names) {
        for (String name : names) {
            MessageAttributeValue value = message.messageAttributes().get(name);
            // Number attributes (Lambda's ErrorCode) travel as their decimal text in StringValue as well.
            if (value != null && value.stringValue() != null) {
                return value.stringValue();
            }
        }
        return null;
    }
}
