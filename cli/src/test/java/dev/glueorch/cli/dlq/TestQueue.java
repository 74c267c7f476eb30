package dev.glueorch.cli.dlq;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A fresh SQS queue in moto, filled with dead-letter messages as Lambda and EventBridge write them. */
final class TestQueue {

    static final String RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/GlueOrchestrator-GlueJobStateChange";

    private final SqsClient sqs;
    private final String url;

    private TestQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    static TestQueue create(SqsClient sqs) {
        String name = "dlq-" + UUID.randomUUID();
        return new TestQueue(sqs, sqs.createQueue(r -> r.queueName(name)).queueUrl());
    }

    String url() {
        return url;
    }

    /** What an EventBridge rule target's DLQ receives when the rule could not invoke {@code targetArn}. */
    String sendRuleTargetDeadLetter(String event, String targetArn, String errorCode) {
        return send(event, Map.of(
                DeadLetter.RULE_ARN, text(RULE_ARN),
                DeadLetter.TARGET_ARN, text(targetArn),
                DeadLetter.ERROR_CODE, text(errorCode),
                DeadLetter.ERROR_MESSAGE, text("Lambda returned an error for " + targetArn),
                "RETRY_ATTEMPTS", text("0")));
    }

    /** What a function's asynchronous-invocation DLQ receives after Lambda's retries failed: no function named. */
    String sendFunctionDeadLetter(String event) {
        return send(event, Map.of(
                DeadLetter.REQUEST_ID, text(UUID.randomUUID().toString()),
                DeadLetter.LAMBDA_ERROR_CODE, MessageAttributeValue.builder().dataType("Number").stringValue("200")
                        .build(),
                DeadLetter.LAMBDA_ERROR_MESSAGE, text("Task timed out after 30.00 seconds")));
    }

    private String send(String body, Map<String, MessageAttributeValue> attributes) {
        return sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageAttributes(attributes)).messageId();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** The messages a consumer could receive now, left visible. */
    List<Message> visibleMessages() {
        return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0)).messages();
    }

    int visibleCount() {
        return count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    int inFlightCount() {
        return count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private int count(QueueAttributeName attribute) {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(attribute))
                .attributes().get(attribute));
    }
}
